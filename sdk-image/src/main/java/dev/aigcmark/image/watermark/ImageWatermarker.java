package dev.aigcmark.image.watermark;

import dev.aigcmark.core.identity.WatermarkKey;

import dev.aigcmark.image.Pixels;

import java.awt.image.BufferedImage;
import java.util.Collection;
import java.util.List;

/**
 * Our mark on {@link BufferedImage}s: RGB is reduced to BT.601 luma, the mark is added to the luma with a
 * texture mask, and the luma change is added to R, G and B equally (so hue is kept and the detector, which
 * reads luma, sees exactly the change). Alpha is kept. For files use the image handlers, which re-encode.
 */
public final class ImageWatermarker {
    private ImageWatermarker() {
    }

    /** A marked copy of {@code image}; the input is not modified. */
    public static BufferedImage embed(BufferedImage image, WatermarkKey key, byte[] payload8) {
        return embed(image, LumaWatermarker.prepare(key, payload8));
    }

    public static BufferedImage embed(BufferedImage image, PreparedWatermark watermark) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        byte[] luma = luma(argb);
        byte[] marked = luma.clone();
        EmbedMask mask = new EmbedMask();
        mask.update(marked, w, h, w);
        watermark.embed(marked, w, h, w, mask);
        for (int i = 0; i < argb.length; i++) {
            int d = (marked[i] & 0xFF) - (luma[i] & 0xFF);
            if (d != 0) {
                int p = argb[i];
                argb[i] = (p & 0xFF000000) | (clamp(((p >> 16) & 0xFF) + d) << 16)
                        | (clamp(((p >> 8) & 0xFF) + d) << 8) | clamp((p & 0xFF) + d);
            }
        }
        boolean alpha = image.getColorModel().hasAlpha();
        BufferedImage out = new BufferedImage(w, h, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        out.setRGB(0, 0, w, h, argb, 0, w);
        return out;
    }

    public static Detection detect(BufferedImage image, WatermarkKey key) {
        return detect(image, List.of(key));
    }

    public static Detection detect(BufferedImage image, Collection<WatermarkKey> keys) {
        int w = image.getWidth();
        int h = image.getHeight();
        return LumaDetector.detect(luma(Pixels.argb(image)), w, h, w, keys);
    }

    /** BT.601 luma of packed ARGB pixels, rounded. */
    public static byte[] luma(int[] argb) {
        byte[] y = new byte[argb.length];
        for (int i = 0; i < argb.length; i++) {
            int p = argb[i];
            y[i] = (byte) ((77 * ((p >> 16) & 0xFF) + 150 * ((p >> 8) & 0xFF) + 29 * (p & 0xFF) + 128) >> 8);
        }
        return y;
    }

    private static int clamp(int v) {
        return v < 0 ? 0 : Math.min(255, v);
    }
}
