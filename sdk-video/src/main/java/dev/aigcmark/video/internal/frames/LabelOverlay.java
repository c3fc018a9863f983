package dev.aigcmark.video.internal.frames;

import dev.aigcmark.image.internal.label.LabelFont;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.font.TextLayout;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

/**
 * The explicit label for one frame size, rendered once with Java2D and then blended into any number of frames
 * without allocating: per pixel of its box, {@code out = (in * keep + add) >> 8}. The box is a dark translucent
 * plate with light text, so the label stays legible on any content; in the chroma planes the plate pulls colour
 * toward grey with the same weights. Immutable and thread-safe.
 */
final class LabelOverlay {
    private static final int TEXT_LUMA = 235;
    private static final int PLATE_LUMA = 16;
    private static final double PLATE_OPACITY = 0.6;

    final int frameWidth;
    final int frameHeight;
    final int x0;
    final int y0;
    final int boxWidth;
    final int boxHeight;
    /** Measured height of the drawn glyphs' ink, in pixels (what the 5 % rule is about). */
    final int inkHeight;
    private final short[] keep;
    private final int[] add;

    private LabelOverlay(int frameWidth, int frameHeight, int x0, int y0, int w, int h, int inkHeight, short[] keep,
                         int[] add) {
        this.frameWidth = frameWidth;
        this.frameHeight = frameHeight;
        this.x0 = x0;
        this.y0 = y0;
        this.boxWidth = w;
        this.boxHeight = h;
        this.inkHeight = inkHeight;
        this.keep = keep;
        this.add = add;
    }

    /** The font that draws the label: sdk-image's bundled subset, or a system font for other wordings. */
    static Font fontFor(String text) {
        return LabelFont.forText(text, 1f);
    }

    static LabelOverlay render(LabelStyle style, int width, int height) {
        int shortest = Math.min(width, height);
        int target = (int) Math.ceil(style.heightFraction() * shortest);
        Font font = fontFor(style.text());
        FontRenderContext frc = new FontRenderContext(null, true, true);
        // Size the font so the ink of the actual glyphs (not the em box) reaches the target height.
        Font sized = font.deriveFont((float) target);
        Rectangle2D ink = new TextLayout(style.text(), sized, frc).getBounds();
        sized = font.deriveFont((float) (target * target / Math.max(1, ink.getHeight())) + 0.5f);
        TextLayout layout = new TextLayout(style.text(), sized, frc);
        ink = layout.getBounds();
        int pad = Math.max(2, (int) Math.round(ink.getHeight() * 0.3));
        int w = Math.min(width, (int) Math.ceil(ink.getWidth()) + 2 * pad);
        int h = Math.min(height, (int) Math.ceil(ink.getHeight()) + 2 * pad);
        int margin = Math.max(2, shortest / 50);
        int x0 = style.corner().endsWith("left") ? Math.min(margin, width - w) : Math.max(0, width - w - margin);
        int y0 = style.corner().startsWith("top") ? Math.min(margin, height - h) : Math.max(0, height - h - margin);

        BufferedImage alpha = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = alpha.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g.setColor(Color.WHITE);
            layout.draw(g, (float) (pad - ink.getX()), (float) (pad - ink.getY()));
        } finally {
            g.dispose();
        }
        byte[] a = ((DataBufferByte) alpha.getRaster().getDataBuffer()).getData();
        short[] keep = new short[w * h];
        int[] add = new int[w * h];
        int plateKeep = (int) Math.round(256 * (1 - PLATE_OPACITY));
        int inkTop = h;
        int inkBottom = -1;
        for (int i = 0; i < w * h; i++) {
            int t = a[i] & 0xFF; // text coverage 0..255
            // plate first: v1 = v*plateKeep/256 + PLATE_LUMA*(256-plateKeep)/256; then text over it
            int k = plateKeep * (255 - t) / 255;
            int ad = PLATE_LUMA * (256 - plateKeep) * (255 - t) / 255 + TEXT_LUMA * 256 * t / 255;
            keep[i] = (short) k;
            add[i] = ad;
            if (t > 127) {
                inkTop = Math.min(inkTop, i / w);
                inkBottom = Math.max(inkBottom, i / w);
            }
        }
        return new LabelOverlay(width, height, x0, y0, w, h, inkBottom - inkTop + 1, keep, add);
    }

    /** Blends the label into a luma plane. */
    void applyLuma(byte[] luma, int offset, int stride) {
        for (int y = 0; y < boxHeight; y++) {
            int row = offset + (y0 + y) * stride + x0;
            int o = y * boxWidth;
            for (int x = 0; x < boxWidth; x++) {
                int v = luma[row + x] & 0xFF;
                luma[row + x] = (byte) ((v * keep[o + x] + add[o + x]) >> 8);
            }
        }
    }

    /**
     * Pulls chroma toward neutral under the plate, on a 2×2-subsampled plane starting at {@code offset}, with
     * {@code rowBytes} bytes per row and {@code step} bytes between samples (1 for I420 planes, 2 for NV12's
     * interleaved pairs).
     */
    void applyChroma(byte[] frame, int offset, int rowBytes, int step) {
        int cx0 = x0 / 2;
        int cy0 = y0 / 2;
        int cw = (x0 + boxWidth + 1) / 2 - cx0;
        int ch = (y0 + boxHeight + 1) / 2 - cy0;
        for (int y = 0; y < ch; y++) {
            int ly = Math.min(boxHeight - 1, Math.max(0, 2 * (cy0 + y) - y0));
            int row = offset + (cy0 + y) * rowBytes + cx0 * step;
            for (int x = 0; x < cw; x++) {
                int lx = Math.min(boxWidth - 1, Math.max(0, 2 * (cx0 + x) - x0));
                int k = keep[ly * boxWidth + lx];
                int i = row + x * step;
                int c = frame[i] & 0xFF;
                frame[i] = (byte) ((c * k + 128 * (256 - k)) >> 8);
            }
        }
    }
}
