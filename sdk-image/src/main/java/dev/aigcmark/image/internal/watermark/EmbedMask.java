package dev.aigcmark.image.internal.watermark;

import dev.aigcmark.image.internal.SecondCore;

import java.util.Arrays;

/**
 * A perceptual strength map for {@link PreparedWatermark#embed(byte[], int, int, int, EmbedMask)}: one gain
 * per 8×8 block, so flat areas stay clean and textured, dark or bright areas carry more. Two masking effects
 * of the classic pixel-domain JND models (Chou and Li 1995; Yang et al. 2005): luminance adaptation (the
 * threshold rises in dark and bright backgrounds) and texture masking, here measured the way SSIM measures
 * structure loss: a change of variance σ²n in a block of variance σ²x costs about σ²n / (2σ²x + σ²n + C2),
 * so the gain follows ((2σ²x + C2) / C2)^e. The exponent e is chosen per plane (see
 * {@link #update(byte[], int, int, int, double)}); gains are smoothed over 3×3 blocks and scaled so their RMS
 * over the plane is 1: the mark's total energy (hence PSNR) is set by the prepared strength alone, the mask
 * only moves it to where it hides. Computing it reads the plane once at half density; for video compute it
 * once per scene or GOP and reuse it. Not thread-safe: one mask per thread (or per stream). It also keeps the
 * per-pixel deltas the masked embed last gathered for it, so later frames with the same watermark skip that.
 */
public final class EmbedMask {
    static final int BLOCK_BITS = 3;
    static final double MIN_GAIN = 0.25;
    static final double MAX_GAIN = 4.0;
    /** SSIM's C2 = (0.03 · 255)²: the variance below which a window counts as flat. */
    private static final double C2 = 58.5;
    /** SSIM's structure term weighs the host variance twice: 1 − SSIM ≈ σ²mark / (2σ²host + σ²mark + C2). */
    private static final double TEXTURE = 2.0;
    /** Texture exponents tried, flattest first: gain ∝ ((2σ² + C2) / C2)^e; e = 0.5 equalises SSIM's loss. */
    private static final double[] EXPONENTS = {0.15, 0.25, 0.35, 0.5};
    /** The predicted mean SSIM a plane's allocation must keep (the bar is 0.98, measured on the result). */
    static final double SSIM_TARGET = 0.99;

    float[] gains = new float[0];
    private float[] variance = new float[0];
    private float[] lum = new float[0];
    private float[] jnd = new float[0];
    private double[] rowSums = new double[0];
    private float[][] rows = {new float[0]};
    int blocksX;
    int blocksY;
    private int width;
    private int height;
    // The masked embed's packed per-8-pixel deltas for one watermark, valid until the gains change.
    private long[] deltas = new long[0];
    private PreparedWatermark deltasOf;
    private int deltasWords;
    private int deltasHeight;
    /** The last {period, share} computed (its 16 641-point spectral sum costs about as much as the gains). */
    private static volatile double[] lastShare = {0, 0};

    /** Recomputes the gains for this plane at the default strength (reallocates only when the plane grows). */
    public void update(byte[] luma, int width, int height, int stride) {
        update(luma, width, height, stride, LumaWatermarker.DEFAULT_STRENGTH);
    }

    /**
     * Recomputes the gains for this plane, for a mark of RMS {@code strength} (luma levels at gain 1). The
     * texture exponent is chosen per plane: the flattest allocation (most energy on smooth areas, where the
     * detector sees it best) whose predicted SSIM stays ≥ {@value #SSIM_TARGET}.
     */
    public void update(byte[] luma, int width, int height, int stride, double strength) {
        PreparedWatermark.checkPlane(luma, width, height, stride);
        prepareStatistics(width, height);
        for (int by = 0; by < blocksY; by++) {
            int y0 = by << BLOCK_BITS;
            int rows = Math.min(8, height - y0);
            for (int bx = 0; bx < blocksX; bx++) {
                int x0 = bx << BLOCK_BITS;
                int cols = Math.min(8, width - x0);
                long sum = 0;
                long sq = 0;
                for (int r = 0; r < rows; r += 2) {
                    int o = (y0 + r) * stride + x0;
                    for (int c = 0; c < cols; c++) {
                        int v = luma[o + c] & 0xFF;
                        sum += v;
                        sq += v * v;
                    }
                }
                blockStatistics(by * blocksX + bx, sum, sq, ((rows + 1) >> 1) * cols);
            }
        }
        allocate(strength);
    }

    /**
     * As {@link #update(byte[], int, int, int, double)} on the BT.601 luma of interleaved pixels ({@code
     * pixelStride} bytes a pixel, B, G, R in its last three bytes, rows packed), without making the luma plane:
     * the same gains, read from the even rows only.
     */
    void updateFromPixels(byte[] pixels, int pixelStride, int width, int height, double strength) {
        updateFromPixels(pixels, pixelStride, false, width, height, strength);
    }

    /** {@link #updateFromPixels(byte[], int, int, int, double)} of pixels whose last three bytes are R, G, B when {@code redFirst}. */
    void updateFromPixels(byte[] pixels, int pixelStride, boolean redFirst, int width, int height, double strength) {
        updateFromPixels(pixels, pixelStride, redFirst, width, height, strength, chunks(width, height));
    }

    /** How many parts a picture's pixel passes are cut into: {@link #CHUNKS} from {@link #PARALLEL_PIXELS}, else 1. */
    static int chunks(int width, int height) {
        return SecondCore.ENABLED && (long) width * height >= PARALLEL_PIXELS ? CHUNKS : 1;
    }

    /** As above, the statistics gathered in {@code parts} ranges of block rows (the same gains for any number). */
    void updateFromPixels(byte[] pixels, int pixelStride, boolean redFirst, int width, int height, double strength,
                          int parts) {
        prepareStatistics(width, height);
        int rowsOfBlocks = blocksY;
        int chunks = Math.max(1, Math.min(parts, rowsOfBlocks));
        SecondCore.forEach(chunks, c -> statistics(pixels, pixelStride, redFirst, width, height,
                c * rowsOfBlocks / chunks, (c + 1) * rowsOfBlocks / chunks));
        allocate(strength);
    }

    /** Pictures from this many pixels have their statistics (and their rows marked) shared with a helper thread. */
    static final int PARALLEL_PIXELS = 1 << 18;
    /** The parts such a picture's passes are cut into, claimed one at a time by the caller and the helper. */
    static final int CHUNKS = 8;

    /**
     * The statistics of block rows {@code fromBlockRow} … {@code toBlockRow} − 1 (each block's sums of its even rows'
     * luma), written to those blocks alone: ranges of block rows can be gathered on different threads.
     */
    private void statistics(byte[] pixels, int n, boolean redFirst, int width, int height, int fromBlockRow,
                            int toBlockRow) {
        long[] sums = new long[blocksX];
        long[] squares = new long[blocksX];
        int[] first = Luma.first(redFirst);
        int[] green = Luma.GREEN;
        int[] last = Luma.last(redFirst);
        for (int by = fromBlockRow; by < toBlockRow; by++) {
            int y0 = by << BLOCK_BITS;
            int rows = Math.min(8, height - y0);
            for (int r = 0; r < rows; r += 2) {
                int j = (y0 + r) * width * n + n - 3; // the pixel's first colour byte
                if (n == 3) {
                    rowStatistics3(pixels, j, width, first, green, last, sums, squares);
                    continue;
                }
                for (int bx = 0; bx < blocksX; bx++) { // a block's 8 pixels summed in registers, then stored once
                    int end = Math.min(width, (bx + 1) << BLOCK_BITS);
                    int sum = 0;
                    int sq = 0;
                    for (int x = bx << BLOCK_BITS; x < end; x++, j += n) {
                        int v = (first[pixels[j] & 0xFF] + green[pixels[j + 1] & 0xFF] + last[pixels[j + 2] & 0xFF]) >> 8;
                        sum += v;
                        sq += v * v;
                    }
                    sums[bx] += sum;
                    squares[bx] += sq;
                }
            }
            for (int bx = 0; bx < blocksX; bx++) {
                int cols = Math.min(8, width - (bx << BLOCK_BITS));
                blockStatistics(by * blocksX + bx, sums[bx], squares[bx], ((rows + 1) >> 1) * cols);
                sums[bx] = 0;
                squares[bx] = 0;
            }
        }
    }

    /**
     * One row of 3-byte pixels from {@code j} added to its blocks' sums and sums of squares: each whole block's 8
     * pixels (24 bytes) at constant offsets from its first byte, then the part block at the row's end. The same
     * integer sums as the general loop in {@link #updateFromPixels}; without the per-pixel bound and stride of
     * that loop it takes ≈ 0.77× its CPU time (1 MP photo, both alternated in one JVM; session-13 note).
     */
    private static void rowStatistics3(byte[] pixels, int j, int width, int[] first, int[] green, int[] last,
                                       long[] sums, long[] squares) {
        int whole = width >>> BLOCK_BITS;
        for (int bx = 0; bx < whole; bx++, j += 24) {
            int sum = 0;
            int sq = 0;
            for (int k = 0; k < 24; k += 3) {
                int v = (first[pixels[j + k] & 0xFF] + green[pixels[j + k + 1] & 0xFF] + last[pixels[j + k + 2] & 0xFF]) >> 8;
                sum += v;
                sq += v * v;
            }
            sums[bx] += sum;
            squares[bx] += sq;
        }
        int rest = width - (whole << BLOCK_BITS);
        if (rest > 0) {
            int sum = 0;
            int sq = 0;
            for (int x = 0; x < rest; x++, j += 3) {
                int v = (first[pixels[j] & 0xFF] + green[pixels[j + 1] & 0xFF] + last[pixels[j + 2] & 0xFF]) >> 8;
                sum += v;
                sq += v * v;
            }
            sums[whole] += sum;
            squares[whole] += sq;
        }
    }

    private void prepareStatistics(int width, int height) {
        resize(width, height);
        int blocks = blocksX * blocksY;
        if (variance.length < blocks) { // scratch kept across updates: a stream refreshes its mask every GOP
            variance = new float[blocks];
            lum = new float[blocks];
            jnd = new float[blocks];
        }
    }

    private void blockStatistics(int block, long sum, long sq, int n) {
        double mean = sum / (double) n;
        variance[block] = (float) Math.max(0, sq / (double) n - mean * mean);
        lum[block] = (float) luminanceFactor(mean);
    }

    /**
     * The texture exponent for these statistics: the flattest allocation (most energy on smooth areas, where the
     * detector sees it best) whose predicted SSIM stays ≥ {@value #SSIM_TARGET}; its gains are left in place.
     */
    private void allocate(double strength) {
        int blocks = blocksX * blocksY;
        double seen = ssimVisibleShare(TileGeometry.period(width, height));
        for (double exponent : EXPONENTS) {
            for (int i = 0; i < blocks; i++) {
                jnd[i] = (float) (lum[i] * Math.pow((TEXTURE * variance[i] + C2) / C2, exponent));
            }
            smoothAndNormalise();
            double ssim = 0;
            for (int i = 0; i < blocks; i++) {
                double noise = seen * strength * strength * gains[i] * gains[i];
                ssim += 1 - noise / (TEXTURE * variance[i] + noise + C2);
            }
            if (ssim / blocks >= SSIM_TARGET) {
                return;
            }
        }
    }

    /** {@link #ssimVisibleShare(double)} for a tile period, remembered: a plane size needs it every update. */
    private static double ssimVisibleShare(int period) {
        double[] last = lastShare;
        if (last[0] != period) {
            last = new double[] {period, ssimVisibleShare(period / (double) WatermarkPattern.CHIPS)};
            lastShare = last;
        }
        return last[1];
    }

    /**
     * The share of the mark's variance that SSIM's 11×11 Gaussian window (σ 1.5 px) sees as structure: the
     * mark's spectrum (random chips of {@code chip} px, low-passed with σ = 0.45 chip) weighted by the
     * window's high-pass response, over the whole spectrum. Coarse chips change a window's mean, which SSIM's
     * luminance term barely weighs, so their structure share is small.
     */
    static double ssimVisibleShare(double chip) {
        int n = 64;
        double total = 0;
        double seen = 0;
        double st = 0.45 * chip;
        for (int i = -n; i <= n; i++) {
            for (int j = -n; j <= n; j++) {
                double fx = 0.5 * i / n;
                double fy = 0.5 * j / n;
                double f2 = fx * fx + fy * fy;
                double spectrum = sinc2(fx * chip) * sinc2(fy * chip) * Math.exp(-4 * Math.PI * Math.PI * st * st * f2);
                double pass = 1 - Math.exp(-2 * Math.PI * Math.PI * 1.5 * 1.5 * f2);
                total += spectrum;
                seen += spectrum * pass * pass;
            }
        }
        return seen / total;
    }

    private static double sinc2(double x) {
        if (x == 0) {
            return 1;
        }
        double v = Math.sin(Math.PI * x) / (Math.PI * x);
        return v * v;
    }

    /**
     * gains = the 3×3 block mean of min(jnd, MAX_GAIN), scaled to RMS 1, floored at MIN_GAIN. Summed by rows then
     * columns: every term is a float in [1, MAX_GAIN] (the luminance factor and the texture term are both ≥ 1), so
     * each sum of at most nine is exact in double and the order cannot change a gain.
     */
    private void smoothAndNormalise() {
        int bw = blocksX;
        int bh = blocksY;
        if (rowSums.length < bw * bh) {
            rowSums = new double[bw * bh];
        }
        for (int by = 0; by < bh; by++) {
            int row = by * bw;
            for (int bx = 0; bx < bw; bx++) {
                double s = Math.min(MAX_GAIN, jnd[row + bx]);
                if (bx > 0) {
                    s += Math.min(MAX_GAIN, jnd[row + bx - 1]);
                }
                if (bx + 1 < bw) {
                    s += Math.min(MAX_GAIN, jnd[row + bx + 1]);
                }
                rowSums[row + bx] = s;
            }
        }
        double sumSq = 0;
        for (int by = 0; by < bh; by++) {
            int rowsIn = 1 + (by > 0 ? 1 : 0) + (by + 1 < bh ? 1 : 0);
            for (int bx = 0; bx < bw; bx++) {
                int i = by * bw + bx;
                double s = rowSums[i];
                if (by > 0) {
                    s += rowSums[i - bw];
                }
                if (by + 1 < bh) {
                    s += rowSums[i + bw];
                }
                int colsIn = 1 + (bx > 0 ? 1 : 0) + (bx + 1 < bw ? 1 : 0);
                double g = s / (rowsIn * colsIn);
                gains[i] = (float) g;
                sumSq += g * g;
            }
        }
        double norm = 1 / Math.sqrt(sumSq / (bw * bh));
        for (int i = 0; i < bw * bh; i++) {
            gains[i] = (float) Math.max(MIN_GAIN, gains[i] * norm);
        }
    }

    /**
     * Chou and Li's background-luminance JND relative to mid-grey (3 levels): higher in the dark, where the
     * eye's contrast sensitivity drops, and slowly rising towards white. Tempered (half the dark rise) so
     * near-black areas, where the mark would clip at 0, do not take much of it.
     */
    static double luminanceFactor(double background) {
        double jnd = background <= 127 ? 3 + 0.5 * 17 * (1 - Math.sqrt(background / 127)) : 3 + 3.0 / 128 * (background - 127);
        return jnd / 3;
    }

    /** Every block at one gain (1 = the prepared strength), e.g. to measure or to override the model. */
    public void fill(int width, int height, double gain) {
        if (!(gain >= 0 && gain <= MAX_GAIN * 4)) {
            throw new IllegalArgumentException("gain out of range: " + gain);
        }
        resize(width, height);
        Arrays.fill(gains, 0, blocksX * blocksY, (float) gain);
    }

    private void resize(int width, int height) {
        deltasOf = null;
        this.width = width;
        this.height = height;
        blocksX = (width + 7) >> BLOCK_BITS;
        blocksY = (height + 7) >> BLOCK_BITS;
        if (gains.length < blocksX * blocksY) {
            gains = new float[blocksX * blocksY];
        }
    }

    /** The gain at pixel (x, y). */
    float gain(int x, int y) {
        return gains[(y >> BLOCK_BITS) * blocksX + (x >> BLOCK_BITS)];
    }

    /**
     * Three rows of {@code width} floats kept with the mask (a row's gains, tile samples and delta bits for {@link
     * PreparedWatermark#maskedRowBits}), so refreshing a stream's deltas allocates nothing.
     */
    float[][] rowScratch(int width) {
        if (rows[0].length < width) {
            rows = new float[][] {new float[width], new float[width], new float[width]};
        }
        return rows;
    }

    /**
     * Block row {@code blockRow}'s gains, each repeated for its block's pixels: {@code out[x]} is pixel x's gain, for
     * x below {@code width} (the vectorised row pass reads gains and tile samples at the same index).
     */
    void spreadGains(int blockRow, float[] out, int width) {
        int from = blockRow * blocksX;
        for (int x = 0; x < width; x++) {
            out[x] = gains[from + (x >> BLOCK_BITS)];
        }
    }

    /** The deltas {@code watermark} gathered for these gains and this plane shape, or null. */
    long[] cachedDeltas(PreparedWatermark watermark, int words, int height) {
        return deltasOf == watermark && deltasWords == words && deltasHeight == height ? deltas : null;
    }

    /** An array for the deltas of {@code watermark} on this plane shape, remembered as theirs. */
    long[] deltasToFill(PreparedWatermark watermark, int words, int height) {
        if (deltas.length < words * height) {
            deltas = new long[words * height];
        }
        deltasOf = watermark;
        deltasWords = words;
        deltasHeight = height;
        return deltas;
    }

    boolean fits(int width, int height) {
        return this.width == width && this.height == height;
    }
}
