package dev.aigcmark.image.internal.label;

import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The bundled label font: a subset of WenQuanYi Micro Hei (Apache-2.0, see {@code WQY-MICROHEI-LICENSE.txt}
 * beside it) covering ASCII and the characters of usual label wordings, so "AI生成" renders on a server that
 * has no CJK font installed. Built by {@code BundledFontBuilder} in the test sources.
 */
public final class LabelFont {
    static final String RESOURCE = "label-font.ttf";

    private LabelFont() {
    }

    /** The bundled font at {@code size} pixels (Java2D points equal pixels at identity transform). */
    public static Font of(float size) {
        return Base.FONT.deriveFont(Font.PLAIN, size);
    }

    /** Whether every character of {@code text} has a glyph in the bundled font. */
    public static boolean covers(String text) {
        return Base.FONT.canDisplayUpTo(text) == -1;
    }

    /**
     * A font that draws every character of {@code text}: the bundled subset when it covers them (always, for the
     * usual wordings), else the first installed font that does.
     *
     * @throws IllegalStateException when no font can draw it (a wording outside the bundled glyphs on a server
     *                               without CJK fonts): better refused than drawn as empty boxes
     */
    public static Font forText(String text, float size) {
        if (covers(text)) {
            return of(size);
        }
        for (Font f : GraphicsEnvironment.getLocalGraphicsEnvironment().getAllFonts()) {
            if (f.canDisplayUpTo(text) == -1) {
                return f.deriveFont(Font.PLAIN, size);
            }
        }
        throw new IllegalStateException("no font can draw the label '" + text + "': use a wording within the"
                + " bundled glyphs (AI生成, 人工智能生成合成...) or install a CJK font");
    }

    /**
     * The bundled font file (TrueType), for a reader other than Java2D (sdk-text embeds it in PDF labels). Read
     * here because the resource lies in this module: as a JPMS module, another module could not open it.
     */
    public static InputStream openFile() {
        return LabelFont.class.getResourceAsStream(RESOURCE);
    }

    /** Loaded on first use, so {@link #openFile()} alone does not build a Java2D font. */
    private static final class Base {
        static final Font FONT = load();
    }

    private static Font load() {
        try (InputStream in = openFile()) {
            if (in == null) {
                throw new IllegalStateException("bundled font " + RESOURCE + " is missing from the class path");
            }
            return Font.createFont(Font.TRUETYPE_FONT, in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled font", e);
        } catch (FontFormatException e) {
            throw new IllegalStateException("the bundled font is not a valid TrueType font", e);
        }
    }
}
