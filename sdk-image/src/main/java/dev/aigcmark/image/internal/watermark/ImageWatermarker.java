package dev.aigcmark.image.internal.watermark;

import dev.aigcmark.core.identity.WatermarkKey;

import dev.aigcmark.image.internal.PackedRgb;
import dev.aigcmark.image.internal.SecondCore;
import dev.aigcmark.image.internal.Pixels;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Our mark on {@link BufferedImage}s: RGB is reduced to BT.601 luma, the mark is added to the luma with a
 * perceptual mask, and the luma change is added to R, G and B equally (so hue is kept and the detector, which
 * reads luma, sees the change; where a channel saturates the others take its share). Alpha is kept. For files use the image handlers, which re-encode.
 */
public final class ImageWatermarker {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /**
     * The shorter side (px) a picture needs for the mark to be embedded: below it the tile (64 px until the chips
     * grow at 240 px) repeats too few times for the detector to read every payload back, so whether a mark would
     * read depends on the payload drawn. Measured on generated gradient-and-noise pictures, 5 aspects, one payload
     * each (docs/watermark-robustness.md#smallest-picture): through the marker, JPEG q75 read back 94 % at 256 px,
     * 98 % at 288, all 120 at 320; PNG and TIFF still miss at 192–224; 320 is the first size without a miss.
     */
    public static final int MIN_SIDE = 320;

    private ImageWatermarker() {
    }

    /** Whether a picture of this size gets the mark ({@link #MIN_SIDE}). */
    public static boolean fits(int width, int height) {
        return Math.min(width, height) >= MIN_SIDE;
    }

    /**
     * The watermark of {@code key} and {@code payload8} with its tile already drawn for a {@code width} × {@code
     * height} picture: what {@link #embedInPlace(BufferedImage, PreparedWatermark)} and {@link #embed(BufferedImage,
     * PreparedWatermark)} would otherwise draw first. Independent of the pixels, so it can be made while they decode.
     */
    public static PreparedWatermark prepare(WatermarkKey key, byte[] payload8, int width, int height) {
        PreparedWatermark prepared = LumaWatermarker.prepare(key, payload8);
        prepared.layout(width, height).wrappedLevels();
        return prepared;
    }

    /** A marked copy of {@code image}; the input is not modified. */
    public static BufferedImage embed(BufferedImage image, WatermarkKey key, byte[] payload8) {
        return embed(image, LumaWatermarker.prepare(key, payload8));
    }

    public static BufferedImage embed(BufferedImage image, PreparedWatermark watermark) {
        if (Packed.of(image) == null) {
            return embedArgb(image, watermark);
        }
        WritableRaster copy = image.getRaster().createCompatibleWritableRaster(); // the same layout, same type
        byte[] src = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        byte[] dst = ((DataBufferByte) copy.getDataBuffer()).getData();
        System.arraycopy(src, 0, dst, 0, dst.length);
        BufferedImage out = new BufferedImage(image.getColorModel(), copy, image.isAlphaPremultiplied(), null);
        embedInPlace(out, watermark);
        return out;
    }

    /**
     * Marks {@code image} itself, for a caller that owns its pixels (a decoded file about to be re-encoded): the
     * pixels of {@link #embed(BufferedImage, PreparedWatermark)} without a copy of the picture. Returns
     * false, leaving the image untouched, for a layout it cannot mark in place (then use {@code embed}).
     */
    public static boolean embedInPlace(BufferedImage image, WatermarkKey key, byte[] payload8) {
        return Packed.of(image) != null && embedInPlace(image, LumaWatermarker.prepare(key, payload8));
    }

    /**
     * A decoded JPEG or PNG (3 or 4 interleaved bytes per pixel: B, G, R or A, B, G, R as ImageIO decodes them, or
     * R, G, B as {@link dev.aigcmark.image.internal.container.Rasters#decodeForPainting} decodes a colour JPEG) marked
     * in its own bytes: the same pixels as {@link #embedArgb}, without its per-pixel colour-model conversions, its luma
     * planes or its per-pixel delta plane. One pass gathers the mask's block statistics from the even rows' luma; a
     * second adds each row's masked deltas to the pixels' luma and spreads the change over R, G and B (3 bytes a
     * pixel: 8 pixels at a time, {@link #markRow3}). False for any other layout.
     */
    public static boolean embedInPlace(BufferedImage image, PreparedWatermark watermark) {
        return embedInPlace(image, watermark, EmbedMask.chunks(image.getWidth(), image.getHeight()));
    }

    /**
     * As above, the mask's statistics and the rows in {@code parts} ranges each ({@link SecondCore}: shared with a
     * helper thread): the same bytes for any number of parts.
     */
    static boolean embedInPlace(BufferedImage image, PreparedWatermark watermark, int parts) {
        Packed packed = Packed.of(image);
        if (packed == null) {
            return false;
        }
        int n = packed.stride();
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] px = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        EmbedMask mask = new EmbedMask();
        mask.updateFromPixels(px, n, packed.redFirst(), w, h, watermark.strength(), parts);
        PreparedWatermark.Layout layout = watermark.layout(w, h);
        layout.wrappedLevels(); // made here, not raced for by the threads below
        boolean redFirst = packed.redFirst();
        int chunks = Math.max(1, Math.min(parts, h));
        SecondCore.forEach(chunks, c -> markRows(px, n, redFirst, layout, mask, c * h / chunks, (c + 1) * h / chunks));
        return true;
    }

    /** Rows {@code from} … {@code to} − 1 marked; each row's bytes are written by its own call alone. */
    private static void markRows(byte[] px, int n, boolean redFirst, PreparedWatermark.Layout layout, EmbedMask mask,
                                 int from, int to) {
        int w = layout.width;
        byte[] deltas = new byte[Math.max(8, w)];
        float[] gains = new float[w];
        float[] levels = new float[w];
        float[] bits = new float[w];
        int gainsOfBlockRow = -1;
        for (int y = from; y < to; y++) {
            if (n == 3) {
                int blockRow = y >> EmbedMask.BLOCK_BITS;
                if (blockRow != gainsOfBlockRow) { // the same gains for a block's 8 rows
                    mask.spreadGains(blockRow, gains, w);
                    gainsOfBlockRow = blockRow;
                }
                PreparedWatermark.maskedRowBits(layout, gains, y, levels, bits);
                markRow3(px, y * w * 3, redFirst, bits, w, deltas);
            } else {
                PreparedWatermark.maskedRow(layout, mask, y, deltas);
                addToLuma(px, y * w * n + n - 3, n, redFirst, deltas, w);
            }
        }
    }

    /**
     * A row of {@code w} 3-byte pixels starting at {@code j} marked with its deltas ({@link
     * PreparedWatermark#maskedRowBits}: pixel x's delta is the low byte of {@code bits[x]}'s raw bits), added by {@link
     * #addToLuma}, the same bytes, 8 pixels (24 bytes, three longs) at a time. Where adding a pixel's delta δ to each of
     * its three channels keeps them all in [0, 255], that is what {@code addToLuma} writes: the luma, a rounded weighted
     * mean of R, G and B with weights summing to 1, lies between the smallest and the largest channel, so luma + δ is in
     * range too and the luma change is δ itself. So each block's deltas are added to its 24 bytes with a wrapping SWAR
     * add, and only a block where some byte would leave [0, 255] (a few percent of a photo's blocks: its highlights and
     * shadows) goes through {@code addToLuma} pixel by pixel. On a 1 MP photo (thread CPU, old and new alternated in one
     * JVM, the session-11 note): the deltas and the add 6.6 → 3.6 ms, the whole in-place watermark 0.71×, marking the
     * file end to end 0.88×. {@code scratch} holds at least 8 bytes.
     */
    static void markRow3(byte[] px, int j, boolean redFirst, float[] bits, int w, byte[] scratch) {
        int blocks = w >>> EmbedMask.BLOCK_BITS;
        for (int block = 0, x = 0; block < blocks; block++, j += 24, x += 8) {
            long u0 = spread(bits[x]);
            long u1 = spread(bits[x + 1]);
            long u2 = spread(bits[x + 2]);
            long u3 = spread(bits[x + 3]);
            long u4 = spread(bits[x + 4]);
            long u5 = spread(bits[x + 5]);
            long u6 = spread(bits[x + 6]);
            long u7 = spread(bits[x + 7]);
            long d0 = u0 | u1 << 24 | u2 << 48; // each pixel's delta in its three bytes, little-endian
            long d1 = u2 >>> 16 | u3 << 8 | u4 << 32 | u5 << 56;
            long d2 = u5 >>> 8 | u6 << 16 | u7 << 40;
            long p0 = (long) LONGS.get(px, j);
            long p1 = (long) LONGS.get(px, j + 8);
            long p2 = (long) LONGS.get(px, j + 16);
            long s0 = PreparedWatermark.wrappingAdd(p0, d0);
            long s1 = PreparedWatermark.wrappingAdd(p1, d1);
            long s2 = PreparedWatermark.wrappingAdd(p2, d2);
            if ((PreparedWatermark.outOfRange(p0, d0, s0) | PreparedWatermark.outOfRange(p1, d1, s1)
                    | PreparedWatermark.outOfRange(p2, d2, s2)) == 0) {
                LONGS.set(px, j, s0);
                LONGS.set(px, j + 8, s1);
                LONGS.set(px, j + 16, s2);
            } else {
                for (int k = 0; k < 8; k++) {
                    scratch[k] = (byte) Float.floatToRawIntBits(bits[x + k]);
                }
                addToLuma(px, j, 3, redFirst, scratch, 8);
            }
        }
        int done = blocks << EmbedMask.BLOCK_BITS;
        for (int k = 0; k < w - done; k++) {
            scratch[k] = (byte) Float.floatToRawIntBits(bits[done + k]);
        }
        addToLuma(px, j, 3, redFirst, scratch, w - done);
    }

    /** A pixel's delta ({@link PreparedWatermark#maskedRowBits}: the low byte of its raw bits) repeated in the low 3 bytes. */
    private static long spread(float bits) {
        return (Float.floatToRawIntBits(bits) & 0xFFL) * 0x010101L;
    }

    /**
     * Adds {@code deltas} to the luma of a row of pixels whose colour bytes start at {@code j} (B, G, R, or R, G, B
     * when {@code redFirst}): the luma ({@link Luma}'s tables) is clamped like a luma plane's, the change goes to R, G
     * and B alike ({@link #addLuma} where a channel would clip). A small method of its own so C2 compiles the row loop
     * tightly; every pixel is written, even where the change is 0, since a branch there would mispredict about half
     * the time.
     */
    private static void addToLuma(byte[] px, int j, int n, boolean redFirst, byte[] deltas, int w) {
        int[] first = Luma.first(redFirst);
        int[] green = Luma.GREEN;
        int[] last = Luma.last(redFirst);
        for (int x = 0; x < w; x++, j += n) {
            int c0 = px[j] & 0xFF;
            int g = px[j + 1] & 0xFF;
            int c2 = px[j + 2] & 0xFF;
            int luma = (first[c0] + green[g] + last[c2]) >> 8;
            int d = clamp(luma + deltas[x]) - luma;
            int a = c0 + d;
            int g1 = g + d;
            int b = c2 + d;
            if (((a | g1 | b) & ~0xFF) != 0) {
                int p = redFirst ? addLuma((c0 << 16) | (g << 8) | c2, d) : addLuma((c2 << 16) | (g << 8) | c0, d);
                a = redFirst ? p >> 16 : p;
                g1 = p >> 8;
                b = redFirst ? p : p >> 16;
            }
            px[j] = (byte) a;
            px[j + 1] = (byte) g1;
            px[j + 2] = (byte) b;
        }
    }

    /**
     * The layout of an image whose raster is one packed array of pixels from its origin, 3 or 4 bytes a pixel with the
     * colour bytes last: B, G, R ({@code TYPE_3BYTE_BGR}), A, B, G, R ({@code TYPE_4BYTE_ABGR}), or R, G, B (an
     * opaque sRGB image in the order the JPEG decoder writes, {@link PackedRgb}).
     *
     * @param stride   bytes a pixel
     * @param redFirst whether the colour bytes are R, G, B (else B, G, R)
     */
    private record Packed(int stride, boolean redFirst) {
        /** The layout, or null for any other (a sub-image, ints, a palette...). */
        static Packed of(BufferedImage image) {
            int n = switch (image.getType()) {
                case BufferedImage.TYPE_3BYTE_BGR -> 3;
                case BufferedImage.TYPE_4BYTE_ABGR -> 4;
                default -> 0;
            };
            if (n == 0) {
                return PackedRgb.of(image).filter(p -> p.redAt() == 0).map(p -> new Packed(3, true)).orElse(null);
            }
            Raster r = image.getRaster();
            if (!(r.getDataBuffer() instanceof DataBufferByte bytes) || bytes.getNumBanks() != 1
                    || bytes.getOffset() != 0 || r.getMinX() != 0 || r.getMinY() != 0
                    || r.getSampleModelTranslateX() != 0 || r.getSampleModelTranslateY() != 0
                    || !(r.getSampleModel() instanceof PixelInterleavedSampleModel sm) || sm.getPixelStride() != n
                    || sm.getScanlineStride() != n * image.getWidth()
                    || !Arrays.equals(sm.getBandOffsets(), n == 3 ? new int[]{2, 1, 0} : new int[]{3, 2, 1, 0})) {
                return null;
            }
            return new Packed(n, false);
        }
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

    public static Detection detect(BufferedImage image, WatermarkKey key) {
        return detect(image, List.of(key));
    }

    public static Detection detect(BufferedImage image, Collection<WatermarkKey> keys) {
        return detect(image, keys, List.of());
    }

    /** {@link #detect(BufferedImage, Collection)} trying the {@code expected} keys first (see {@link LumaDetector}). */
    public static Detection detect(BufferedImage image, Collection<WatermarkKey> keys, Collection<WatermarkKey> expected) {
        return detect(image, keys, expected, true);
    }

    /**
     * The mark {@link #detect(BufferedImage, Collection, Collection)} finds, if any, without the soft bits of a miss
     * (which only video adds across frames): what a still picture's verification reports.
     */
    public static Optional<Detection> find(BufferedImage image, Collection<WatermarkKey> keys,
                                           Collection<WatermarkKey> expected) {
        return Optional.of(detect(image, keys, expected, false)).filter(Detection::found);
    }

    private static Detection detect(BufferedImage image, Collection<WatermarkKey> keys, Collection<WatermarkKey> expected,
                                    boolean missSoftBits) {
        int w = image.getWidth();
        int h = image.getHeight();
        Optional<PackedRgb> packed = PackedRgb.of(image);
        Supplier<WorkingPlane> plane;
        if (packed.isPresent()) { // a decoded JPEG: its luma is computed inside the working plane's resampling
            plane = () -> WorkingPlane.of(packed.get(), WorkingPlane.SHORT_SIDE);
        } else {
            byte[] luma = luma(image);
            plane = () -> WorkingPlane.of(luma, w, h, w, WorkingPlane.SHORT_SIDE);
        }
        return LumaDetector.detect(plane, w, h, keys, expected, missSoftBits);
    }

    /**
     * BT.601 luma of the image, as {@link #luma(int[])} of its ARGB pixels; a decoded JPEG's packed bytes are read
     * directly (no 4-bytes-per-pixel copy on the way).
     */
    static byte[] luma(BufferedImage image) {
        Optional<PackedRgb> packed = PackedRgb.of(image);
        if (packed.isPresent()) {
            PackedRgb p = packed.get();
            byte[] d = p.bytes();
            byte[] y = new byte[image.getWidth() * image.getHeight()];
            for (int i = 0, j = 0; i < y.length; i++, j += 3) {
                y[i] = (byte) luma(d[j + p.redAt()], d[j + 1], d[j + p.blueAt()]);
            }
            return y;
        }
        return luma(Pixels.argb(image));
    }

    /** BT.601 luma of one pixel's R, G and B bytes, rounded: the value every path here computes. */
    static int luma(byte r, byte g, byte b) {
        return (77 * (r & 0xFF) + 150 * (g & 0xFF) + 29 * (b & 0xFF) + 128) >> 8;
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
