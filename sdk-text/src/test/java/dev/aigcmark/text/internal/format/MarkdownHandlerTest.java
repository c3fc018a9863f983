package dev.aigcmark.text.internal.format;

import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.Verifier;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.label.AigcLabel;
import dev.aigcmark.core.label.LabelJson;
import dev.aigcmark.core.label.LabelProblem;
import dev.aigcmark.core.mark.ExplicitLabel;
import dev.aigcmark.core.report.Status;
import dev.aigcmark.core.report.StatusCodes;
import dev.aigcmark.core.report.VerificationReport;
import dev.aigcmark.core.spi.Carrier;
import dev.aigcmark.core.spi.CarrierType;
import dev.aigcmark.core.spi.ContentEdit;
import dev.aigcmark.core.spi.Container;
import dev.aigcmark.core.spi.MarkCodec;
import dev.aigcmark.text.TextTesting;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.aigcmark.text.TextTesting.bytes;
import static org.assertj.core.api.Assertions.assertThat;

class MarkdownHandlerTest {
    private final MarkdownHandler handler = new MarkdownHandler();
    private static final String FRONT = "---\ntitle: \"Notes\"   # a comment\ntags: [a, b]\nauthor:\n  name: x\n---\n";
    private static final String BODY = "# Heading\n\nSome prose. More prose!\n\n```\ncode. here.\n```\n";

    @Test
    void winsOverPlainTextOnlyByExtension() {
        byte[] b = bytes(BODY);
        assertThat(handler.sniff(b, b.length, "notes.md")).isTrue();
        assertThat(handler.sniff(b, b.length, "NOTES.Markdown")).isTrue();
        assertThat(handler.sniff(b, b.length, "notes.txt")).isFalse();
        assertThat(handler.priority()).isGreaterThan(new PlainTextHandler().priority());
        assertThat(new Verifier(TextTesting.context()).verify(MediaInput.of(b, "x.md")).format()).isEqualTo("markdown");
    }

    @Test
    void addsTheBlockAndKeepsExistingFrontMatterLineForLine() throws Exception {
        AigcLabel label = TextTesting.label("id-1");
        String marked = TextTesting.writeLabel(handler, FRONT + BODY, "a.md", label);
        assertThat(marked).startsWith(FRONT.substring(0, FRONT.length() - 4));
        assertThat(marked).endsWith("---\n" + BODY);
        assertThat(marked).contains("AIGC:\n  Label: \"1\"\n  ContentProducer: \"" + TextTesting.PRODUCER + "\"\n"
                + "  ProduceID: \"id-1\"\n  ReservedCode1: \"{\\\"SecurityData\\\":");
        Carrier c = TextTesting.scan(handler, marked, "a.md").carriers(CarrierType.AIGC_JSON).get(0);
        LabelJson.Parsed parsed = LabelJson.parse(c.text());
        assertThat(parsed.label()).contains(label);
        assertThat(parsed.problems()).isEmpty();
    }

    @Test
    void withoutFrontMatterANewOneComesFirst() throws Exception {
        String marked = TextTesting.writeLabel(handler, BODY, "a.md", TextTesting.label("id-1"));
        assertThat(marked).startsWith("---\nAIGC:\n").endsWith("\"\n---\n" + BODY);
        assertThat(TextTesting.scan(handler, marked, "a.md").carriers(CarrierType.AIGC_JSON)).hasSize(1);
    }

    @Test
    void reMarkingUpdatesInPlaceAndLeavesExactlyOneBlock() throws Exception {
        String twoBlocks = "---\ntitle: t\nAIGC:\n  Label: \"2\"\nother: 1\nAIGC: {\"Label\":\"3\"}\nend: 2\n---\n" + BODY;
        String marked = TextTesting.writeLabel(handler, twoBlocks, "a.md", TextTesting.label("id-2"));
        List<Carrier> carriers = TextTesting.scan(handler, marked, "a.md").carriers(CarrierType.AIGC_JSON);
        assertThat(carriers).hasSize(1);
        assertThat(marked).startsWith("---\ntitle: t\nAIGC:\n  Label: \"1\"\n").contains("\nother: 1\nend: 2\n---\n");
        String again = TextTesting.writeLabel(handler, marked, "a.md", TextTesting.label("id-2"));
        assertThat(again).isEqualTo(marked);
    }

    @Test
    void keepsCrlfLineBreaks() throws Exception {
        String crlf = (FRONT + BODY).replace("\n", "\r\n");
        String marked = TextTesting.writeLabel(handler, crlf, "a.md", TextTesting.label("id-1"));
        assertThat(marked.replace("\r\n", "")).doesNotContain("\n");
        assertThat(TextTesting.scan(handler, marked, "a.md").carriers(CarrierType.AIGC_JSON)).hasSize(1);
    }

    @Test
    void reportsKeysAndTypesAsFoundSoTheLabelParserCanNameThem() throws Exception {
        String md = "---\nAIGC:\n  Label: 1\n  ContentProducer: 'x'\n  ProduceID: abc # id\n  ReserveCode1: \"\"\n"
                + "  ContentPropagator:\n  PropagateID: \"\"\n  ReservedCode2: \"\"\n---\nText.\n";
        Carrier c = TextTesting.scan(handler, md, "a.md").carriers(CarrierType.AIGC_JSON).get(0);
        assertThat(c.text()).isEqualTo("{\"Label\":1,\"ContentProducer\":\"x\",\"ProduceID\":\"abc\",\"ReserveCode1\":\"\","
                + "\"ContentPropagator\":null,\"PropagateID\":\"\",\"ReservedCode2\":\"\"}");
        assertThat(LabelJson.parse(c.text()).problems()).extracting(LabelProblem::code)
                .contains(StatusCodes.LABEL_VALUE_NOT_STRING, StatusCodes.LABEL_KEY_MISNAMED);
    }

    @Test
    void readsJsonWrittenInlineAndReportsWhatItCannotRead() throws Exception {
        String json = LabelJson.toBareJson(TextTesting.label("id-7"));
        String inline = "---\nAIGC: '" + json + "'\n---\n";
        assertThat(TextTesting.scan(handler, inline, "a.md").carriers(CarrierType.AIGC_JSON))
                .singleElement().satisfies(c -> assertThat(c.text()).isEqualTo(json));

        String broken = "---\nAIGC:\n  Label: \"1\n  ProduceID:\n    nested: x\n---\n";
        Container c = TextTesting.scan(handler, broken, "a.md");
        assertThat(c.problems()).hasSize(2).allSatisfy(p -> assertThat(p.code()).isEqualTo(StatusCodes.ASSET_MALFORMED));
        assertThat(c.carriers(CarrierType.AIGC_JSON).get(0).text()).isEqualTo("{\"ProduceID\":null}");
    }

    /**
     * A front-matter line the reader cannot take is the file's problem: asset.malformed, quoting the line. When that
     * line says "could not finish" (the fuzz finding {@code TextFormatsFuzzTestInputs/plainAndMarkdown/
     * front-matter-line-quoting-could-not-finish.md}), it must still not pass for a codec that threw, which is our
     * defect and has its own code: the harness used to match the message text and took the one for the other.
     */
    @Test
    void aCodecThatThrowsHasItsOwnCodeWhichALineQuotingItsWordsDoesNotGet() {
        byte[] md = bytes("---\nAIGC:\n  Label: \"1\"\n  ReservedCode1:\" x could not finish\"\n---\n# Title\n");
        VerificationReport quoting = new Verifier(TextTesting.context()).verify(MediaInput.of(md, "a.md"));
        assertThat(quoting.diagnostics()).extracting(Status::code)
                .contains(StatusCodes.ASSET_MALFORMED).doesNotContain(StatusCodes.ASSET_CODEC_FAILED);

        MarkCodec failing = new MarkCodec() {
            @Override
            public String id() {
                return "failing";
            }

            @Override
            public void verify(Container container, SdkContext context, VerificationReport.Builder report) {
                throw new IllegalStateException("a bug");
            }
        };
        SdkContext withFailing = TextTesting.context().toBuilder().codecs(List.of(failing)).build();
        VerificationReport failed = new Verifier(withFailing).verify(MediaInput.of(md, "a.md"));
        assertThat(failed.diagnostics()).filteredOn(s -> s.code().equals(StatusCodes.ASSET_CODEC_FAILED))
                .singleElement().satisfies(s -> assertThat(s.message()).isEqualTo("failing could not finish: a bug"));
    }

    @Test
    void explicitLabelIsABlockquoteAfterTheFrontMatterAndDetected() throws Exception {
        ContentEdit edit = new ContentEdit("AI生成", "start", null, null);
        String once = TextTesting.mark(handler, FRONT + BODY, "a.md", edit);
        assertThat(once).isEqualTo(FRONT + "> AI生成\n\n" + BODY);
        assertThat(TextTesting.mark(handler, once, "a.md", edit)).isEqualTo(once);
        VerificationReport r = new Verifier(TextTesting.context()).verify(MediaInput.of(bytes(once), "a.md"));
        assertThat(r.findings(ExplicitLabel.class)).singleElement().satisfies(f -> {
            assertThat(((ExplicitLabel) f.mark()).text()).isEqualTo("AI生成");
            assertThat(f.mark().carrier()).isEqualTo("start (line 7)");
        });
    }

    @Test
    void aHeadingThatMentionsAiIsNotALabel() throws Exception {
        String md = "# AI生成艺术简史\n\nProse.\n";
        VerificationReport r = new Verifier(TextTesting.context()).verify(MediaInput.of(bytes(md), "a.md"));
        assertThat(r.findings(ExplicitLabel.class)).isEmpty();
    }

    @Test
    void frontMatterWithoutClosingLineIsNotFrontMatter() throws Exception {
        String md = "---\n\nA thematic break first.\n";
        String marked = TextTesting.writeLabel(handler, md, "a.md", TextTesting.label("id-1"));
        assertThat(marked).endsWith("---\n" + md);
        assertThat(TextTesting.scan(handler, marked, "a.md").carriers(CarrierType.AIGC_JSON)).hasSize(1);
    }
}
