package dev.aigcmark.image.internal;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.awt.image.Raster;
import java.util.Optional;

/**
 * Packed ARGB pixels of an image, exactly as {@link BufferedImage#getRGB(int, int, int, int, int[], int, int)}
 * returns them, but read straight from the data buffer for the common 8-bit sRGB layouts. {@code getRGB} goes
 * through the colour model pixel by pixel (about 30 ms per 1080p image), which made the detectors spend most of
 * a verification copying pixels. Other layouts (grey, which getRGB gamma-converts, indexed, 16-bit, sub-images)
 * take the exact slow path. Packed 3-byte pixels in either order are {@link PackedRgb}'s.
 */
public final class Pixels {
    private Pixels() {
    }

    public static int[] argb(BufferedImage image) {
        Optional<PackedRgb> packed = PackedRgb.of(image);
        if (packed.isPresent()) {
            return packed.get().argb();
        }
        int w = image.getWidth();
        int h = image.getHeight();
        Raster r = image.getRaster();
        boolean plain = r.getMinX() == 0 && r.getMinY() == 0 && r.getSampleModelTranslateX() == 0
                && r.getSampleModelTranslateY() == 0;
        if (plain) {
            switch (image.getType()) {
                case BufferedImage.TYPE_INT_ARGB:
                    return ((DataBufferInt) r.getDataBuffer()).getData().clone();
                case BufferedImage.TYPE_INT_RGB:
                    return withOpaqueAlpha(((DataBufferInt) r.getDataBuffer()).getData());
                case BufferedImage.TYPE_4BYTE_ABGR:
                    return fromAbgr(((DataBufferByte) r.getDataBuffer()).getData(), w * h);
                default:
                    break;
            }
        }
        return image.getRGB(0, 0, w, h, null, 0, w);
    }

    private static int[] withOpaqueAlpha(int[] rgb) {
        int[] out = new int[rgb.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = 0xFF000000 | rgb[i];
        }
        return out;
    }

    private static int[] fromAbgr(byte[] d, int n) {
        int[] out = new int[n];
        for (int i = 0, j = 0; i < n; i++, j += 4) {
            out[i] = (d[j] & 0xFF) << 24 | (d[j + 3] & 0xFF) << 16 | (d[j + 2] & 0xFF) << 8 | (d[j + 1] & 0xFF);
        }
        return out;
    }
}
