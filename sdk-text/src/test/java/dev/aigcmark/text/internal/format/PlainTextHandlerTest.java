package dev.aigcmark.text.internal.format;

import dev.aigcmark.core.Verifier;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.io.UnreadableInputException;
import dev.aigcmark.core.label.AigcLabel;
import dev.aigcmark.core.label.LabelJson;
import dev.aigcmark.core.mark.ExplicitLabel;
import dev.aigcmark.core.report.StatusCodes;
import dev.aigcmark.core.report.VerificationReport;
import dev.aigcmark.core.spi.Carrier;
import dev.aigcmark.core.spi.CarrierType;
import dev.aigcmark.core.spi.ContentEdit;
import dev.aigcmark.core.spi.Container;
import dev.aigcmark.core.spi.TextView;
import dev.aigcmark.text.TextTesting;
import dev.aigcmark.text.internal.Invisible;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.aigcmark.text.TextTesting.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlainTextHandlerTest {
    private final PlainTextHandler handler = new PlainTextHandler();
    private static final String TEXT = "第一段。这是人工智能写的。\n\nSecond paragraph. It ends here.\n";

    @Test
    void sniffsUtf8TextAndRejectsBinary() {
        byte[] text = bytes(TEXT);
        assertThat(handler.sniff(text, text.length, "a.txt")).isTrue();
        assertThat(handler.sniff(text, 4, "a.txt")).as("window cuts a 3-byte character").isTrue();
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
        assertThat(handler.sniff(png, png.length, "a.txt")).isFalse();
        byte[] nul = {'a', 0, 'b'};
        assertThat(handler.sniff(nul, 3, "a.txt")).isFalse();
        byte[] gbk = {(byte) 0xC4, (byte) 0xE3, (byte) 0xBA, (byte) 0xC3, 'x'};
        assertThat(handler.sniff(gbk, gbk.length, "a.txt")).isFalse();
    }

    @Test
    void signedLabelRoundTripsInvisiblyAtTheEnd() throws Exception {
        AigcLabel label = TextTesting.label("id-1");
        String marked = TextTesting.writeLabel(handler, TEXT, "a.txt", label);

        assertThat(Invisible.strip(marked)).as("visible text unchanged").isEqualTo(TEXT);
        assertThat(marked).endsWith("here.\uFEFF" + marked.substring(marked.indexOf('\uFEFF') + 1, marked.length() - 1) + "\n");
        Container c = TextTesting.scan(handler, marked, "a.txt");
        Carrier carrier = c.carriers(CarrierType.AIGC_JSON).get(0);
        assertThat(carrier.location()).isEqualTo("text wrapper");
        assertThat(LabelJson.parse(carrier.text()).label()).contains(label);
        assertThat(carrier.offset()).isEqualTo(TEXT.getBytes(StandardCharsets.UTF_8).length - 1);
        assertThat(c.view(TextView.class).orElseThrow().text()).isEqualTo(marked);
    }

    @Test
    void reLabellingLeavesExactlyOneLabel() throws Exception {
        String once = TextTesting.writeLabel(handler, TEXT, "a.txt", TextTesting.label("id-1"));
        String twice = TextTesting.writeLabel(handler, once, "a.txt", TextTesting.label("id-2"));
        List<Carrier> carriers = TextTesting.scan(handler, twice, "a.txt").carriers(CarrierType.AIGC_JSON);
        assertThat(carriers).hasSize(1);
        assertThat(LabelJson.parse(carriers.get(0).text()).label().orElseThrow().produceId()).isEqualTo("id-2");
        assertThat(Invisible.strip(twice)).isEqualTo(TEXT);
    }

    @Test
    void contentEditCarriesTheGivenSignedLabelText() throws Exception {
        String json = LabelJson.toBareJson(TextTesting.label("id-9"));
        String marked = TextTesting.mark(handler, TEXT, "a.txt", new ContentEdit(null, null, null, json));
        assertThat(TextTesting.scan(handler, marked, "a.txt").carriers(CarrierType.AIGC_JSON))
                .singleElement().satisfies(c -> assertThat(c.text()).isEqualTo(json));
    }

    @ParameterizedTest
    @ValueSource(strings = {"start", "end", "both"})
    void explicitLabelGoesWhereAskedAndOnlyOnceAfterRemarking(String placement) throws Exception {
        ContentEdit edit = new ContentEdit("本内容由AI生成", placement, null, null);
        String once = TextTesting.mark(handler, TEXT, "a.txt", edit);
        String twice = TextTesting.mark(handler, once, "a.txt", edit);
        assertThat(twice).isEqualTo(once);
        boolean start = !placement.equals("end");
        boolean end = !placement.equals("start");
        assertThat(once.startsWith("本内容由AI生成\n\n")).isEqualTo(start);
        assertThat(once.endsWith("\n\n本内容由AI生成\n")).isEqualTo(end);
        String without = once.replace("本内容由AI生成\n\n", "").replace("\n\n本内容由AI生成\n", "\n");
        assertThat(without).as("nothing else changed").isEqualTo(TEXT);
    }

    @Test
    void explicitLabelAndSignedLabelAreBothFoundByTheVerifier() throws Exception {
        String json = LabelJson.toBareJson(TextTesting.label("id-3"));
        String marked = TextTesting.mark(handler, TEXT, "a.txt", new ContentEdit("AI生成", "both", null, json));
        VerificationReport r = new Verifier(TextTesting.context()).verify(MediaInput.of(bytes(marked), "a.txt"));
        assertThat(r.format()).isEqualTo("text");
        assertThat(r.findings(ExplicitLabel.class)).hasSize(2).allSatisfy(f -> {
            assertThat(f.hasStatus(StatusCodes.EXPLICIT_FOUND)).isTrue();
            assertThat(f.hasStatus(StatusCodes.EXPLICIT_NONCONFORMING)).isFalse();
        });
        assertThat(r.findings(ExplicitLabel.class)).extracting(f -> ((ExplicitLabel) f.mark()).position())
                .containsExactly("start", "end");
    }

    @Test
    void aNonConformingLabelLineIsReportedAsSuch() throws Exception {
        String text = "Generated by AI\n\nSome text.\n";
        VerificationReport r = new Verifier(TextTesting.context()).verify(MediaInput.of(bytes(text), "a.txt"));
        assertThat(r.findings(ExplicitLabel.class)).singleElement().satisfies(f -> {
            assertThat(f.hasStatus(StatusCodes.EXPLICIT_NONCONFORMING)).isTrue();
            assertThat(f.statuses()).anySatisfy(s -> assertThat(s.message()).contains("generation element"));
        });
    }

    @Test
    void ordinaryTextIsNotMistakenForALabel() throws Exception {
        String text = "She said the MAIN result was generated.\n\nAI safety matters in many ways, and here is a long sentence about it that goes on.\n";
        VerificationReport r = new Verifier(TextTesting.context()).verify(MediaInput.of(bytes(text), "a.txt"));
        assertThat(r.marks()).isEmpty();
        String signed = "AI and You\n\nA talk about tools.\n\n— AI Weekly\n";
        assertThat(new Verifier(TextTesting.context()).verify(MediaInput.of(bytes(signed), "b.txt")).marks()).isEmpty();
    }

    @Test
    void invalidUtf8IsUnreadableAndTheInputIsUntouched(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.txt");
        byte[] bad = {'a', 'b', (byte) 0xE4, (byte) 0xB8};
        Files.write(file, bad);
        try (MediaInput in = MediaInput.of(file)) {
            assertThatThrownBy(() -> handler.markContent(in, new ByteArrayOutputStream(),
                    new ContentEdit("AI生成", null, null, null), TextTesting.context()))
                    .isInstanceOf(UnreadableInputException.class).hasMessageContaining("not valid UTF-8");
        }
        assertThat(Files.readAllBytes(file)).isEqualTo(bad);
        VerificationReport r = new Verifier(TextTesting.context()).verify(file);
        assertThat(r.unreadable()).isTrue();
    }

    @Test
    void structuredTextIsVerifiedButNeverWritten() throws Exception {
        String json = "{\"a\": \"First. Second.\"}\n";
        for (String name : new String[]{"data.json", "table.csv", "page.html", "Main.java"}) {
            assertThatThrownBy(() -> TextTesting.mark(handler, json, name, new ContentEdit("AI生成", null, null, null)))
                    .isInstanceOf(UnreadableInputException.class).hasMessageContaining("marking is refused");
            assertThatThrownBy(() -> TextTesting.writeLabel(handler, json, name, TextTesting.label("x")))
                    .isInstanceOf(UnreadableInputException.class);
            assertThat(new Verifier(TextTesting.context()).verify(MediaInput.of(bytes(json), name)).format()).isEqualTo("text");
        }
        assertThat(TextTesting.mark(handler, TEXT, "README", new ContentEdit("AI生成", null, null, null))).startsWith("AI生成");
    }

    @Test
    void aDamagedWrapperIsADiagnosticNotACrash() throws Exception {
        String marked = TextTesting.writeLabel(handler, TEXT, "a.txt", TextTesting.label("id-1"));
        String cut = marked.substring(0, marked.length() - 8) + "\n";
        Container c = TextTesting.scan(handler, cut, "a.txt");
        assertThat(c.carriers(CarrierType.AIGC_JSON)).isEmpty();
        assertThat(c.problems()).singleElement().satisfies(p -> assertThat(p.message()).contains("text wrapper"));
    }
}
