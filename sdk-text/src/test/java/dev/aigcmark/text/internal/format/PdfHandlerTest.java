package dev.aigcmark.text.internal.format;

import dev.aigcmark.core.Verifier;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.io.UnreadableInputException;
import dev.aigcmark.core.label.AigcLabel;
import dev.aigcmark.core.label.LabelJson;
import dev.aigcmark.core.mark.ExplicitLabel;
import dev.aigcmark.core.mark.Watermark;
import dev.aigcmark.core.report.VerificationReport;
import dev.aigcmark.core.spi.CarrierType;
import dev.aigcmark.core.spi.ContentEdit;
import dev.aigcmark.core.spi.Container;
import dev.aigcmark.core.spi.LabelEdit;
import dev.aigcmark.core.internal.xmp.XmpPacket;
import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.spi.TextView;
import dev.aigcmark.testing.ExternalTools;
import dev.aigcmark.text.PdfSamples;
import dev.aigcmark.text.TextTesting;
import dev.aigcmark.text.internal.mark.TextMarks;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSDictionary;
import java.util.List;
import java.util.ArrayList;
import java.io.OutputStream;
import dev.aigcmark.core.report.StatusCodes;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PdfHandlerTest {
    static final PdfHandler HANDLER = new PdfHandler();
    static final byte[] PAYLOAD = TextTesting.payload(0x0A1B, 77);
    static final AigcLabel LABEL = TextTesting.label("pdf-1");
    static byte[] original;
    static byte[] marked;

    @BeforeAll
    static void markOnce() throws Exception {
        original = PdfSamples.prose(2, 90);
        marked = fullMark(original, LABEL, "AI生成", "both");
    }

    static byte[] fullMark(byte[] pdf, AigcLabel label, String wording, String placement) throws Exception {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        HANDLER.markContent(MediaInput.of(pdf, "a.pdf"), content,
                new ContentEdit(wording, placement, PAYLOAD, null), TextTesting.context());
        ByteArrayOutputStream labelled = new ByteArrayOutputStream();
        HANDLER.writeLabel(MediaInput.of(content.toByteArray(), "a.pdf"), labelled, new LabelEdit(label, null),
                TextTesting.context());
        return labelled.toByteArray();
    }

    @Test
    void keepsTheOriginalBytesAsAPrefix() {
        assertThat(marked.length).isGreaterThan(original.length);
        assertThat(Arrays.copyOf(marked, original.length)).isEqualTo(original);
    }

    @Test
    void ourScanFindsInfoXmpExplicitLabelAndTextMark() throws Exception {
        Container c = HANDLER.scan(MediaInput.of(marked, "a.pdf"), TextTesting.context());
        assertThat(c.carriers(CarrierType.AIGC_JSON)).singleElement().satisfies(
                carrier -> assertThat(carrier.text()).isEqualTo(LabelJson.toBareJson(LABEL)));
        assertThat(c.carriers(CarrierType.XMP)).singleElement().satisfies(carrier -> assertThat(
                XmpPacket.parse(carrier.data(), ReadLimits.defaults()).aigcLabelText()).contains(LabelJson.toBareJson(LABEL)));
        VerificationReport r = new Verifier(TextTesting.context()).verify(MediaInput.of(marked, "a.pdf"));
        assertThat(r.format()).isEqualTo("pdf");
        assertThat(r.findings(ExplicitLabel.class)).singleElement().satisfies(f -> {
            assertThat(((ExplicitLabel) f.mark()).text()).isEqualTo("AI生成");
            assertThat(f.mark().carrier()).isEqualTo("page 1");
        });
        assertThat(r.findings(Watermark.class)).singleElement().satisfies(f -> {
            assertThat(((Watermark) f.mark()).payloadHex()).isEqualTo(HexFormat.of().formatHex(PAYLOAD));
            // Per page: one run beside the label spot, and one after the first and after the last sentence end.
            assertThat(f.mark().describe()).containsEntry("places", 6).containsEntry("found", 6);
        });
    }

    @Test
    void verificationReadsTheFirstTwoPagesAndTheLastThenTheMiddle() {
        assertThat(PdfHandler.textPages(1)).containsExactly(1);
        assertThat(PdfHandler.textPages(2)).containsExactly(1, 2);
        assertThat(PdfHandler.textPages(3)).containsExactly(1, 2, 3);
        assertThat(PdfHandler.textPages(5)).containsExactly(1, 2, 5, 3, 4);
        assertThat(PdfHandler.textPages(400)).hasSize(PdfHandler.MAX_TEXT_PAGES).startsWith(1, 2, 400, 3, 4);
    }

    /** GB 45438 allows a text's explicit label "at a suitable middle position": a label on page 3 of 7 (the marked
     *  3-page document with four pages appended) is found once pages 1, 2 and 7 held none. */
    @Test
    void aLabelInTheMiddleOfALongDocumentIsFound() throws Exception {
        byte[] marked = fullMark(PdfSamples.prose(3, 0), LABEL, "AI生成", "end");
        byte[] extended;
        try (PDDocument doc = Loader.loadPDF(marked);
             PDDocument tail = Loader.loadPDF(PdfSamples.prose(4, 0))) {
            for (PDPage page : tail.getPages()) {
                doc.importPage(page);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            extended = out.toByteArray();
        }
        VerificationReport r = new Verifier(TextTesting.context()).verify(MediaInput.of(extended, "middle.pdf"));
        assertThat(r.findings(ExplicitLabel.class)).singleElement()
                .satisfies(f -> assertThat(f.mark().carrier()).isEqualTo("page 3"));
    }

    /** A long document labelled at its end: the label on the last page and the mark are found, and only the
     * pages read (1, 2 and 7: three mark places each) count. */
    @Test
    void aLongDocumentsLabelAtTheEndAndItsMarkAreFound() throws Exception {
        byte[] pdf = fullMark(PdfSamples.prose(7, 0), LABEL, "AI生成", "end");
        VerificationReport r = new Verifier(TextTesting.context()).verify(MediaInput.of(pdf, "long.pdf"));
        assertThat(r.findings(ExplicitLabel.class)).singleElement()
                .satisfies(f -> assertThat(f.mark().carrier()).isEqualTo("page 7"));
        assertThat(r.findings(Watermark.class)).singleElement().satisfies(f -> {
            assertThat(((Watermark) f.mark()).payloadHex()).isEqualTo(HexFormat.of().formatHex(PAYLOAD));
            assertThat(f.mark().describe()).containsEntry("places", 9).containsEntry("found", 9);
        });
    }

    /**
     * A page whose font PDFBox refuses (a CIDFont used as a page font: "Type 2 descendant font not allowed", the CI
     * loop's seeded mutant at seed 20261305) ends that page's text only: the label in the metadata and the explicit
     * label on the last page are still found, and the report names the page not read (it was an IOException out of
     * the scan, so the whole file was unreadable).
     */
    @Test
    void aPageWhoseFontPdfboxRefusesIsReportedAndTheOtherPagesAndTheLabelStillRead() throws Exception {
        byte[] labelled = fullMark(PdfSamples.prose(3, 0), LABEL, "AI生成", "end");
        byte[] broken;
        try (PDDocument doc = Loader.loadPDF(labelled)) {
            PDPage first = doc.getPage(0);
            COSDictionary cidFont = new COSDictionary();
            cidFont.setItem(COSName.TYPE, COSName.FONT);
            cidFont.setItem(COSName.SUBTYPE, COSName.CID_FONT_TYPE2);
            cidFont.setName(COSName.BASE_FONT, "Broken");
            first.getResources().getCOSObject().getCOSDictionary(COSName.FONT).setItem("F9", cidFont);
            PDStream uses = new PDStream(doc);
            try (OutputStream out = uses.createOutputStream()) {
                out.write("BT /F9 12 Tf 72 72 Td (x) Tj ET\n".getBytes(StandardCharsets.US_ASCII));
            }
            List<PDStream> contents = new ArrayList<>(List.of(uses));
            first.getContentStreams().forEachRemaining(contents::add);
            first.setContents(contents);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            broken = out.toByteArray();
        }
        Container c = HANDLER.scan(MediaInput.of(broken, "font.pdf"), TextTesting.context());
        assertThat(c.carriers(CarrierType.AIGC_JSON)).singleElement()
                .satisfies(carrier -> assertThat(carrier.text()).isEqualTo(LabelJson.toBareJson(LABEL)));
        assertThat(c.problems()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(StatusCodes.ASSET_MALFORMED);
            assertThat(p.message()).startsWith("page 1: its text cannot be read").contains("descendant font");
        });
        VerificationReport r = new Verifier(TextTesting.context()).verify(MediaInput.of(broken, "font.pdf"));
        assertThat(r.findings(ExplicitLabel.class)).singleElement()
                .satisfies(f -> assertThat(f.mark().carrier()).isEqualTo("page 3"));
    }

    @Test
    void popplerAndExiftoolReadWhatWeWrote(@TempDir Path dir) throws Exception {
        ExternalTools.assumeTool("pdftotext");
        ExternalTools.assumeTool("exiftool");
        Path file = dir.resolve("marked.pdf");
        Files.write(file, marked);
        ExternalTools.run("pdfinfo", file.toString()).requireSuccess();
        String text = ExternalTools.run("pdftotext", "-enc", "UTF-8", file.toString(), "-").requireSuccess().stdout();
        assertThat(text).contains("AI生成").contains("Large language models write fluent text.");
        assertThat(TextMarks.find(text)).hasSize(6).allSatisfy(s -> assertThat(s.payload()).isEqualTo(PAYLOAD));
        // Each paragraph as poppler extracts it carries the mark.
        for (String paragraph : text.split("\n\n")) {
            if (paragraph.contains("Large language models")) {
                int end = text.indexOf(paragraph) + paragraph.length();
                assertThat(TextMarks.find(text.substring(text.indexOf(paragraph), Math.min(text.length(), end + 60))))
                        .isNotEmpty();
            }
        }
        String exif = ExternalTools.run("exiftool", "-s", "-s", "-s", "-PDF:AIGC", file.toString()).requireSuccess().stdout();
        assertThat(exif.strip()).isEqualTo(LabelJson.toBareJson(LABEL));
        String xmp = ExternalTools.run("exiftool", "-b", "-XMP", file.toString()).requireSuccess().stdout();
        assertThat(xmp).contains("http://www.tc260.org.cn/ns/AIGC/1.0/").contains("pdf-1");
    }

    @Test
    void reMarkingLeavesExactlyOneLabel(@TempDir Path dir) throws Exception {
        AigcLabel second = TextTesting.label("pdf-2");
        byte[] twice = fullMark(marked, second, "本文由AI生成", "start");
        assertThat(Arrays.copyOf(twice, marked.length)).isEqualTo(marked);
        Container c = HANDLER.scan(MediaInput.of(twice, "a.pdf"), TextTesting.context());
        assertThat(c.carriers(CarrierType.AIGC_JSON)).singleElement()
                .satisfies(carrier -> assertThat(carrier.text()).contains("pdf-2"));
        XmpPacket xmp = XmpPacket.parse(c.carriers(CarrierType.XMP).get(0).data(), ReadLimits.defaults());
        assertThat(xmp.aigcLabelCount()).isEqualTo(1);
        assertThat(xmp.aigcLabelText().orElseThrow()).contains("pdf-2");
        String text = c.view(TextView.class).orElseThrow().text();
        assertThat(text.split("AI生成", -1)).as("one label, on page 1 only").hasSize(2);
        assertThat(text).contains("本文由AI生成");
        assertThat(TextMarks.find(text)).hasSize(6);
        ExternalTools.assumeTool("pdftotext");
        Path file = dir.resolve("twice.pdf");
        Files.write(file, twice);
        String popplerText = ExternalTools.run("pdftotext", "-enc", "UTF-8", file.toString(), "-").requireSuccess().stdout();
        assertThat(popplerText.split("AI生成", -1)).hasSize(2);
    }

    @Test
    void anEncryptedPdfIsRefusedForMarkingAndTheInputIsUntouched(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("enc.pdf");
        byte[] enc = PdfSamples.encrypted("");
        Files.write(file, enc);
        try (MediaInput in = MediaInput.of(file)) {
            assertThatThrownBy(() -> HANDLER.markContent(in, new ByteArrayOutputStream(),
                    new ContentEdit("AI生成", null, null, null), TextTesting.context()))
                    .isInstanceOf(UnreadableInputException.class).hasMessageContaining("encrypted");
        }
        assertThat(Files.readAllBytes(file)).isEqualTo(enc);
        Path locked = dir.resolve("locked.pdf");
        Files.write(locked, PdfSamples.encrypted("secret"));
        VerificationReport r = new Verifier(TextTesting.context()).verify(locked);
        assertThat(r.unreadable()).isTrue();
        assertThat(r.unreadableReason().orElseThrow()).contains("needs a password");
    }

    @Test
    void aBrokenXrefIsRefusedForMarkingButStillVerified() throws Exception {
        String s = new String(original, StandardCharsets.ISO_8859_1);
        int at = s.lastIndexOf("startxref") + "startxref".length();
        String broken = s.substring(0, at) + s.substring(at).replaceFirst("\\d+", "17");
        byte[] bytes = broken.getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> HANDLER.writeLabel(MediaInput.of(bytes, "b.pdf"), new ByteArrayOutputStream(),
                new LabelEdit(LABEL, null), TextTesting.context()))
                .isInstanceOf(UnreadableInputException.class).hasMessageContaining("not a cross-reference section");
        VerificationReport r = new Verifier(TextTesting.context()).verify(MediaInput.of(bytes, "b.pdf"));
        assertThat(r.unreadable()).isFalse();
        assertThat(r.diagnostics()).anySatisfy(d -> assertThat(d.message()).contains("cross-reference"));
    }

    /**
     * TextFormatsFuzzTest#pdf ({@code TextFormatsFuzzTestInputs/pdf/update-would-not-read-back.pdf}): a file whose
     * last revision has a damaged catalog reads (PDFBox reconstructs it), but the update appended to it did not
     * ("Page tree root must be a dictionary"), so marking handed over an unreadable file. It is refused now, the file
     * still verifies.
     */
    @Test
    void anUpdateThatWouldNotReadBackIsRefused() throws Exception {
        byte[] damaged;
        try (var in = getClass().getResourceAsStream(
                "/dev/aigcmark/text/fuzz/TextFormatsFuzzTestInputs/pdf/update-would-not-read-back.pdf")) {
            damaged = in.readAllBytes();
        }
        assertThat(HANDLER.scan(MediaInput.of(damaged, "d.pdf"), TextTesting.context())).isNotNull();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThatThrownBy(() -> HANDLER.writeLabel(MediaInput.of(damaged, "d.pdf"), out, new LabelEdit(LABEL, null),
                TextTesting.context()))
                .isInstanceOf(UnreadableInputException.class).hasMessageContaining("would not read back");
        assertThat(out.size()).as("nothing handed over").isZero();
        assertThat(new Verifier(TextTesting.context()).verify(MediaInput.of(damaged, "d.pdf")).unreadable()).isFalse();
    }

    @Test
    void aTruncatedPdfIsRefusedWithAClearMessage() {
        byte[] cut = Arrays.copyOf(original, original.length / 2);
        assertThatThrownBy(() -> HANDLER.markContent(MediaInput.of(cut, "t.pdf"), new ByteArrayOutputStream(),
                new ContentEdit("AI生成", null, null, null), TextTesting.context()))
                .isInstanceOf(UnreadableInputException.class).hasMessageContaining("truncated");
        byte[] garbage = "%PDF-1.7\n garbage".getBytes(StandardCharsets.US_ASCII);
        VerificationReport r = new Verifier(TextTesting.context()).verify(MediaInput.of(garbage, "g.pdf"));
        assertThat(r.unreadable()).isTrue();
    }
}
