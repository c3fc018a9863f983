package dev.aigcmark.text.internal;

import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.pdmodel.DefaultResourceCache;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.documentinterchange.markedcontent.PDPropertyList;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDFontFactory;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.color.PDColorSpace;
import org.apache.pdfbox.pdmodel.graphics.pattern.PDAbstractPattern;
import org.apache.pdfbox.pdmodel.graphics.shading.PDShading;
import org.apache.pdfbox.pdmodel.graphics.state.PDExtendedGraphicsState;

import java.io.IOException;
import java.lang.ref.SoftReference;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
 *
 * <p>A font whose embedded TrueType/OpenType program has a table directory pointing outside the program is made
 * without that program (PDFBox's fallback font, as for a program it cannot parse), after one look at the directory:
 * fontbox would log a warning for every such entry, up to 65,535, each time the font is made ({@link #setAside}).
 * The other TrueType/OpenType programs are decoded for that look and handed to PDFBox decoded, so it does not
 * decode them again. Fonts given directly in a resource dictionary (not by reference) and an ExtGState's fonts,
 * which PDFBox makes outside any cache, are made here too, once, when our text readers choose them ({@link #font}).
 */
public final class PdfResourceCache extends DefaultResourceCache {
    /** The document's decode count kept from its loading ({@link PdfFilterBounds#keepCounting}), or null. */
    private PdfFilterBounds.Document decodeCount;

    /**
     * The fonts made without their damaged program, each with why, in the order they were met; keyed by the font's
     * object (or dictionary, for a font given directly), because the cache holds fonts by soft reference and a font the garbage collector cleared is made again:
     * said once, the report does not depend on memory pressure.
     */
    private final Map<COSBase, String> setAside = new LinkedHashMap<>();

    /** The fonts given directly (not by reference), by their dictionary's identity, held as PDFBox holds fonts. */
    private final Map<COSDictionary, SoftReference<PDFont>> directFonts = new IdentityHashMap<>();

    private PdfResourceCache() {
    }

    /** The fonts of this document made without their embedded program, each named with why (none: empty). */
    public List<String> setAside() {
        return List.copyOf(setAside.values());
    }

    /**
     * The font made once for this document. A font not made yet that has a TrueType/OpenType program is made here:
     * from its program decoded once, or without it when its table directory does not fit in it. PDFBox makes the
     * others as usual, and caches them through {@link #put}.
     */
    @Override
    public PDFont getFont(COSObject indirect) {
        PDFont cached = super.getFont(indirect);
        if (cached != null || !(indirect.getObject() instanceof COSDictionary font)) {
            return cached;
        }
        PDFont made = checked(indirect, font);
        if (made != null) {
            put(indirect, made);
        }
        return made;
    }

    /**
     * The font {@code entry} names, made once for this document whether it is given by reference ({@link #getFont})
     * or directly, as a dictionary (kept here by that dictionary's identity); null when it names no font dictionary.
     * Our text readers choose every font through this ({@link PdfFontOperators}); PDFBox would make a direct font
     * again for each page and each form drawn, unchecked.
     */
    public PDFont font(COSBase entry) throws IOException {
        COSDictionary font = (entry instanceof COSObject indirect ? indirect.getObject() : entry)
                instanceof COSDictionary d ? d : null;
        if (font == null) {
            return null;
        }
        if (entry instanceof COSObject indirect) {
            PDFont cached = getFont(indirect);
            if (cached == null) {
                cached = PDFontFactory.createFont(font, this);
                put(indirect, cached);
            }
            return cached;
        }
        SoftReference<PDFont> kept = directFonts.get(font);
        PDFont cached = kept == null ? null : kept.get();
        if (cached == null) {
            cached = checked(font, font);
            if (cached == null) {
                cached = PDFontFactory.createFont(font, this);
            }
            directFonts.put(font, new SoftReference<>(cached));
        }
        return cached;
    }

    /**
     * {@code font} made from its TrueType/OpenType program decoded once, or without it when its directory is
     * damaged (said once for {@code key}); null for a font without such a program or one that could not be
     * prepared: PDFBox makes it as usual and meets the same problem (a limit, a broken stream) itself.
     */
    private PDFont checked(COSBase key, COSDictionary font) {
        try {
            Optional<FontPrograms.Prepared> prepared = FontPrograms.prepare(font);
            if (prepared.isEmpty()) {
                return null;
            }
            PDFont made = PDFontFactory.createFont(prepared.get().font(), this);
            prepared.get().damage().ifPresent(why -> setAside.putIfAbsent(key, "font " + made.getName() + ": " + why));
            return made;
        } catch (IOException | RuntimeException e) {
            return null;
        }
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
