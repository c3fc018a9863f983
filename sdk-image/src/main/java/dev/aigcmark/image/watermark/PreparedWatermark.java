package dev.aigcmark.image.watermark;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The mark for one (key, payload), ready to add to any number of luma planes. Immutable and thread-safe;
 * {@code embed} allocates nothing. The tile is anchored at the plane's top-left pixel.
 * <p>
 * Why SWAR: JDK 17's C2 does not auto-vectorise a clamped byte add, and a per-pixel branch would cost more
 * than the memory traffic. So the signed tile is stored in {@code long}s split into its low 7 bits and its
 * sign bits, and each 8-pixel word gets one branch-free SWAR add whose per-byte overflow (positive delta)
 * and underflow (negative delta) are turned into 0xFF / 0x00 masks: about 15 ALU ops per 8 pixels.
 * The tiles of all mask levels take 4 × 2 × 16 KB, L2-resident.
 */
public final class PreparedWatermark {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH = 0x8080808080808080L;
    private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;
    private static final int T = WatermarkPattern.TILE;
    private static final int WORDS_PER_ROW = T / 8;

    private final long[] low;    // [level][tileRow][word]: delta & 0x7F per byte
    private final long[] sign;   // delta & 0x80 per byte
    private final byte[] delta;  // [level][tilePixel] signed, for the last < 8 pixels of a row
    private final double strength;

    PreparedWatermark(double[] tile, double strength) {
        this.strength = strength;
        int levels = EmbedMask.LEVELS;
        low = new long[levels * T * WORDS_PER_ROW];
        sign = new long[levels * T * WORDS_PER_ROW];
        delta = new byte[levels * WatermarkPattern.AREA];
        for (int level = 0; level < levels; level++) {
            double a = strength * EmbedMask.GAINS[level];
            for (int p = 0; p < WatermarkPattern.AREA; p++) {
                int d = (int) Math.round(a * tile[p]);
                d = Math.max(-127, Math.min(127, d));
                delta[level * WatermarkPattern.AREA + p] = (byte) d;
                int word = (level * T + (p >>> WatermarkPattern.TILE_BITS)) * WORDS_PER_ROW + ((p & (T - 1)) >>> 3);
                int shift = 8 * (p & 7);
                low[word] |= (long) (d & 0x7F) << shift;
                sign[word] |= (long) (d & 0x80) << shift;
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
        long[] low = this.low;
        long[] sign = this.sign;
        int uniformBase = (EmbedMask.UNIFORM * T + tileRow) * WORDS_PER_ROW;
        int rowBase = tileRow * WORDS_PER_ROW;
        int words = width >>> 3;
        if (levels == null) {
            // whole tile rows first: the inner loop has a fixed tile base and no index masking
            int full = words & ~(WORDS_PER_ROW - 1);
            for (int w0 = 0; w0 < full; w0 += WORDS_PER_ROW) {
                int base = rowStart + (w0 << 3);
                for (int j = 0; j < WORDS_PER_ROW; j++) {
                    int off = base + (j << 3);
                    long x = (long) LONGS.get(luma, off);
                    LONGS.set(luma, off, addSaturating(x, low[uniformBase + j], sign[uniformBase + j]));
                }
            }
            for (int w = full; w < words; w++) {
                int off = rowStart + (w << 3);
                int i = uniformBase + (w & (WORDS_PER_ROW - 1));
                LONGS.set(luma, off, addSaturating((long) LONGS.get(luma, off), low[i], sign[i]));
            }
        } else {
            for (int w = 0; w < words; w++) {
                int i = levels[levelRow + w] * (T * WORDS_PER_ROW) + rowBase + (w & (WORDS_PER_ROW - 1));
                int off = rowStart + (w << 3);
                LONGS.set(luma, off, addSaturating((long) LONGS.get(luma, off), low[i], sign[i]));
            }
        }
        for (int x = words << 3; x < width; x++) {
            int level = levels == null ? EmbedMask.UNIFORM : levels[levelRow + (x >> 3)];
            int d = delta[level * WatermarkPattern.AREA + tileRow * T + (x & (T - 1))];
            int v = (luma[rowStart + x] & 0xFF) + d;
            luma[rowStart + x] = (byte) Math.max(0, Math.min(255, v));
        }
    }

    /**
     * Per byte: unsigned x plus the signed delta whose low 7 bits are in {@code dLow} and sign bits in
     * {@code dSign}, clamped to [0, 255]. The sum of the low 7 bits carries into bit 7 ({@code s}); with the
     * two top bits that decides overflow (delta ≥ 0, carry out) and underflow (delta < 0, no carry out).
     */
    static long addSaturating(long x, long dLow, long dSign) {
        long xh = x & HIGH;
        long s = (x & LOW7) + dLow;
        long sum = s ^ xh ^ dSign;
        long over = s & xh & ~dSign;        // both top bits 0 in delta, carry in and x7 = 1
        long under = dSign & ~(xh | s);     // delta negative, no carry in and x7 = 0
        return (sum | ((over >>> 7) * 0xFF)) & ~((under >>> 7) * 0xFF);
    }

    /** The signed per-pixel delta at a mask level, for tests and tails. */
    int delta(int level, int x, int y) {
        return delta[level * WatermarkPattern.AREA + (y & (T - 1)) * T + (x & (T - 1))];
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
