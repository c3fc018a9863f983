package dev.aigcmark.text.internal;

import dev.aigcmark.image.internal.label.LabelFont;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TTFSubsetter;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The CJK TrueType font the PDF label is drawn with. Looked up in order: the system property
 * {@code aigcmark.label.font} (a .ttf or .ttc path), the font bundled with sdk-image, then well-known system
 * fonts; the first that has a glyph for every character of the label wins (the bundled subset covers the
 * usual wordings, a system font the rest). PDFBox needs TrueType outlines: the CFF-based Noto CJK fonts are rejected (java-notes.md).
 *
 * <p>We cut the subset ourselves (FontBox's TTFSubsetter, only the label's characters) and embed that small
 * font whole, rather than letting PDFBox subset at save time: in an incremental save PDFBox subsets after
 * deciding which objects to write, and the font would end up neither embedded nor extractable.
 */
public final class LabelFonts {
    public static final String PROPERTY = "aigcmark.label.font";
    private static final List<String> SYSTEM = List.of(
            "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
            "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc");

    private LabelFonts() {
    }

    /** A font for {@code text}, embedded in {@code doc}, or a failure naming what was tried. */
    public static PDType0Font load(PDDocument doc, String text) throws IOException {
        try (TrueTypeFont full = find(text)) {
            TTFSubsetter subsetter = new TTFSubsetter(full);
            subsetter.addAll(text.codePoints().boxed().collect(Collectors.toSet()));
            ByteArrayOutputStream subset = new ByteArrayOutputStream();
            subsetter.writeToStream(subset);
            return PDType0Font.load(doc, new ByteArrayInputStream(subset.toByteArray()), false);
        }
    }

    /** The first font, in lookup order, with a glyph for every character of {@code text}. */
    static TrueTypeFont find(String text) throws IOException {
        String configured = System.getProperty(PROPERTY);
        if (configured != null) {
            return requireCovers(fromFile(Path.of(configured)), text, configured);
        }
        // sdk-image's subset of WenQuanYi Micro Hei (ASCII and the usual label wordings).
        InputStream bundled = LabelFont.openFile();
        if (bundled != null) {
            TrueTypeFont font;
            try (bundled) {
                font = new TTFParser().parse(new RandomAccessReadBuffer(bundled));
            }
            if (covers(font, text)) {
                return font;
            }
            font.close();
        }
        for (String file : SYSTEM) {
            if (Files.isReadable(Path.of(file))) {
                TrueTypeFont font = fromFile(Path.of(file));
                if (covers(font, text)) {
                    return font;
                }
                font.close();
            }
        }
        throw new IOException("no CJK TrueType font covers every character of the label '" + text + "': set -D"
                + PROPERTY + "=<font.ttf>, or install fonts-droid-fallback or fonts-wqy-microhei");
    }

    static boolean covers(TrueTypeFont font, String text) throws IOException {
        var cmap = font.getUnicodeCmapLookup(false);
        return cmap != null && text.codePoints().allMatch(cp -> Character.isWhitespace(cp) || cmap.getGlyphId(cp) != 0);
    }

    private static TrueTypeFont requireCovers(TrueTypeFont font, String text, String where) throws IOException {
        if (!covers(font, text)) {
            font.close();
            throw new IOException(where + " lacks a glyph for some character of the label '" + text + "'");
        }
        return font;
    }

    private static TrueTypeFont fromFile(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            if (!file.toString().toLowerCase(Locale.ROOT).endsWith(".ttc")) {
                return new TTFParser().parse(new RandomAccessReadBuffer(in));
            }
            // A collection: its first font. Read into memory, so no file stays open.
            TrueTypeCollection collection = new TrueTypeCollection(in);
            TrueTypeFont[] first = new TrueTypeFont[1];
            collection.processAllFonts(f -> {
                if (first[0] == null) {
                    first[0] = f;
                }
            });
            if (first[0] == null) {
                throw new IOException(file + " holds no font");
            }
            return first[0];
        }
    }
}
