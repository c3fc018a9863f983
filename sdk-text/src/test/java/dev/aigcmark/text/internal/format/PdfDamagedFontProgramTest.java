package dev.aigcmark.text.internal.format;

import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.report.StatusCodes;
import dev.aigcmark.core.spi.Container;
import dev.aigcmark.core.spi.TextView;
import dev.aigcmark.text.TextTesting;
import dev.aigcmark.text.internal.PdfResourceCache;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.LogRecord;

import static dev.aigcmark.text.internal.format.DamagedFontPdfs.TABLES;
import static dev.aigcmark.text.internal.format.DamagedFontPdfs.TEXT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An embedded TrueType program whose table directory points outside it (the pdf fuzz harness's finding of session
 * 17: fontbox warned once per directory entry, each time the font was made, 454 records for one input). The font is
 * made without the program after one look at the directory; its text still reads through its ToUnicode map, and the
 * report says which font was read without its program.
 */
class PdfDamagedFontProgramTest {
    @Test
    void aFontProgramWhoseDirectoryPointsOutsideItIsReadWithoutItAndLogsNothingPerEntry() throws Exception {
        byte[] pdf = DamagedFontPdfs.onePage();
        List<LogRecord> records = new ArrayList<>();
        Container scanned = DamagedFontPdfs.logged(records, () -> new PdfHandler().scan(MediaInput.of(pdf, "font.pdf"),
                TextTesting.context()));

        // the old code: 300 "Skip table ... which goes past the file size" warnings from fontbox for this one scan
        assertThat(DamagedFontPdfs.skippedTables(records)).as("fontbox's Skip table warnings").isZero();
        assertThat(records).hasSizeLessThan(10);
        assertThat(scanned.view(TextView.class).orElseThrow().text()).contains(TEXT);
        assertThat(scanned.problems()).anySatisfy(p -> {
            assertThat(p.code()).isEqualTo(StatusCodes.ASSET_MALFORMED);
            assertThat(p.message()).contains("FontFile2").contains(TABLES + " of its " + TABLES + " tables");
        });
    }

    /**
     * The cache holds fonts by soft reference, so a font can be made again after a garbage collection: the damaged
     * program is then still said once (the old list said it once per making, so the report depended on memory
     * pressure). The collector's clearing is played by putting an empty reference in the font's place.
     */
    @Test
    void aFontMadeAgainAfterItsReferenceWasClearedIsSetAsideOnce() throws Exception {
        try (PDDocument doc = Loader.loadPDF(DamagedFontPdfs.onePage())) {
            PdfResourceCache cache = PdfResourceCache.keepFor(doc);
            COSObject indirect = (COSObject) doc.getPage(0).getResources().getCOSObject()
                    .getCOSDictionary(COSName.FONT).getItem(COSName.getPDFName("F1"));
            PDFont first = cache.getFont(indirect);
            cache.put(indirect, (PDFont) null);
            PDFont again = cache.getFont(indirect);

            assertThat(again).isNotNull().isNotSameAs(first);
            assertThat(cache.setAside()).hasSize(1);
            assertThat(cache.setAside().get(0)).contains("FontFile2");
        }
    }
}
