package dev.aigcmark.image.watermark;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The mark for one (key, payload), ready to add to any number of luma planes. Immutable and thread-safe;
 * {@code embed} allocates nothing (the masked one fills, and on a larger plane grows, its mask's delta cache).
 * The tile is anchored at the plane's top-left pixel.
 * <p>
 * Why SWAR: JDK 17's C2 does not auto-vectorise a clamped byte add, and a per-pixel branch would cost more
 * than the memory traffic. So the signed tile is stored in {@code long}s as its low 7 bits per byte and a
 * "delta ≥ 0" byte mask, and each 8-pixel word gets one branch-free SWAR add (11 ALU ops, see
 * {@link #addSaturating}). C2's SuperWord does vectorise <em>that</em> loop (AVX2: 4 words at a time;
 * measured 0.65 → 0.13 ms CPU per 1080p plane), but only when the luma offset and the delta index both
 * advance by one word per iteration (no masking, no gather). Hence the uniform path keeps each tile row
 * widened to {@value #WIDE_WORDS} words (1024 px, a multiple of the tile), and the masked path gathers the
 * per-block deltas once per mask (kept in the mask, see EmbedMask). If a JDK stopped vectorising these loops
 * the result stays exact, only about as fast as the scalar SWAR loop was.
 * Tables: 256 KB widened rows + 4 levels × 2 × 16 KB tiles, L2-resident.
 */
public final class PreparedWatermark {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH = 0x8080808080808080L;
    private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;
    private static final int T = WatermarkPattern.TILE;
    private static final int WORDS_PER_ROW = T / 8;
    static final int WIDE_WORDS = 128;

    private final long[] low;    // [level][tileRow][word]: delta & 0x7F per byte
    private final long[] pos;    // 0xFF per byte where delta >= 0
    private final long[][] wideLow;  // [tileRow][WIDE_WORDS]: the uniform level's rows, repeated
    private final long[][] widePos;
    private final byte[] delta;  // [level][tilePixel] signed, for the last < 8 pixels of a row
    private final double strength;

    PreparedWatermark(double[] tile, double strength) {
        this.strength = strength;
        int levels = EmbedMask.LEVELS;
        low = new long[levels * T * WORDS_PER_ROW];
        pos = new long[levels * T * WORDS_PER_ROW];
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
                pos[word] |= (d >= 0 ? 0xFFL : 0L) << shift;
            }
        }
        wideLow = new long[T][WIDE_WORDS];
        widePos = new long[T][WIDE_WORDS];
        for (int row = 0; row < T; row++) {
            for (int w = 0; w < WIDE_WORDS; w++) {
                int i = (EmbedMask.UNIFORM * T + row) * WORDS_PER_ROW + (w & (WORDS_PER_ROW - 1));
                wideLow[row][w] = low[i];
                widePos[row][w] = pos[i];
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
        int words = width >>> 3;
        for (int y = 0; y < height; y++) {
            int rowStart = y * stride;
            int tileRow = y & (T - 1);
            long[] rowLow = wideLow[tileRow];
            long[] rowPos = widePos[tileRow];
            // The chunk is the rows' length, not the constant: a run bound C2 knows to be ≤ 128 stops SuperWord
            // from vectorising addRun (measured: 0.47 vs 0.15 ms per 1080p plane).
            int chunk = rowLow.length;
            for (int w0 = 0; w0 < words; w0 += chunk) {
                addRun(luma, rowStart + (w0 << 3), rowLow, rowPos, Math.min(chunk, words - w0));
            }
            addTail(luma, rowStart, width, tileRow, null, 0);
        }
    }

    /** Adds the mark with a per-block strength from {@code mask} (updated for this plane's size), in place. */
    public void embed(byte[] luma, int width, int height, int stride, EmbedMask mask) {
        checkPlane(luma, width, height, stride);
        if (!mask.fits(width, height)) {
            throw new IllegalArgumentException("mask was computed for another plane size");
        }
        int words = width >>> 3;
        long[] deltas = mask.cachedDeltas(this, words, height);
        if (deltas == null) {
            deltas = mask.deltasToFill(this, words, height);
            fillMaskedDeltas(deltas, words, height, mask);
        }
        for (int y = 0; y < height; y++) {
            addPackedRun(luma, y * stride, deltas, y * words, words);
            addTail(luma, y * stride, width, y & (T - 1), mask.levels, (y >> 3) * mask.blocksX);
        }
    }

    /**
     * The plane's deltas, one packed word (delta bytes as two's complement) per 8 pixels: the per-block level
     * makes the tile index irregular, and that gather costs 3× the add itself, so it is done once per mask.
     */
    private void fillMaskedDeltas(long[] deltas, int words, int height, EmbedMask mask) {
        byte[] levels = mask.levels;
        for (int y = 0; y < height; y++) {
            int rowBase = (y & (T - 1)) * WORDS_PER_ROW;
            int levelRow = (y >> 3) * mask.blocksX;
            for (int w = 0; w < words; w++) {
                int i = levels[levelRow + w] * (T * WORDS_PER_ROW) + rowBase + (w & (WORDS_PER_ROW - 1));
                deltas[y * words + w] = low[i] | (~pos[i] & HIGH);
            }
        }
    }

    /** Like {@link #addRun} with packed deltas, unpacked in the (vectorised) loop: half the memory traffic. */
    private static void addPackedRun(byte[] luma, int start, long[] deltas, int from, int n) {
        for (int j = 0; j < n; j++) {
            int off = start + (j << 3);
            long d = deltas[from + j];
            long dPos = ~(((d & HIGH) >>> 7) * 0xFF);
            LONGS.set(luma, off, addSaturating((long) LONGS.get(luma, off), d & LOW7, dPos));
        }
    }

    /**
     * Adds {@code n} words of deltas starting at word 0 of the delta rows to the plane from byte {@code start}.
     * Kept as its own small counted loop with both indices linear: the shape C2's SuperWord vectorises.
     */
    private static void addRun(byte[] luma, int start, long[] dLow, long[] dPos, int n) {
        for (int j = 0; j < n; j++) {
            int off = start + (j << 3);
            LONGS.set(luma, off, addSaturating((long) LONGS.get(luma, off), dLow[j], dPos[j]));
        }
    }

    /** The last {@code width % 8} pixels of a row, one at a time. */
    private void addTail(byte[] luma, int rowStart, int width, int tileRow, byte[] levels, int levelRow) {
        for (int x = width & ~7; x < width; x++) {
            int level = levels == null ? EmbedMask.UNIFORM : levels[levelRow + (x >> 3)];
            int d = delta[level * WatermarkPattern.AREA + tileRow * T + (x & (T - 1))];
            int v = (luma[rowStart + x] & 0xFF) + d;
            luma[rowStart + x] = (byte) Math.max(0, Math.min(255, v));
        }
    }

    /**
     * Per byte: unsigned x plus the signed delta whose low 7 bits are in {@code dLow} and whose sign is given by
     * {@code dPos} (0xFF where the delta is ≥ 0, else 0x00), clamped to [0, 255]. The low 7 bits add with a
     * carry c into bit 7; {@code h} = x7 ^ d7 (bit 7 only), so the wrapped sum's bit 7 is c ^ h7. Saturation can
     * only happen where h7 = 1 (a positive delta on x ≥ 128, or a negative one on x < 128) and happens there
     * exactly when c = x7, i.e. when bit 7 of t = sum ^ dPos (= c ^ x7 ^ 1) is set. The saturated byte is dPos
     * itself (255 or 0), which is sum ^ t.
     */
    static long addSaturating(long x, long dLow, long dPos) {
        long h = HIGH & ~(x ^ dPos);
        long sum = ((x & LOW7) + dLow) ^ h;
        long t = sum ^ dPos;
        long saturated = ((t & h) >>> 7) * 0xFF;
        return sum ^ (t & saturated);
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
