package dev.aigcmark.image.internal.watermark;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The mark for one (key, payload), ready to add to any number of luma planes. Thread-safe; {@code embed}
 * allocates only when the plane size changes (the tile is then redrawn at that size's period, see
 * {@link TileGeometry}) and, for the masked embed, when its mask's delta cache must grow. The tile is anchored
 * at the plane's top-left pixel.
 * <p>
 * Why SWAR: JDK 17's C2 does not auto-vectorise a clamped byte add, and a per-pixel branch would cost more
 * than the memory traffic. So the deltas are packed, eight signed bytes per {@code long}, and each 8-pixel
 * word gets one branch-free SWAR add (see {@link #addSaturating}). C2's SuperWord vectorises that loop
 * (AVX2: 4 words at a time) when the luma offset and the delta index both advance by one word per iteration,
 * so the uniform path keeps one packed row of deltas per tile row, as wide as the plane, and the masked path
 * one packed delta per pixel (gathered once per mask, kept in the mask). If a JDK stopped vectorising these
 * loops the result stays exact, only about as fast as a scalar SWAR loop.
 */
public final class PreparedWatermark {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH = 0x8080808080808080L;
    private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;

    private final double[] tile;   // unit-RMS tile samples (WatermarkPattern.TILE²)
    private final double strength;
    private volatile Layout layout;

    /** The tile drawn for one plane size: its period, its samples (luma levels at gain 1), packed rows. */
    static final class Layout {
        final int width;
        final int height;
        final int period;
        final float[] levels;  // period² deltas at gain 1
        /** Samples past a row's end in {@link #wrappedLevels}: one block of 8 pixels starting at the last column. */
        static final int WRAP = 7;
        private volatile long[][] rows;
        private volatile float[] wrapped;

        Layout(double[] tile, double strength, int width, int height) {
            this.width = width;
            this.height = height;
            this.period = TileGeometry.period(width, height);
            this.levels = resample(tile, strength, period);
        }

        /**
         * {@link #levels} with each tile row followed by its first {@value #WRAP} samples again (rows of {@code period +
         * WRAP}), so 8 pixels from any tile column read their samples without a wrap test: made on first use.
         */
        float[] wrappedLevels() {
            float[] v = wrapped;
            if (v == null) {
                int stride = period + WRAP;
                v = new float[period * stride];
                for (int y = 0; y < period; y++) {
                    System.arraycopy(levels, y * period, v, y * stride, period);
                    System.arraycopy(levels, y * period, v, y * stride + period, WRAP);
                }
                wrapped = v;
            }
            return v;
        }

        float level(int x, int y) {
            return levels[(y % period) * period + (x % period)];
        }

        /**
         * [tileRow][width / 8] packed rounded deltas at gain 1, for the uniform embed only: made on its first use,
         * so a masked embed (an image marked once) does not pay for them.
         */
        long[][] rows() {
            long[][] r = rows;
            if (r == null) {
                int words = width >>> 3;
                r = new long[Math.min(period, height)][words];
                for (int y = 0; y < r.length; y++) {
                    int base = y * period;
                    for (int w = 0; w < words; w++) {
                        long packed = 0;
                        for (int b = 0; b < 8; b++) {
                            int d = clampDelta(Math.round(levels[base + (8 * w + b) % period]));
                            packed |= (long) (d & 0xFF) << (8 * b);
                        }
                        r[y][w] = packed;
                    }
                }
                rows = r;
            }
            return r;
        }
    }

    PreparedWatermark(double[] tile, double strength) {
        this.tile = tile;
        this.strength = strength;
    }

    /** The RMS luma change at mask gain 1. */
    public double strength() {
        return strength;
    }

    /** The tile period (px) this mark is drawn with on a plane of this size. */
    public static int period(int width, int height) {
        return TileGeometry.period(width, height);
    }

    /** Adds the mark at uniform strength, in place. */
    public void embed(byte[] luma, int width, int height, int stride) {
        checkPlane(luma, width, height, stride);
        Layout l = layout(width, height);
        long[][] rows = l.rows();
        int words = width >>> 3;
        for (int y = 0; y < height; y++) {
            int rowStart = y * stride;
            addPackedRun(luma, rowStart, rows[y % l.period], 0, words);
            for (int x = width & ~7; x < width; x++) {
                luma[rowStart + x] = add(luma[rowStart + x], clampDelta(Math.round(l.level(x, y))));
            }
        }
    }

    /** Adds the mark with the per-block gain of {@code mask} (computed for this plane's size), in place. */
    public void embed(byte[] luma, int width, int height, int stride, EmbedMask mask) {
        checkPlane(luma, width, height, stride);
        if (!mask.fits(width, height)) {
            throw new IllegalArgumentException("mask was computed for another plane size");
        }
        int words = width >>> 3;
        long[] deltas = mask.cachedDeltas(this, words, height);
        Layout l = layout(width, height);
        if (deltas == null) {
            deltas = mask.deltasToFill(this, words, height);
            fillMaskedDeltas(deltas, words, height, mask, l);
        }
        for (int y = 0; y < height; y++) {
            addPackedRun(luma, y * stride, deltas, y * words, words);
            for (int x = width & ~7; x < width; x++) {
                luma[y * stride + x] = add(luma[y * stride + x], maskedDelta(l, mask, x, y));
            }
        }
    }

    Layout layout(int width, int height) {
        Layout l = layout;
        if (l == null || l.width != width || l.height != height) {
            l = new Layout(tile, strength, width, height);
            layout = l;
        }
        return l;
    }

    /** The signed delta the masked embed adds at (x, y): the drawn tile times the mask's gain there. */
    static int maskedDelta(Layout l, EmbedMask mask, int x, int y) {
        return clampDelta(Math.round(l.level(x, y) * mask.gain(x, y)));
    }

    /**
     * The plane's deltas, one packed word per 8 pixels: computed once per mask, reused for every frame. Through the
     * vectorised {@link #maskedRowBits} (the same integers as {@link #maskedRow}; a video stream refreshes its mask
     * every GOP, and {@code maskedRow}'s scalar rounding made this 4 of a 1080p GOP's 6.3 ms, session 17).
     */
    private static void fillMaskedDeltas(long[] deltas, int words, int height, EmbedMask mask, Layout l) {
        float[][] scratch = mask.rowScratch(l.width);
        float[] gains = scratch[0];
        float[] levels = scratch[1];
        float[] bits = scratch[2];
        int gainsOfBlockRow = -1;
        for (int y = 0; y < height; y++) {
            int blockRow = y >> EmbedMask.BLOCK_BITS;
            if (blockRow != gainsOfBlockRow) { // the same gains for a block's 8 rows
                mask.spreadGains(blockRow, gains, l.width);
                gainsOfBlockRow = blockRow;
            }
            maskedRowBits(l, gains, y, levels, bits);
            for (int w = 0, x = 0; w < words; w++, x += 8) {
                deltas[y * words + w] = lowByte(bits[x]) | lowByte(bits[x + 1]) << 8 | lowByte(bits[x + 2]) << 16
                        | lowByte(bits[x + 3]) << 24 | lowByte(bits[x + 4]) << 32 | lowByte(bits[x + 5]) << 40
                        | lowByte(bits[x + 6]) << 48 | lowByte(bits[x + 7]) << 56;
            }
        }
    }

    /** The delta {@link #deltaBits} put in the low byte of {@code bits}' raw bits, as the low byte of a long. */
    private static long lowByte(float bits) {
        return Float.floatToRawIntBits(bits) & 0xFFL;
    }

    /**
     * Row {@code y}'s signed deltas of the masked embed ({@link #maskedDelta} at every x), into {@code out[0, width)}:
     * one pass along the row with the tile column wrapping at the period and the gain read once per block.
     */
    static void maskedRow(Layout l, EmbedMask mask, int y, byte[] out) {
        float[] levels = l.levels;
        int period = l.period;
        int base = (y % period) * period;
        int gainRow = (y >> EmbedMask.BLOCK_BITS) * mask.blocksX;
        int tx = 0;
        for (int x0 = 0; x0 < l.width; x0 += 1 << EmbedMask.BLOCK_BITS) {
            float g = mask.gains[gainRow + (x0 >> EmbedMask.BLOCK_BITS)];
            int end = Math.min(l.width, x0 + (1 << EmbedMask.BLOCK_BITS));
            for (int x = x0; x < end; x++) {
                out[x] = (byte) clampDelta(round(levels[base + tx] * g));
                tx = tx + 1 == period ? 0 : tx + 1;
            }
        }
    }

    /**
     * 1.5 · 2²³: a float in [−2²², 2²²] plus this is rounded to the nearest integer (ties to even), which then sits in
     * the low bits of the sum's mantissa as a two's-complement number; subtracting it again leaves that integer.
     */
    static final float ROUNDING = 12582912.0f;

    /**
     * Row {@code y}'s deltas of the masked embed ({@link #maskedDelta}), each as a float whose raw bits' low byte is the
     * delta: {@code (byte) Float.floatToRawIntBits(out[x])}. {@code gains[x]} is pixel x's gain (its block's, spread
     * over the row); {@code levels} is scratch for the row's tile samples, laid out the same way. Float arithmetic only
     * ({@link #deltaBits}), on arrays read at the same index, so C2 vectorises the loop (JDK 17's SuperWord declines a
     * loop whose arrays are read at different offsets, and does not vectorise the float → double → int conversions of
     * {@link #round}). The same integers as {@code clampDelta(round(level · gain))} for every float product
     * ({@code PreparedWatermarkTest}).
     */
    static void maskedRowBits(Layout l, float[] gains, int y, float[] levels, float[] out) {
        int period = l.period;
        int base = (y % period) * period;
        int w = l.width;
        for (int x0 = 0; x0 < w; x0 += period) {
            System.arraycopy(l.levels, base, levels, x0, Math.min(period, w - x0));
        }
        for (int x = 0; x < w; x++) {
            out[x] = deltaBits(levels[x] * gains[x]);
        }
    }

    /**
     * {@code clampDelta(round(p))} as a float whose raw bits' low byte is that integer: p clamped to ±127 first (the
     * same result, as rounding is monotonic and ±127 are integers), rounded to nearest with ties to even by {@link
     * #ROUNDING}, then moved up by 1 where p was a tie rounded down ({@link Math#round(float)} rounds ties up): there p
     * − v is exactly ½ (p − v is exact: v is within ½ of p), so 2(p − v) − 1 is 0, and anywhere else it is at most
     * −2⁻²³ (p is a float within ½ of v but not ½ from it; under |p| ½ it is at most ½ − 2⁻²⁵ from v = 0), which
     * times 2³⁰ plus 1 is negative. Every step is exact or only its sign matters.
     */
    static float deltaBits(float p) {
        float c = Math.max(-127f, Math.min(127f, p));
        float v = (c + ROUNDING) - ROUNDING;
        float tieUp = Math.max(0f, (2 * (c - v) - 1) * 0x1p30f + 1);
        return v + tieUp + ROUNDING;
    }

    /** Adds packed deltas to a run of words, unpacked in the (vectorised) loop: one array read per word. */
    private static void addPackedRun(byte[] luma, int start, long[] deltas, int from, int n) {
        for (int j = 0; j < n; j++) {
            int off = start + (j << 3);
            long d = deltas[from + j];
            long dPos = ~(((d & HIGH) >>> 7) * 0xFF);
            LONGS.set(luma, off, addSaturating((long) LONGS.get(luma, off), d & LOW7, dPos));
        }
    }

    /**
     * Per byte, unsigned {@code x} plus the signed byte of {@code d}, wrapping: the sum wherever {@link #outOfRange} is
     * 0 for that byte ({@link #addSaturating}'s arithmetic without the clamp).
     */
    static long wrappingAdd(long x, long d) {
        return ((x & LOW7) + (d & LOW7)) ^ (HIGH & ~(x ^ positive(d)));
    }

    /** Bit 7 set in each byte where {@code x + d} ({@code sum}: {@link #wrappingAdd}) left [0, 255], else 0. */
    static long outOfRange(long x, long d, long sum) {
        long dPos = positive(d);
        return (sum ^ dPos) & HIGH & ~(x ^ dPos);
    }

    /** 0xFF in each byte of {@code d} that is ≥ 0 as a signed byte, else 0x00. */
    private static long positive(long d) {
        return ~(((d & HIGH) >>> 7) * 0xFF);
    }

    /**
     * {@link Math#round(float)}, exactly (a float plus ½ is exact in double, so its floor is the same integer), through
     * the floor instruction C2 has for doubles instead of the JDK 17 library's bit manipulation: half the cost of a
     * masked row.
     */
    static int round(float v) {
        return (int) Math.floor((double) v + 0.5);
    }

    private static byte add(byte pixel, int delta) {
        return (byte) Math.max(0, Math.min(255, (pixel & 0xFF) + delta));
    }

    static int clampDelta(int d) {
        return Math.max(-127, Math.min(127, d));
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

    /** The signed per-pixel delta of the uniform embed on a plane of this size, for tests. */
    int delta(int width, int height, int x, int y) {
        return clampDelta(Math.round(layout(width, height).level(x, y)));
    }

    /**
     * The tile drawn at {@code period} px: circular Catmull-Rom interpolation of the tile samples (the tile is
     * low-passed, so this is smooth), times the strength.
     */
    static float[] resample(double[] tile, double strength, int period) {
        int t = WatermarkPattern.TILE;
        double step = t / (double) period;
        int[] i0 = new int[period];
        double[][] wts = new double[period][];
        for (int p = 0; p < period; p++) {
            double u = p * step;
            int base = (int) Math.floor(u);
            i0[p] = base - 1;
            wts[p] = catmullRom(u - base);
        }
        double[] rows = new double[t * period]; // tile rows resampled horizontally
        for (int y = 0; y < t; y++) {
            for (int p = 0; p < period; p++) {
                double acc = 0;
                for (int k = 0; k < 4; k++) {
                    acc += wts[p][k] * tile[y * t + ((i0[p] + k) & (t - 1))];
                }
                rows[y * period + p] = acc;
            }
        }
        float[] out = new float[period * period];
        for (int q = 0; q < period; q++) {
            for (int p = 0; p < period; p++) {
                double acc = 0;
                for (int k = 0; k < 4; k++) {
                    acc += wts[q][k] * rows[((i0[q] + k) & (t - 1)) * period + p];
                }
                out[q * period + p] = (float) (acc * strength);
            }
        }
        return out;
    }

    private static double[] catmullRom(double f) {
        double f2 = f * f;
        double f3 = f2 * f;
        return new double[] {
            -0.5 * f3 + f2 - 0.5 * f,
            1.5 * f3 - 2.5 * f2 + 1,
            -1.5 * f3 + 2 * f2 + 0.5 * f,
            0.5 * f3 - 0.5 * f2};
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
