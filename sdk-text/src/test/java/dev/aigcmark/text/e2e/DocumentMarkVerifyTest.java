package dev.aigcmark.text.e2e;

import dev.aigcmark.core.MarkIntent;
import dev.aigcmark.core.Marker;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.Verifier;
import dev.aigcmark.core.mark.ExplicitLabel;
import dev.aigcmark.core.mark.ImplicitLabel;
import dev.aigcmark.core.mark.Watermark;
import dev.aigcmark.core.report.ExitCodes;
import dev.aigcmark.core.report.StatusCodes;
import dev.aigcmark.core.report.TrustState;
import dev.aigcmark.core.report.VerificationReport;
import dev.aigcmark.text.OoxmlSamples;
import dev.aigcmark.text.PdfSamples;
import dev.aigcmark.text.internal.mark.TextMarkCodec;
import dev.aigcmark.testing.DevelopmentContexts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Every text format through the real Marker and Verifier (all handlers and codecs from the class path). */
class DocumentMarkVerifyTest {
    static final String PROSE = "Large language models write fluent text. They are trained on large corpora.\n\n"
            + "人工智能生成的内容需要标识。平台在传播内容时也要检查这些标识。\n";

    @TempDir
    static Path home;
    static SdkContext context;

    @BeforeAll
    static void identity() throws Exception {
        context = DevelopmentContexts.marking(home.resolve("aigc"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"txt", "md", "pdf", "docx"})
    void markThenVerifyIsValidAndReMarkingKeepsOneLabel(String ext, @TempDir Path dir) throws Exception {
        Path in = dir.resolve("in." + ext);
        byte[] original = switch (ext) {
            case "pdf" -> PdfSamples.prose(2, 0);
            case "docx" -> OoxmlSamples.docx();
            default -> PROSE.getBytes(StandardCharsets.UTF_8);
        };
        Files.write(in, original);
        Path once = dir.resolve("once." + ext);
        Path twice = dir.resolve("twice." + ext);
        Marker marker = new Marker(context);
        marker.mark(in, once, MarkIntent.builder().build());
        marker.mark(once, twice, MarkIntent.builder().explicitLabel("本内容由AI生成").build());
        assertThat(Files.readAllBytes(in)).isEqualTo(original);

        for (Path marked : new Path[]{once, twice}) {
            VerificationReport r = new Verifier(context).verify(marked);
            assertThat(ExitCodes.forReport(r)).as(r.failureCodes().toString()).isEqualTo(ExitCodes.VALID);
            assertThat(r.findings(ImplicitLabel.class)).singleElement()
                    .satisfies(f -> assertThat(f.hasStatus(StatusCodes.SIG_PRODUCER_VALID)).isTrue());
            assertThat(r.findings(ExplicitLabel.class)).isNotEmpty()
                    .allSatisfy(f -> assertThat(f.hasStatus(StatusCodes.EXPLICIT_NONCONFORMING)).isFalse());
            assertThat(r.findings(Watermark.class)).singleElement()
                    .satisfies(f -> assertThat(f.state()).isNotEqualTo(TrustState.INVALID))
                    .satisfies(f -> assertThat(f.hasStatus(StatusCodes.WM_TEXT_FOUND)).isTrue());
        }
        VerificationReport second = new Verifier(context).verify(twice);
        assertThat(second.findings(ExplicitLabel.class)).extracting(f -> ((ExplicitLabel) f.mark()).text())
                .containsOnly("本内容由AI生成");
    }
}
