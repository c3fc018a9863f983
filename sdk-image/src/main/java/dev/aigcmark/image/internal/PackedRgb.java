package dev.aigcmark.image.internal;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;
import java.util.Arrays;
import java.util.Optional;

/**
 * The pixels of an opaque 8-bit sRGB image stored as one array of three bytes per pixel, rows packed from the
 * array's start, red and blue in either order: what the JPEG decoder writes (B, G, R for {@code ImageIO.read},
 * R, G, B for {@link dev.aigcmark.image.internal.container.Rasters}' detector view, which skips the decoder's
 * per-pixel reordering). The pixel detectors read these bytes in place; for such an image the bytes are exactly
 * what {@link BufferedImage#getRGB} returns, channel by channel.
 *
 * @param bytes  the raster's array, {@code 3 width} bytes per row
 * @param redAt  the red byte's offset within a pixel (0 or 2); green is always at 1
 * @param blueAt the blue byte's offset within a pixel ({@code 2 - redAt})
 */
public record PackedRgb(byte[] bytes, int width, int height, int redAt, int blueAt) {
    private static final int[] BGR = {2, 1, 0};
    private static final int[] RGB = {0, 1, 2};

    /** The packed pixels of {@code image}, read in place; empty for any other layout or colour model. */
    public static Optional<PackedRgb> of(BufferedImage image) {
        Raster r = image.getRaster();
        if (!(r.getDataBuffer() instanceof DataBufferByte data) || data.getNumBanks() != 1 || data.getOffset() != 0
                || r.getMinX() != 0 || r.getMinY() != 0 || r.getSampleModelTranslateX() != 0
                || r.getSampleModelTranslateY() != 0 || !opaqueSrgb8(image.getColorModel())
                || !(r.getSampleModel() instanceof PixelInterleavedSampleModel sm) || sm.getNumBands() != 3
                || sm.getPixelStride() != 3 || sm.getScanlineStride() != 3 * image.getWidth()) {
            return Optional.empty();
        }
        int[] offsets = sm.getBandOffsets();
        if (Arrays.equals(offsets, BGR)) {
            return Optional.of(new PackedRgb(data.getData(), image.getWidth(), image.getHeight(), 2, 0));
        }
        if (Arrays.equals(offsets, RGB)) {
            return Optional.of(new PackedRgb(data.getData(), image.getWidth(), image.getHeight(), 0, 2));
        }
        return Optional.empty();
    }

    /** Whether samples are the sRGB values themselves: 8 bits per channel, no alpha, the sRGB colour space. */
    private static boolean opaqueSrgb8(ColorModel cm) {
        return cm instanceof ComponentColorModel && !cm.hasAlpha() && cm.getNumComponents() == 3
                && cm.getTransferType() == DataBuffer.TYPE_BYTE && cm.getColorSpace().isCS_sRGB()
                && cm.getComponentSize(0) == 8 && cm.getComponentSize(1) == 8 && cm.getComponentSize(2) == 8;
    }

    /** Packed ARGB pixels, opaque, as {@link BufferedImage#getRGB} would return them. */
    public int[] argb() {
        int[] out = new int[width * height];
        for (int i = 0, j = 0; i < out.length; i++, j += 3) {
            out[i] = 0xFF000000 | (bytes[j + redAt] & 0xFF) << 16 | (bytes[j + 1] & 0xFF) << 8 | (bytes[j + blueAt] & 0xFF);
        }
        return out;
    }
}
