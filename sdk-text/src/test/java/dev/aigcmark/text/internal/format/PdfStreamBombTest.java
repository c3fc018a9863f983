package dev.aigcmark.text.internal.format;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.Verifier;
import dev.aigcmark.core.io.BudgetExceededException;
import dev.aigcmark.core.io.FileBudget;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.report.ExitCodes;
import dev.aigcmark.core.report.ReportJson;
import dev.aigcmark.core.report.Status;
import dev.aigcmark.core.report.StatusCodes;
import dev.aigcmark.core.report.VerificationReport;
import dev.aigcmark.core.spi.LabelEdit;
import dev.aigcmark.text.TextTesting;
import dev.aigcmark.text.internal.PdfFiles;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A PDF stream that decodes to more than the file's decompressed-bytes limit is refused by that limit
 * ({@code asset.limit.decompressedBytes}) wherever it sits, before PDFBox decodes it: the verdict is the limit's, not
 * a deadline's, so it does not depend on how fast the machine is (docs/robustness.md). Each bomb here decodes to 4
 * times the limit; the same document under the limit reads as usual.
 */
class PdfStreamBombTest {
    static final int LIMIT = 4 << 20;
    static final SdkContext CONTEXT = TextTesting.context().toBuilder()
            .limits(ReadLimits.defaults().toBuilder().maxDecompressedBytes(LIMIT).build()).build();

    /** Where the stream sits: each of these is decoded by a different PDFBox path. */
    enum Place {
        /** The page's single Flate content stream: PDFBox inflates it lazily (this took 10 s of CPU at 1.5 GB). */
        CONTENTS,
        /** A /Contents array: decoded whole into memory. */
        CONTENTS_ARRAY,
        /** A form XObject the page draws. */
        FORM,
        /** The catalog's XMP metadata stream. */
        METADATA,
        /** Two filters, ASCIIHex then Flate: the first stage's output feeds the second. */
        FILTER_CHAIN
    }

    @ParameterizedTest
    @EnumSource(Place.class)
    void aStreamDecodingPastTheLimitIsRefusedByThatLimit(Place place) throws IOException {
        VerificationReport report = new Verifier(CONTEXT).verify(MediaInput.of(pdf(place, 4L * LIMIT), "bomb.pdf"));
        assertThat(ExitCodes.forReport(report)).as(ReportJson.toJson(report)).isEqualTo(ExitCodes.UNREADABLE);
        assertThat(report.diagnostics()).as(ReportJson.toJson(report)).extracting(Status::code)
                .contains(StatusCodes.ASSET_LIMIT_DECOMPRESSED_BYTES)
                .doesNotContain(StatusCodes.ASSET_TIMEOUT);
    }

    @ParameterizedTest
    @EnumSource(Place.class)
    void underTheLimitTheSameDocumentReadsAndTakesALabel(Place place) throws IOException {
        byte[] pdf = pdf(place, LIMIT - (256 << 10));
        VerificationReport report = new Verifier(CONTEXT).verify(MediaInput.of(pdf, "fine.pdf"));
        assertThat(report.diagnostics()).as(ReportJson.toJson(report)).extracting(Status::code)
                .doesNotContain(StatusCodes.ASSET_LIMIT_DECOMPRESSED_BYTES);
        assertThat(ExitCodes.forReport(report)).as(ReportJson.toJson(report)).isEqualTo(ExitCodes.NO_MARKS);
        ByteArrayOutputStream labelled = new ByteArrayOutputStream();
        try (FileBudget.Scope ignored = FileBudget.forMark(CONTEXT.limits(), pdf.length).bind()) {
            new PdfHandler().writeLabel(MediaInput.of(pdf, "fine.pdf"), labelled,
                    new LabelEdit(TextTesting.label("pdf-bomb-1"), null), CONTEXT);
        }
        assertThat(labelled.size()).isGreaterThan(pdf.length);
    }

    @ParameterizedTest
    @EnumSource(value = Place.class, names = {"CONTENTS", "METADATA"})
    void markingRefusesABombWithTheSameLimit(Place place) throws IOException {
        byte[] pdf = pdf(place, 4L * LIMIT);
        try (FileBudget.Scope ignored = FileBudget.forMark(CONTEXT.limits(), pdf.length).bind()) {
            assertThatThrownBy(() -> new PdfHandler().writeLabel(MediaInput.of(pdf, "bomb.pdf"),
                    new ByteArrayOutputStream(), new LabelEdit(TextTesting.label("pdf-bomb-2"), null), CONTEXT))
                    .isInstanceOfSatisfying(BudgetExceededException.class,
                            e -> assertThat(e.limit()).isEqualTo(FileBudget.Limit.DECOMPRESSED_BYTES));
        }
    }

    /**
     * A PDF loaded by a caller that bound no file's budget (the SPI used directly, not through {@code Verifier} or
     * {@code Marker}) is measured against a default budget: a bomb twice the default limit is refused by that limit
     * while it is measured, not decoded whole by the reading that follows.
     */
    @Test
    void aDirectLoadWithNoBoundBudgetRefusesABombByTheDefaultLimit() throws IOException {
        long limit = ReadLimits.defaults().maxDecompressedBytes();
        byte[] pdf = pdf(Place.CONTENTS, 2 * limit);
        assertThat(FileBudget.isBound()).isFalse();

        assertThatThrownBy(() -> PdfFiles.load(pdf, "bomb.pdf", ReadLimits.defaults()).close())
                .isInstanceOfSatisfying(BudgetExceededException.class,
                        e -> assertThat(e.limit()).isEqualTo(FileBudget.Limit.DECOMPRESSED_BYTES));
    }

    /**
     * A page whose {@code /Contents} are two streams each declaring {@code /Subtype /Image} and decoding to 0.6 of the
     * limit: the measuring pass skips them (images are never decoded to read), yet PDFBox decodes a page's contents
     * whatever they declare, so the text extraction's decodes count in the document's total and the file is refused
     * by the limit. Before, each was bounded alone and the file read (exit 3).
     */
    @Test
    void contentsDisguisedAsImagesCountInTheDocumentsTotalWhenRead() throws IOException {
        VerificationReport report = new Verifier(CONTEXT).verify(MediaInput.of(imageTypedContents(LIMIT * 6L / 10),
                "disguised.pdf"));
        assertThat(ExitCodes.forReport(report)).as(ReportJson.toJson(report)).isEqualTo(ExitCodes.UNREADABLE);
        assertThat(report.diagnostics()).as(ReportJson.toJson(report)).extracting(Status::code)
                .contains(StatusCodes.ASSET_LIMIT_DECOMPRESSED_BYTES);

        VerificationReport fine = new Verifier(CONTEXT).verify(MediaInput.of(imageTypedContents(LIMIT * 4L / 10),
                "fine.pdf"));
        assertThat(ExitCodes.forReport(fine)).as(ReportJson.toJson(fine)).isEqualTo(ExitCodes.NO_MARKS);
    }

    /** A one-page PDF whose {@code /Contents} are two Flate streams of {@code each} spaces typed as images. */
    private static byte[] imageTypedContents(long each) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage(new PDRectangle(200, 200));
            doc.addPage(page);
            COSArray contents = new COSArray();
            byte[] spaces = new byte[1 << 16];
            Arrays.fill(spaces, (byte) ' ');
            for (int i = 0; i < 2; i++) {
                PDStream stream = new PDStream(doc);
                try (OutputStream out = stream.getCOSObject().createOutputStream(COSName.FLATE_DECODE)) {
                    for (long left = each; left > 0; left -= spaces.length) {
                        out.write(spaces, 0, (int) Math.min(spaces.length, left));
                    }
                }
                stream.getCOSObject().setItem(COSName.SUBTYPE, COSName.IMAGE);
                contents.add(stream.getCOSObject());
            }
            page.getCOSObject().setItem(COSName.CONTENTS, contents);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        }
    }

    /** A one-page PDF with a stream of {@code decoded} spaces at {@code place}, made by PDFBox. */
    static byte[] pdf(Place place, long decoded) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage(new PDRectangle(200, 200));
            doc.addPage(page);
            PDStream stream = new PDStream(doc);
            COSArray chain = new COSArray(List.of(COSName.ASCII_HEX_DECODE, COSName.FLATE_DECODE));
            try (OutputStream out = stream.getCOSObject().createOutputStream(
                    place == Place.FILTER_CHAIN ? chain : COSName.FLATE_DECODE)) {
                byte[] spaces = new byte[1 << 16];
                Arrays.fill(spaces, (byte) ' ');
                for (long left = decoded; left > 0; left -= spaces.length) {
                    out.write(spaces, 0, (int) Math.min(spaces.length, left));
                }
            }
            switch (place) {
                case CONTENTS, FILTER_CHAIN -> page.setContents(stream);
                case CONTENTS_ARRAY -> page.getCOSObject().setItem(COSName.CONTENTS,
                        new COSArray(List.of(stream.getCOSObject())));
                case FORM -> {
                    PDFormXObject form = new PDFormXObject(stream);
                    form.setBBox(new PDRectangle(200, 200));
                    page.setResources(new PDResources());
                    try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                        cs.drawForm(form);
                    }
                }
                case METADATA -> doc.getDocumentCatalog().setMetadata(new PDMetadata(stream.getCOSObject()));
                default -> throw new IllegalArgumentException(place.name());
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        }
    }
}
