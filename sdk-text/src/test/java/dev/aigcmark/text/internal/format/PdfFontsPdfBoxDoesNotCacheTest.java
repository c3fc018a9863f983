package dev.aigcmark.text.internal.format;

import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.report.Status;
import dev.aigcmark.core.report.StatusCodes;
import dev.aigcmark.core.spi.Container;
import dev.aigcmark.core.spi.TextView;
import dev.aigcmark.text.TextTesting;
import dev.aigcmark.text.internal.PdfSentenceEnds;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSFloat;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.LogRecord;

import static dev.aigcmark.text.internal.format.DamagedFontPdfs.TEXT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fonts PDFBox makes outside the document's resource cache, so without the check of their program
 * ({@code PdfResourceCache}): a font given directly in a resource dictionary (PDFBox makes it again for each
 * resource dictionary object it reads, one per page read and per form drawn) and an ExtGState's font (made at every
 * {@code gs}). With a program whose table directory points outside it, each making logged one fontbox warning per
 * directory entry: the old code logged 300 for each of the three draws of the form, and 300 for each {@code gs}.
 */
class PdfFontsPdfBoxDoesNotCacheTest {
    private static final COSName F1 = COSName.getPDFName("F1");
    private static final int DRAWS = 3;

    @Test
    void aDirectFontInAFormDrawnThreeTimesIsCheckedAndMadeOnce() throws Exception {
        byte[] pdf = DamagedFontPdfs.pdf(DamagedFontPdfs::onThePage, DamagedFontPdfs::pageFont,
                PdfFontsPdfBoxDoesNotCacheTest::intoAFormDrawnThreeTimes);
        try (PDDocument doc = Loader.loadPDF(pdf)) { // the file is as meant: the font only in the form, directly
            PDResources page = doc.getPage(0).getResources();
            PDFormXObject form = (PDFormXObject) page.getXObject(page.getXObjectNames().iterator().next());
            assertThat(page.getCOSObject().getItem(COSName.FONT)).isNull();
            assertThat(form.getResources().getCOSObject().getCOSDictionary(COSName.FONT).getItem(F1))
                    .isInstanceOf(COSDictionary.class);
        }

        assertReadOnceWithoutItsProgram(pdf);
    }

    @Test
    void aFontChosenByAGraphicsStateAtEachOfThreeGsIsCheckedAndMadeOnce() throws Exception {
        assertReadOnceWithoutItsProgram(DamagedFontPdfs.pdf(DamagedFontPdfs::onThePage, DamagedFontPdfs::pageFont,
                PdfFontsPdfBoxDoesNotCacheTest::chosenByAGraphicsState));
    }

    /** Marking finds sentence ends with its own text stripper: it chooses fonts the same way. */
    @Test
    void findingWhereTheMarkGoesMakesTheDirectFontOnceAndChecked() throws Exception {
        byte[] pdf = DamagedFontPdfs.pdf(DamagedFontPdfs::onThePage, DamagedFontPdfs::pageFont,
                PdfFontsPdfBoxDoesNotCacheTest::intoAFormDrawnThreeTimes);
        List<LogRecord> records = new ArrayList<>();
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            DamagedFontPdfs.logged(records, () -> PdfSentenceEnds.spots(doc, 0, 419.53f));
        }

        // the old code: 900 records, 300 "Skip table" for each draw of the form
        assertThat(DamagedFontPdfs.skippedTables(records)).as("fontbox's Skip table warnings").isZero();
    }

    private static void assertReadOnceWithoutItsProgram(byte[] pdf) throws IOException {
        List<LogRecord> records = new ArrayList<>();
        Container scanned = DamagedFontPdfs.logged(records, () -> new PdfHandler().scan(MediaInput.of(pdf, "font.pdf"),
                TextTesting.context()));

        // the old code: 900 "Skip table ... which goes past the file size" warnings from fontbox for this one scan
        assertThat(DamagedFontPdfs.skippedTables(records)).as("fontbox's Skip table warnings").isZero();
        assertThat(records).hasSizeLessThan(10);
        assertThat(scanned.view(TextView.class).orElseThrow().text()).contains(TEXT);
        List<Status> setAside = scanned.problems().stream()
                .filter(p -> p.code().equals(StatusCodes.ASSET_MALFORMED) && p.message().contains("FontFile2"))
                .toList();
        assertThat(setAside).hasSize(1);
    }

    /**
     * The page's text moved into a form XObject drawn {@value #DRAWS} times, its font given in the form's resources
     * as the dictionary itself, not a reference to it.
     */
    private static void intoAFormDrawnThreeTimes(PDDocument doc) throws IOException {
        PDPage page = doc.getPage(0);
        COSBase font = page.getResources().getCOSObject().getCOSDictionary(COSName.FONT).getDictionaryObject(F1);
        font.setDirect(true);
        COSDictionary fonts = new COSDictionary();
        fonts.setItem(F1, font);
        PDResources resources = new PDResources();
        resources.getCOSObject().setItem(COSName.FONT, fonts);
        PDFormXObject form = new PDFormXObject(doc);
        form.setBBox(page.getMediaBox());
        form.setResources(resources);
        try (OutputStream out = form.getCOSObject().createOutputStream()) {
            out.write(content(page));
        }
        PDResources pageResources = new PDResources();
        COSName name = pageResources.add(form);
        page.setResources(pageResources);
        setContent(doc, page, ("q /" + name.getName() + " Do Q\n").repeat(DRAWS));
    }

    /** The page's {@code Tf} replaced by {@value #DRAWS} {@code gs} of an ExtGState whose /Font is the same font. */
    private static void chosenByAGraphicsState(PDDocument doc) throws IOException {
        PDPage page = doc.getPage(0);
        COSDictionary resources = page.getResources().getCOSObject();
        COSArray setting = new COSArray();
        setting.add(resources.getCOSDictionary(COSName.FONT).getItem(F1));
        setting.add(new COSFloat(12));
        COSDictionary state = new COSDictionary();
        state.setItem(COSName.TYPE, COSName.EXT_G_STATE);
        state.setItem(COSName.FONT, setting);
        COSDictionary states = new COSDictionary();
        states.setItem(COSName.getPDFName("GS1"), state);
        resources.setItem(COSName.EXT_G_STATE, states);
        String content = new String(content(page), StandardCharsets.ISO_8859_1);
        assertThat(content).contains("/F1 12 Tf");
        setContent(doc, page, content.replace("/F1 12 Tf", "/GS1 gs\n".repeat(DRAWS)));
    }

    private static byte[] content(PDPage page) throws IOException {
        try (InputStream in = page.getContents()) {
            return in.readAllBytes();
        }
    }

    private static void setContent(PDDocument doc, PDPage page, String content) throws IOException {
        PDStream stream = new PDStream(doc);
        try (OutputStream out = stream.createOutputStream()) {
            out.write(content.getBytes(StandardCharsets.ISO_8859_1));
        }
        page.setContents(stream);
    }
}
