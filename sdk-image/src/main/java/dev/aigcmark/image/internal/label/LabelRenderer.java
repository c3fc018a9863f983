package dev.aigcmark.image.internal.label;

import dev.aigcmark.core.label.ExplicitLabelWording;

import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.font.GlyphVector;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;

/**
 * Draws the GB 45438 explicit label on an image: white glyphs with a dark outline on a translucent dark
 * plate, legible on light, dark and busy backgrounds, in a corner or on an edge. The glyph height (the ink
 * of the rendered text, not the font size) is at least 5 % of the image's shortest side, as the standard
 * asks; the font is the bundled one, so the result does not depend on the fonts the machine has. It draws in greys
 * only (red = green = blue, any alpha): {@code ContentPainter} relies on it to draw on R, G, B pixels through a
 * B, G, R view of their bytes.
 */
public final class LabelRenderer {
    /** GB 45438: glyph height at least 5 % of the shortest side. We aim a little above to absorb anti-aliasing. */
    public static final double MIN_GLYPH_RATIO = 0.05;
    private static final double TARGET_RATIO = 0.056;
    /** Below this the label is unreadable whatever the rule says. */
    private static final int MIN_GLYPH_PIXELS = 8;
    private static final FontRenderContext FRC = new FontRenderContext(null, true, true);

    private LabelRenderer() {
    }

    /** What was drawn: the plate's rectangle and the text's ink bounds, in image pixels. */
    public record Drawn(Rectangle plate, Rectangle ink, float fontSize) {
    }

    /** Draws {@link ExplicitLabelWording#DEFAULT} at the default placement. */
    public static Drawn draw(BufferedImage image) {
        return draw(image, ExplicitLabelWording.DEFAULT, LabelPlacement.DEFAULT);
    }

    /**
     * Draws {@code text} in place on {@code image}.
     *
     * @throws IllegalArgumentException when the wording lacks the AI or generation element, the bundled font
     *                                  lacks one of its characters, or the label cannot fit at the required size
     */
    public static Drawn draw(BufferedImage image, String text, LabelPlacement placement) {
        ExplicitLabelWording.requireConforming(text);
        if (!LabelFont.covers(text)) {
            throw new IllegalArgumentException("the bundled label font has no glyph for a character of '" + text
                    + "'; use a wording from its character set (see BundledFontBuilder)");
        }
        int w = image.getWidth();
        int h = image.getHeight();
        int shortest = Math.min(w, h);
        double glyphHeight = Math.min(Math.max(shortest * TARGET_RATIO, MIN_GLYPH_PIXELS), shortest / 3.0);
        Font font = fontForInkHeight(text, glyphHeight);
        GlyphVector glyphs = font.createGlyphVector(FRC, text);
        Rectangle2D ink = glyphs.getVisualBounds();
        double pad = Math.max(2, glyphHeight * 0.35);
        double margin = Math.max(1, shortest * 0.02);
        double plateW = ink.getWidth() + 2 * pad;
        double plateH = ink.getHeight() + 2 * pad;
        if (plateW + 2 * margin > w || plateH + 2 * margin > h) {
            throw new IllegalArgumentException("label '" + text + "' does not fit a " + w + "x" + h
                    + " image at a glyph height of 5 % of its shortest side");
        }
        double x = switch (placement.horizontal()) {
            case -1 -> margin;
            case 0 -> (w - plateW) / 2;
            default -> w - margin - plateW;
        };
        double y = switch (placement.vertical()) {
            case -1 -> margin;
            case 0 -> (h - plateH) / 2;
            default -> h - margin - plateH;
        };
        double textX = x + pad - ink.getX();
        double textY = y + pad - ink.getY();
        Shape outline = glyphs.getOutline((float) textX, (float) textY);

        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setComposite(AlphaComposite.SrcOver.derive(0.6f));
            g.setColor(Color.BLACK);
            double arc = pad * 1.2;
            g.fill(new RoundRectangle2D.Double(x, y, plateW, plateH, arc, arc));
            g.setComposite(AlphaComposite.SrcOver);
            g.setColor(new Color(0, 0, 0, 200));
            g.setStroke(new BasicStroke((float) Math.max(1, glyphHeight / 10), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(outline);
            g.setColor(Color.WHITE);
            g.fill(outline);
        } finally {
            g.dispose();
        }
        Rectangle plate = new Rectangle((int) Math.floor(x), (int) Math.floor(y), (int) Math.ceil(plateW), (int) Math.ceil(plateH));
        return new Drawn(plate, outline.getBounds(), font.getSize2D());
    }

    /**
     * The bundled font sized so that the <em>smallest</em> letter or digit of the text is {@code inkHeight}
     * pixels tall (in "AI生成" the capitals are shorter than the ideographs, and each glyph must meet the rule).
     * Ink scales linearly with the font size.
     */
    static Font fontForInkHeight(String text, double inkHeight) {
        Font probe = LabelFont.of(100f);
        GlyphVector gv = probe.createGlyphVector(FRC, text);
        double smallest = gv.getVisualBounds().getHeight();
        if (gv.getNumGlyphs() == text.length()) {
            for (int i = 0; i < text.length(); i++) {
                if (Character.isLetterOrDigit(text.charAt(i))) {
                    smallest = Math.min(smallest, gv.getGlyphVisualBounds(i).getBounds2D().getHeight());
                }
            }
        }
        return LabelFont.of((float) (100 * inkHeight / smallest));
    }
}
