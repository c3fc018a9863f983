package dev.aigcmark.text.internal;

import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The CJK TrueType font the PDF label is drawn with, embedded as a subset (so the label is extractable and
 * looks the same everywhere). Looked up in order: the system property {@code aigcmark.label.font} (a .ttf or
 * .ttc path), the font bundled with sdk-image, then well-known system fonts. PDFBox needs TrueType outlines:
 * the CFF-based Noto CJK fonts are rejected (java-notes.md).
 */
public final class LabelFonts {
    public static final String PROPERTY = "aigcmark.label.font";
    private static final List<String> BUNDLED = List.of("/dev/aigcmark/image/label/label-font.ttf",
            "/dev/aigcmark/image/label/NotoSansSC-label.ttf", "/dev/aigcmark/image/label/wqy-microhei-label.ttf");
    private static final List<String> SYSTEM = List.of(
            "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
            "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc");

    private LabelFonts() {
    }

    /** Loads the font into {@code doc} as an embedded subset, or fails naming what was tried. */
    public static PDType0Font load(PDDocument doc) throws IOException {
        String configured = System.getProperty(PROPERTY);
        if (configured != null) {
            return fromFile(doc, Path.of(configured));
        }
        for (String resource : BUNDLED) {
            InputStream in = LabelFonts.class.getResourceAsStream(resource);
            if (in != null) {
                try (in) {
                    return PDType0Font.load(doc, in, true);
                }
            }
        }
        for (String file : SYSTEM) {
            if (Files.isReadable(Path.of(file))) {
                return fromFile(doc, Path.of(file));
            }
        }
        throw new IOException("no CJK TrueType font for the PDF label: set -D" + PROPERTY + "=<font.ttf>, put sdk-image's"
                + " bundled font on the class path, or install fonts-droid-fallback or fonts-wqy-microhei");
    }

    private static PDType0Font fromFile(PDDocument doc, Path file) throws IOException {
        if (!file.toString().toLowerCase(java.util.Locale.ROOT).endsWith(".ttc")) {
            return PDType0Font.load(doc, file.toFile());
        }
        // A collection: take its first font. Read into memory, so no file stays open until the subset is written.
        TrueTypeCollection collection;
        try (InputStream in = Files.newInputStream(file)) {
            collection = new TrueTypeCollection(in);
        }
        TrueTypeFont[] first = new TrueTypeFont[1];
        collection.processAllFonts(f -> {
            if (first[0] == null) {
                first[0] = f;
            }
        });
        if (first[0] == null) {
            throw new IOException(file + " holds no font");
        }
        return PDType0Font.load(doc, first[0], true);
    }
}
