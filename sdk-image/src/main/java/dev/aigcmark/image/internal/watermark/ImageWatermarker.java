package dev.aigcmark.image.internal.watermark;

import dev.aigcmark.core.identity.WatermarkKey;

import dev.aigcmark.image.internal.Pixels;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Our mark on {@link BufferedImage}s: RGB is reduced to BT.601 luma, the mark is added to the luma with a
 * perceptual mask, and the luma change is added to R, G and B equally (so hue is kept and the detector, which
 * reads luma, sees the change; where a channel saturates the others take its share). Alpha is kept. For files use the image handlers, which re-encode.
 */
public final class ImageWatermarker {
    private ImageWatermarker() {
    }

    /** A marked copy of {@code image}; the input is not modified. */
    public static BufferedImage embed(BufferedImage image, WatermarkKey key, byte[] payload8) {
        return embed(image, LumaWatermarker.prepare(key, payload8));
    }

    public static BufferedImage embed(BufferedImage image, PreparedWatermark watermark) {
        BufferedImage inBytes = embedInBytes(image, watermark);
        return inBytes != null ? inBytes : embedArgb(image, watermark);
    }

    /** {@link #embed(BufferedImage, PreparedWatermark)} through packed ARGB pixels, for any image. */
    static BufferedImage embedArgb(BufferedImage image, PreparedWatermark watermark) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        byte[] luma = luma(argb);
        byte[] marked = luma.clone();
        EmbedMask mask = new EmbedMask();
        mask.update(marked, w, h, w, watermark.strength());
        watermark.embed(marked, w, h, w, mask);
        for (int i = 0; i < argb.length; i++) {
            int d = (marked[i] & 0xFF) - (luma[i] & 0xFF);
            if (d != 0) {
                argb[i] = addLuma(argb[i], d);
            }
        }
        boolean alpha = image.getColorModel().hasAlpha();
        BufferedImage out = new BufferedImage(w, h, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        out.setRGB(0, 0, w, h, argb, 0, w);
        return out;
    }

    /**
     * A decoded JPEG or PNG (3 or 4 interleaved bytes per pixel: BGR, ABGR) marked in its own bytes, into an image
     * of the same type: the same pixels as {@link #embedArgb}, without its per-pixel colour-model conversions (to
     * ARGB and back, twice with the caller's copy into the input's type), which were most of the cost of marking
     * a 1 MP JPEG. Null for any other layout.
     */
    private static BufferedImage embedInBytes(BufferedImage image, PreparedWatermark watermark) {
        int n = switch (image.getType()) {
            case BufferedImage.TYPE_3BYTE_BGR -> 3;
            case BufferedImage.TYPE_4BYTE_ABGR -> 4;
            default -> 0;
        };
        int w = image.getWidth();
        int h = image.getHeight();
        Raster r = image.getRaster();
        if (n == 0 || !(r.getDataBuffer() instanceof DataBufferByte bytes) || bytes.getNumBanks() != 1
                || bytes.getOffset() != 0 || r.getMinX() != 0 || r.getMinY() != 0
                || r.getSampleModelTranslateX() != 0 || r.getSampleModelTranslateY() != 0
                || !(r.getSampleModel() instanceof PixelInterleavedSampleModel sm) || sm.getPixelStride() != n
                || sm.getScanlineStride() != n * w
                || !Arrays.equals(sm.getBandOffsets(), n == 3 ? new int[]{2, 1, 0} : new int[]{3, 2, 1, 0})) {
            return null;
        }
        byte[] src = bytes.getData();
        byte[] luma = new byte[w * h];
        for (int i = 0, j = 0; i < luma.length; i++, j += n) {
            luma[i] = (byte) ((77 * (src[j + n - 1] & 0xFF) + 150 * (src[j + n - 2] & 0xFF) + 29 * (src[j + n - 3] & 0xFF)
                    + 128) >> 8);
        }
        byte[] marked = luma.clone();
        EmbedMask mask = new EmbedMask();
        mask.update(marked, w, h, w, watermark.strength());
        watermark.embed(marked, w, h, w, mask);
        BufferedImage out = new BufferedImage(w, h, image.getType());
        byte[] dst = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
        System.arraycopy(src, 0, dst, 0, w * h * n);
        for (int i = 0, j = 0; i < luma.length; i++, j += n) {
            int d = (marked[i] & 0xFF) - (luma[i] & 0xFF);
            if (d != 0) {
                int p = addLuma(((dst[j + n - 1] & 0xFF) << 16) | ((dst[j + n - 2] & 0xFF) << 8) | (dst[j + n - 3] & 0xFF), d);
                dst[j + n - 1] = (byte) (p >> 16);
                dst[j + n - 2] = (byte) (p >> 8);
                dst[j + n - 3] = (byte) p;
            }
        }
        return out;
    }

    public static Detection detect(BufferedImage image, WatermarkKey key) {
        return detect(image, List.of(key));
    }

    public static Detection detect(BufferedImage image, Collection<WatermarkKey> keys) {
        return detect(image, keys, List.of());
    }

    /** {@link #detect(BufferedImage, Collection)} trying the {@code expected} keys first (see {@link LumaDetector}). */
    public static Detection detect(BufferedImage image, Collection<WatermarkKey> keys, Collection<WatermarkKey> expected) {
        int w = image.getWidth();
        int h = image.getHeight();
        return LumaDetector.detect(luma(image), w, h, w, keys, expected);
    }

    /**
     * BT.601 luma of the image, as {@link #luma(int[])} of its ARGB pixels; a decoded JPEG's BGR bytes are read
     * directly (no 4-bytes-per-pixel copy on the way).
     */
    static byte[] luma(BufferedImage image) {
        Raster r = image.getRaster();
        if (image.getType() == BufferedImage.TYPE_3BYTE_BGR && r.getMinX() == 0 && r.getMinY() == 0
                && r.getSampleModelTranslateX() == 0 && r.getSampleModelTranslateY() == 0
                && r.getDataBuffer() instanceof DataBufferByte bytes) {
            byte[] d = bytes.getData();
            byte[] y = new byte[image.getWidth() * image.getHeight()];
            for (int i = 0, j = 0; i < y.length; i++, j += 3) {
                y[i] = (byte) ((77 * (d[j + 2] & 0xFF) + 150 * (d[j + 1] & 0xFF) + 29 * (d[j] & 0xFF) + 128) >> 8);
            }
            return y;
        }
        return luma(Pixels.argb(image));
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

    /**
     * Adds {@code d} to R, G and B; where a channel clips (saturated colours), the luma it could not take is
     * given to the channels that still have room, so the luma the detector reads changes by {@code d} as far
     * as the pixel allows.
     */
    static int addLuma(int p, int d) {
        int r = (p >> 16) & 0xFF;
        int g = (p >> 8) & 0xFF;
        int b = p & 0xFF;
        int r1 = clamp(r + d);
        int g1 = clamp(g + d);
        int b1 = clamp(b + d);
        int missing = 256 * d - (77 * (r1 - r) + 150 * (g1 - g) + 29 * (b1 - b));
        if (missing != 0) {
            int free = (r1 == r + d ? 77 : 0) + (g1 == g + d ? 150 : 0) + (b1 == b + d ? 29 : 0);
            if (free > 0) {
                int extra = Math.round(missing / (float) free);
                r1 = r1 == r + d ? clamp(r1 + extra) : r1;
                g1 = g1 == g + d ? clamp(g1 + extra) : g1;
                b1 = b1 == b + d ? clamp(b1 + extra) : b1;
            }
        }
        return (p & 0xFF000000) | (r1 << 16) | (g1 << 8) | b1;
    }

    private static int clamp(int v) {
        return v < 0 ? 0 : Math.min(255, v);
    }
}
