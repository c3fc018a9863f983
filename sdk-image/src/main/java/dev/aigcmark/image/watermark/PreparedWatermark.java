package dev.aigcmark.image.watermark;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The mark for one (key, payload), ready to add to any number of luma planes. Immutable and thread-safe;
 * {@code embed} allocates nothing. The tile is anchored at the plane's top-left pixel.
 * <p>
 * Why SWAR: JDK 17's C2 does not auto-vectorise a clamped byte add, and a per-pixel branch would cost more
 * than the memory traffic. So the signed tile is stored as two unsigned byte tiles (positive and negative
 * parts) packed in {@code long}s, and each 8-pixel word gets a branch-free saturating add then a saturating
 * subtract. The tiles of all mask levels take 4 × 2 × 16 KB, L2-resident.
 */
public final class PreparedWatermark {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH = 0x8080808080808080L;
    private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;
    private static final int T = WatermarkPattern.TILE;
    private static final int WORDS_PER_ROW = T / 8;

    private final long[] plus;   // [level][tileRow][word]
    private final long[] minus;
    private final byte[] delta;  // [level][tilePixel] signed, for the last < 8 pixels of a row
    private final double strength;

    PreparedWatermark(double[] tile, double strength) {
        this.strength = strength;
        int levels = EmbedMask.LEVELS;
        plus = new long[levels * T * WORDS_PER_ROW];
        minus = new long[levels * T * WORDS_PER_ROW];
        delta = new byte[levels * WatermarkPattern.AREA];
        for (int level = 0; level < levels; level++) {
            double a = strength * EmbedMask.GAINS[level];
            for (int p = 0; p < WatermarkPattern.AREA; p++) {
                int d = (int) Math.round(a * tile[p]);
                d = Math.max(-127, Math.min(127, d));
                delta[level * WatermarkPattern.AREA + p] = (byte) d;
                int word = (level * T + (p >>> WatermarkPattern.TILE_BITS)) * WORDS_PER_ROW + ((p & (T - 1)) >>> 3);
                int shift = 8 * (p & 7);
                if (d > 0) {
                    plus[word] |= (long) d << shift;
                } else {
                    minus[word] |= (long) -d << shift;
                }
            }
        }
    }

    /** The RMS luma change at mask gain 1. */
    public double strength() {
        return strength;
    }

    /** Adds the mark at uniform strength, in place. */
    public void embed(byte[] luma, int width, int height, int stride) {
        checkPlane(luma, width, height, stride);
        for (int y = 0; y < height; y++) {
            embedRow(luma, y * stride, width, y & (T - 1), null, 0);
        }
    }

    /** Adds the mark with a per-block strength from {@code mask} (updated for this plane's size), in place. */
    public void embed(byte[] luma, int width, int height, int stride, EmbedMask mask) {
        checkPlane(luma, width, height, stride);
        if (!mask.fits(width, height)) {
            throw new IllegalArgumentException("mask was computed for another plane size");
        }
        for (int y = 0; y < height; y++) {
            embedRow(luma, y * stride, width, y & (T - 1), mask.levels, (y >> 3) * mask.blocksX);
        }
    }

    private void embedRow(byte[] luma, int rowStart, int width, int tileRow, byte[] levels, int levelRow) {
        long[] plus = this.plus;
        long[] minus = this.minus;
        int uniformBase = (EmbedMask.UNIFORM * T + tileRow) * WORDS_PER_ROW;
        int rowBase = tileRow * WORDS_PER_ROW;
        int words = width >>> 3;
        for (int w = 0; w < words; w++) {
            int i = levels == null
                    ? uniformBase + (w & (WORDS_PER_ROW - 1))
                    : levels[levelRow + w] * (T * WORDS_PER_ROW) + rowBase + (w & (WORDS_PER_ROW - 1));
            int off = rowStart + (w << 3);
            long x = (long) LONGS.get(luma, off);
            LONGS.set(luma, off, saturatingSub(saturatingAdd(x, plus[i]), minus[i]));
        }
        for (int x = words << 3; x < width; x++) {
            int level = levels == null ? EmbedMask.UNIFORM : levels[levelRow + (x >> 3)];
            int d = delta[level * WatermarkPattern.AREA + tileRow * T + (x & (T - 1))];
            int v = (luma[rowStart + x] & 0xFF) + d;
            luma[rowStart + x] = (byte) Math.max(0, Math.min(255, v));
        }
    }

    /** Per-byte unsigned a + b, clamped at 255. */
    static long saturatingAdd(long a, long b) {
        long sum = ((a & LOW7) + (b & LOW7)) ^ ((a ^ b) & HIGH);
        long carry = ((a & b) | ((a | b) & ~sum)) & HIGH;
        return sum | ((carry >>> 7) * 0xFF);
    }

    /** Per-byte unsigned a - b, clamped at 0. */
    static long saturatingSub(long a, long b) {
        long diff = ((a | HIGH) - (b & LOW7)) ^ ((a ^ ~b) & HIGH);
        long borrow = ((~a & b) | (~(a ^ b) & diff)) & HIGH;
        return diff & ~((borrow >>> 7) * 0xFF);
    }

    static void checkPlane(byte[] luma, int width, int height, int stride) {
        if (width <= 0 || height <= 0 || stride < width) {
            throw new IllegalArgumentException("bad plane geometry " + width + "x" + height + " stride " + stride);
        }
        if ((long) stride * (height - 1) + width > luma.length) {
            throw new IllegalArgumentException("plane larger than its array");
        }
    }
}
