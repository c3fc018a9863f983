package dev.aigcmark.text.internal;

import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.pdmodel.DefaultResourceCache;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.documentinterchange.markedcontent.PDPropertyList;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.color.PDColorSpace;
import org.apache.pdfbox.pdmodel.graphics.pattern.PDAbstractPattern;
import org.apache.pdfbox.pdmodel.graphics.shading.PDShading;
import org.apache.pdfbox.pdmodel.graphics.state.PDExtendedGraphicsState;

/**
 * A document's resources (fonts above all) made once per document for text extraction. PDFBox keeps them in the
 * document's {@link DefaultResourceCache}, keyed by the indirect object, but since 3.0.x its text stripper drops a
 * page's resources from that cache when the page ends ({@code PDPage.removePageResourceFromCache}), keeping one
 * for good only once it was dropped three times. So a font used on every page was made again for each of the
 * first three pages read, and making a font decodes its whole program twice (once only to read its header,
 * {@code PDFontFactory.getFontHeader}): for a CJK font embedded whole, megabytes per page, which added up past a
 * mark's bytes-read limit over its several loads. This cache never drops anything: each font of a document is
 * made once, as in PDFBox before that change; the entries stay soft references, so memory pressure can still
 * clear them. One per document ({@link #keepFor}); not thread-safe, as the document is not.
 */
public final class PdfResourceCache extends DefaultResourceCache {
    /** The document's decode count kept from its loading ({@link PdfFilterBounds#keepCounting}), or null. */
    private PdfFilterBounds.Document decodeCount;

    private PdfResourceCache() {
    }

    /**
     * Gives {@code doc} this cache, unless it has it already (what was cached before is made again once); returns
     * the document's cache.
     */
    public static PdfResourceCache keepFor(PDDocument doc) {
        if (doc.getResourceCache() instanceof PdfResourceCache cache) {
            return cache;
        }
        PdfResourceCache cache = new PdfResourceCache();
        doc.setResourceCache(cache);
        return cache;
    }

    /** The per-document place for its decode count: it lives exactly as long as the document. */
    PdfFilterBounds.Document decodeCount() {
        return decodeCount;
    }

    void decodeCount(PdfFilterBounds.Document count) {
        decodeCount = count;
    }

    @Override
    public PDFont removeFont(COSObject indirect) {
        return null;
    }

    @Override
    public PDColorSpace removeColorSpace(COSObject indirect) {
        return null;
    }

    @Override
    public PDExtendedGraphicsState removeExtState(COSObject indirect) {
        return null;
    }

    @Override
    public PDShading removeShading(COSObject indirect) {
        return null;
    }

    @Override
    public PDAbstractPattern removePattern(COSObject indirect) {
        return null;
    }

    @Override
    public PDPropertyList removeProperties(COSObject indirect) {
        return null;
    }

    @Override
    public PDXObject removeXObject(COSObject indirect) {
        return null;
    }
}
