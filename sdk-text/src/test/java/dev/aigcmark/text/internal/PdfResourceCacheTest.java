package dev.aigcmark.text.internal;

import dev.aigcmark.core.MarkIntent;
import dev.aigcmark.core.Marker;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.Verifier;
import dev.aigcmark.core.mark.C2paManifest;
import dev.aigcmark.core.mark.ImplicitLabel;
import dev.aigcmark.core.report.ExitCodes;
import dev.aigcmark.core.report.VerificationReport;
import dev.aigcmark.testing.DevelopmentContexts;
import dev.aigcmark.text.PdfSamples;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each font of a PDF is made once per document for text extraction ({@link PdfResourceCache}), not again for each
 * page as PDFBox 3.0.8's stripper would (it drops a page's resources from the document's cache when the page ends).
 */
class PdfResourceCacheTest {
    @TempDir
    static Path home;
    static SdkContext context;

    @BeforeAll
    static void identity() throws Exception {
        context = DevelopmentContexts.marking(home.resolve("aigc"));
    }

    /** The page text verification reads: the font the first page made is the one every later page uses. */
    @Test
    void pageTextMakesTheSharedFontOnce() throws Exception {
        try (PDDocument doc = Loader.loadPDF(PdfSamples.prose(5, 0))) {
            COSObject font = sharedFont(doc);
            PdfPageText text = new PdfPageText();
            PDFont first = null;
            for (int page : new int[]{1, 2, 5, 3, 4}) {
                assertThat(text.page(doc, page)).contains("Page " + page + ".");
                PDFont cached = doc.getResourceCache().getFont(font);
                assertThat(cached).as("the font after page %d", page).isNotNull();
                if (first == null) {
                    first = cached;
                }
                assertThat(cached).as("the font after page %d", page).isSameAs(first);
            }
        }
    }

    /** The sentence ends marking looks up on each page, with a stripper of its own per page. */
    @Test
    void sentenceEndsMakeTheSharedFontOnce() throws Exception {
        try (PDDocument doc = Loader.loadPDF(PdfSamples.prose(4, 0))) {
            COSObject font = sharedFont(doc);
            PDFont first = null;
            for (int i = 0; i < 4; i++) {
                assertThat(PdfSentenceEnds.spots(doc, i, 842f)).as("page %d", i + 1).isNotEmpty();
                PDFont cached = doc.getResourceCache().getFont(font);
                assertThat(cached).as("the font after page %d", i + 1).isNotNull();
                if (first == null) {
                    first = cached;
                }
                assertThat(cached).as("the font after page %d", i + 1).isSameAs(first);
            }
        }
    }

    /**
     * A 100-page Chinese PDF with its 4 MB font embedded whole (2.2 MB compressed) is marked (with C2PA, which loads
     * it most often) and verifies. Each load made the font again for each of the first three pages read, and each
     * making decodes the whole font program twice: {@code aigc mark --c2pa} of such a file read more than the default
     * limit allows (16 times the file and 64 MB: 102 MB), {@code asset.limit.bytesRead}, while verifying it did not.
     * Marking now reads about 70 MB; the limit here is 10 times the file and 64 MB (89 MB), so that a regression
     * towards the old reads fails here first. ({@link #pageTextMakesTheSharedFontOnce} and
     * {@link #sentenceEndsMakeTheSharedFontOnce} fail whenever a font is made again.)
     */
    @Test
    void aLongCjkPdfWithAWholeFontIsMarkedAndVerifies(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isReadable(PdfSamples.CJK_FONT), "no " + PdfSamples.CJK_FONT);
        Path in = dir.resolve("cjk.pdf");
        Files.write(in, PdfSamples.cjkProse(100, PdfSamples.CJK_FONT));
        assertThat(Files.size(in)).as("the font is most of the file").isGreaterThan(2_000_000L);
        Path out = dir.resolve("marked.pdf");
        SdkContext tight = context.toBuilder().limits(context.limits().toBuilder().maxReadFactor(10).build()).build();

        new Marker(tight).mark(in, out, MarkIntent.builder().c2pa(true).build());

        VerificationReport r = new Verifier(context).verify(out);
        assertThat(ExitCodes.forReport(r)).as(r.failureCodes().toString()).isEqualTo(ExitCodes.VALID);
        assertThat(r.findings(ImplicitLabel.class)).hasSize(1);
        assertThat(r.findings(C2paManifest.class)).hasSize(1);
    }

    /** The indirect font every page's resources name /F1 (one object for all pages). */
    private static COSObject sharedFont(PDDocument doc) throws IOException {
        COSObject font = null;
        for (int i = 0; i < doc.getNumberOfPages(); i++) {
            COSDictionary fonts = doc.getPage(i).getResources().getCOSObject().getCOSDictionary(COSName.FONT);
            COSObject f = (COSObject) fonts.getItem(COSName.getPDFName("F1"));
            assertThat(font == null || f == font).as("page %d shares the font object", i + 1).isTrue();
            font = f;
        }
        return font;
    }
}
