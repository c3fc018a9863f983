package dev.aigcmark.image.internal.watermark;

import dev.aigcmark.core.internal.dsp.Fft;
import dev.aigcmark.core.identity.WatermarkKey;
import dev.aigcmark.core.internal.watermark.KeyedStream;
import dev.aigcmark.core.internal.watermark.PayloadCode;


/**
 * The keyed tile of one issuer in its own resolution-free coordinates: {@value #CHIPS}×{@value #CHIPS} chips,
 * sampled at {@value #SAMPLES_PER_CHIP} samples per chip ({@value #TILE}×{@value #TILE} samples). Every chip
 * carries a keyed ±1 <em>sync</em> value (20 % of the energy: after the lattice gives rotation and scale, the
 * detector finds the tile's translation and orientation by FFT correlation with it) and a <em>data</em> value:
 * the chips are dealt to the {@value PayloadCode#CODED_BITS} coded bits by a keyed permutation and each
 * carries its bit times a keyed sign. The sum is low-passed (circular Gaussian, σ = 0.45 chip) and
 * normalised to unit RMS. Derived from the key only (never from the payload), so the detector needs nothing
 * else. How many image pixels a chip covers is chosen at embed time from the image size
 * ({@link TileGeometry}); the detector recovers it from the tile lattice.
 */
final class WatermarkPattern {
    static final int CHIPS = 32;
    static final int SAMPLES_PER_CHIP = 4;
    static final int TILE = CHIPS * SAMPLES_PER_CHIP;
    static final int TILE_BITS = 7;
    static final int AREA = TILE * TILE;
    static final int COARSE_BITS = 6;
    static final int COARSE = 1 << COARSE_BITS;
    static final int COARSE_AREA = COARSE * COARSE;
    private static final double SYNC_WEIGHT = Math.sqrt(0.2);
    private static final double DATA_WEIGHT = Math.sqrt(0.8);
    private static final double SIGMA = 0.45 * SAMPLES_PER_CHIP;
    /** Local-mean radius (tile samples) of the detector-side template, matching the working-plane whitening. */
    private static final int TEMPLATE_RADIUS = 3;

    /** Patterns kept between detections, shared by every detection and embedding in the JVM. */
    private static final PatternCache CACHE = new PatternCache(PatternCache.CAPACITY);

    final int[] syncChip = new int[CHIPS * CHIPS];
    final int[] dataSign = new int[CHIPS * CHIPS];
    final int[] bitOfChip = new int[CHIPS * CHIPS];
    /** Spectrum of the sync template as the detector sees it (low-passed, local mean removed), conjugated. */
    final float[] syncSpecRe = new float[AREA];
    final float[] syncSpecIm = new float[AREA];
    /**
     * The same template area-averaged to {@value #COARSE}×{@value #COARSE} cells, its spectrum conjugated: the
     * coarse sync that screens lattice hypotheses before the full one.
     */
    final float[] coarseSpecRe = new float[COARSE_AREA];
    final float[] coarseSpecIm = new float[COARSE_AREA];

    WatermarkPattern(WatermarkKey key) {
        KeyedStream sync = new KeyedStream(key, "aigcmark.wm.sync.v2");
        KeyedStream data = new KeyedStream(key, "aigcmark.wm.data.v2");
        for (int c = 0; c < syncChip.length; c++) {
            syncChip[c] = sync.nextSign();
            dataSign[c] = data.nextSign();
        }
        int[] perm = new KeyedStream(key, "aigcmark.wm.perm.v2").permutation(syncChip.length);
        for (int i = 0; i < perm.length; i++) {
            bitOfChip[perm[i]] = i % PayloadCode.CODED_BITS;
        }
        double[] s = new double[AREA];
        for (int p = 0; p < AREA; p++) {
            s[p] = syncChip[chipOf(p)];
        }
        double[] t = detectorTemplate(s);
        double[] coarse = shrink(t);
        double[] coarseIm = new double[COARSE_AREA];
        Fft.transform2d(coarse, coarseIm, COARSE, false);
        for (int p = 0; p < COARSE_AREA; p++) {
            coarseSpecRe[p] = (float) coarse[p];
            coarseSpecIm[p] = (float) -coarseIm[p];
        }
        double[] im = new double[AREA];
        Fft.transform2d(t, im, TILE, false);
        for (int p = 0; p < AREA; p++) {
            syncSpecRe[p] = (float) t[p];
            syncSpecIm[p] = (float) -im[p];
        }
    }

    static WatermarkPattern of(WatermarkKey key) {
        return CACHE.get(key);
    }

    /** A tile area-averaged to {@value #COARSE}×{@value #COARSE} cells. */
    private static double[] shrink(double[] tile) {
        int shift = TILE_BITS - COARSE_BITS;
        double[] out = new double[COARSE_AREA];
        for (int y = 0; y < TILE; y++) {
            for (int x = 0; x < TILE; x++) {
                out[(y >> shift) * COARSE + (x >> shift)] += tile[y * TILE + x];
            }
        }
        return out;
    }

    static int chipOf(int sample) {
        int y = sample >>> TILE_BITS;
        int x = sample & (TILE - 1);
        return (y / SAMPLES_PER_CHIP) * CHIPS + (x / SAMPLES_PER_CHIP);
    }

    /** The unit-RMS embedding tile (tile samples) for a codeword of ±1 symbols. */
    double[] tile(int[] code) {
        double[] raw = new double[AREA];
        for (int p = 0; p < AREA; p++) {
            int c = chipOf(p);
            raw[p] = SYNC_WEIGHT * syncChip[c] + DATA_WEIGHT * code[bitOfChip[c]] * dataSign[c];
        }
        double[] lp = gaussian(raw, SAMPLES_PER_CHIP); // raw is constant over each chip: its rows come in equal fours
        double energy = 0;
        for (double v : lp) {
            energy += v * v;
        }
        double norm = Math.sqrt(AREA / energy);
        for (int p = 0; p < AREA; p++) {
            lp[p] *= norm;
        }
        return lp;
    }

    /**
     * Soft values of the coded bits from a folded tile already aligned to the pattern's origin and
     * orientation: the fold is spectrally flattened half-way ({@link FoldFlattening}: the host's periodic
     * structure must not outvote the mark), then the matched filter of each bit is its chips, filtered like the
     * template.
     */
    float[] softBits(double[] aligned) {
        double[] f = FoldFlattening.flattenedTemplate(aligned); // symmetric filters: correlating with F*chips = chips·(F*x)
        double[] soft = new double[PayloadCode.CODED_BITS];
        for (int p = 0; p < AREA; p++) {
            int c = chipOf(p);
            soft[bitOfChip[c]] += dataSign[c] * f[p];
        }
        double ss = 0;
        for (double v : soft) {
            ss += v * v;
        }
        double rms = Math.sqrt(ss / soft.length);
        float[] out = new float[soft.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = rms == 0 ? 0f : (float) (soft[i] / rms);
        }
        return out;
    }

    /** Low-pass (the embedder's Gaussian) and remove the local mean (the detector's whitening), circularly. */
    static double[] detectorTemplate(double[] x) {
        double[] g = gaussian(x);
        int r = TEMPLATE_RADIUS;
        double n = (2 * r + 1) * (2 * r + 1);
        double[] rows = new double[AREA];
        for (int y = 0; y < TILE; y++) {
            for (int xx = 0; xx < TILE; xx++) {
                double s = 0;
                for (int k = -r; k <= r; k++) {
                    s += g[y * TILE + ((xx + k) & (TILE - 1))];
                }
                rows[y * TILE + xx] = s;
            }
        }
        double[] out = new double[AREA];
        for (int y = 0; y < TILE; y++) {
            for (int xx = 0; xx < TILE; xx++) {
                double s = 0;
                for (int k = -r; k <= r; k++) {
                    s += rows[((y + k) & (TILE - 1)) * TILE + xx];
                }
                out[y * TILE + xx] = g[y * TILE + xx] - s / n;
            }
        }
        return out;
    }

    /** Circular separable Gaussian blur of a tile. */
    static double[] gaussian(double[] x) {
        return gaussian(x, 1);
    }

    /**
     * {@link #gaussian(double[])} of a tile whose rows come in runs of {@code equalRows} equal rows from row 0 (a
     * tile constant over each chip: {@value #SAMPLES_PER_CHIP}): the horizontal pass is computed for the first row of
     * each run and copied to the others, the same doubles (each row's pass depends on that row alone), in a quarter
     * of that pass's time for a chip tile.
     */
    static double[] gaussian(double[] x, int equalRows) {
        int radius = (int) Math.ceil(3 * SIGMA);
        double[] k = new double[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) {
            k[i + radius] = Math.exp(-i * i / (2 * SIGMA * SIGMA));
            sum += k[i + radius];
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= sum;
        }
        double[] tmp = new double[AREA];
        double[] out = new double[AREA];
        for (int y = 0; y < TILE; y += equalRows) {
            for (int xx = 0; xx < TILE; xx++) {
                double acc = 0;
                for (int i = -radius; i <= radius; i++) {
                    acc += k[i + radius] * x[y * TILE + ((xx + i) & (TILE - 1))];
                }
                tmp[y * TILE + xx] = acc;
            }
            for (int copy = 1; copy < equalRows; copy++) {
                System.arraycopy(tmp, y * TILE, tmp, (y + copy) * TILE, TILE);
            }
        }
        for (int y = 0; y < TILE; y++) {
            for (int xx = 0; xx < TILE; xx++) {
                double acc = 0;
                for (int i = -radius; i <= radius; i++) {
                    acc += k[i + radius] * tmp[((y + i) & (TILE - 1)) * TILE + xx];
                }
                out[y * TILE + xx] = acc;
            }
        }
        return out;
    }
}
