package dev.aigcmark.video.internal.audio.watermark;

import static dev.aigcmark.video.internal.audio.watermark.AudioMarkLayout.BANDS;

/**
 * Host cancellation across bands (session 17): the part of each cell's A−B log-energy difference that the other
 * bands of the same pair predict is the host's, and is taken away before the cell votes.
 *
 * <p>Why it works: what the host does between a pair's A and B blocks is mostly broadband — a syllable's onset, a
 * voice's loudness moving within 16 ms, a drum hit — and moves every band's log-energy alike, while the mark's chip is
 * keyed per cell, independent from band to band. So each cell is regressed on the mean of its pair's other bands
 * (leave-one-out: the cell's own mark is not in its predictor), with one coefficient per band over the excerpt, and the
 * prediction subtracted. A band whose cells the other bands do not explain (white or pink noise, steady tones: the
 * share of variance explained under {@value #MIN_EXPLAINED}) is left as it was, so hosts without broadband movement
 * read exactly as before, instead of paying the predictor's noise. No format change: the embedder is untouched, and
 * marks written before read the same way.
 *
 * <p>Session 18 added a second predictor, {@link Predictor#NEAR_AND_FAR}, which the detector's fourth reading uses
 * when the first three read nothing: the same regression on two means, of the near bands and of the far ones.
 * Replacing the first predictor with it traded reads (on the 10 s cuts of speech and music, per payload: 4 gained, 2
 * lost); used as a further reading it only adds them.
 *
 * <p>Neither predictor touches the false-positive reasoning: on audio without this key's mark the cells are still a
 * function of the host alone (the predictions use no key, sign or payload), so the keyed signs stay independent ±1
 * of them and each decoded word is as random as before; what the bound counts is the payloads tried
 * ({@link AudioDetector}).
 */
final class CrossBandHost {
    /** A band is predicted only where the other bands explain at least this share of its cells' variance. */
    static final double MIN_EXPLAINED = 0.1;
    /** The largest coefficient a band's prediction takes (a band moving twice as much as the others' mean). */
    private static final double MAX_COEFFICIENT = 2;

    private CrossBandHost() {
    }

    /** What predicts a band's cells. */
    enum Predictor {
        /** The mean of the pair's other bands: one coefficient per band (session 17, the first reading). */
        OTHERS,
        /**
         * The mean of the pair's near bands (up to {@value CrossBandHost#NEAR} bands away) and the mean of the far
         * ones, each with its own coefficient (session 18, the fourth reading): a voice's formants, a fricative or a
         * bass note move the bands near each other more alike than the whole spectrum.
         */
        NEAR_AND_FAR
    }

    /** The near bands of {@link Predictor#NEAR_AND_FAR}: up to this many bands either side. */
    static final int NEAR = 2;

    /**
     * Takes the predicted host part out of {@code d} (pairs × {@value AudioMarkLayout#BANDS}, NaN where a cell has
     * no strength, left NaN), in place.
     */
    static void cancel(double[][] d) {
        cancel(d, Predictor.OTHERS);
    }

    /** The same with the given predictor. */
    static void cancel(double[][] d, Predictor predictor) {
        if (predictor == Predictor.NEAR_AND_FAR) {
            nearAndFar(d);
            return;
        }
        int pairs = d.length;
        double[][] others = new double[pairs][BANDS];
        for (int m = 0; m < pairs; m++) {
            double sum = 0;
            int n = 0;
            for (int b = 0; b < BANDS; b++) {
                if (!Double.isNaN(d[m][b])) {
                    sum += d[m][b];
                    n++;
                }
            }
            for (int b = 0; b < BANDS; b++) {
                boolean counted = !Double.isNaN(d[m][b]);
                int k = counted ? n - 1 : n;
                // fewer than two other bands predict nothing worth their noise
                others[m][b] = k < 2 ? Double.NaN : (sum - (counted ? d[m][b] : 0)) / k;
            }
        }
        for (int b = 0; b < BANDS; b++) {
            double xy = 0;
            double xx = 0;
            double yy = 0;
            for (int m = 0; m < pairs; m++) {
                if (!Double.isNaN(d[m][b]) && !Double.isNaN(others[m][b])) {
                    xy += d[m][b] * others[m][b];
                    xx += others[m][b] * others[m][b];
                    yy += d[m][b] * d[m][b];
                }
            }
            if (xx == 0 || yy == 0 || xy <= 0 || xy * xy < MIN_EXPLAINED * xx * yy) {
                continue;
            }
            double coefficient = Math.min(MAX_COEFFICIENT, xy / xx);
            for (int m = 0; m < pairs; m++) {
                if (!Double.isNaN(d[m][b]) && !Double.isNaN(others[m][b])) {
                    d[m][b] -= coefficient * others[m][b];
                }
            }
        }
    }

    /**
     * Each band regressed on two means of the pair's other bands, the near ones and the far ones (two coefficients per
     * band over the excerpt, by least squares, each clamped to ±{@value #MAX_COEFFICIENT}), where the two explain at
     * least {@value #MIN_EXPLAINED} of the band's variance. A band's cells are all predicted from the values before any
     * is changed.
     */
    private static void nearAndFar(double[][] d) {
        int pairs = d.length;
        double[][] out = new double[pairs][];
        for (int m = 0; m < pairs; m++) {
            out[m] = d[m].clone();
        }
        double[] near = new double[pairs];
        double[] far = new double[pairs];
        boolean[] used = new boolean[pairs];
        for (int b = 0; b < BANDS; b++) {
            double nn = 0;
            double nf = 0;
            double ff = 0;
            double ny = 0;
            double fy = 0;
            double yy = 0;
            for (int m = 0; m < pairs; m++) {
                double sumNear = 0;
                double sumFar = 0;
                int countNear = 0;
                int countFar = 0;
                for (int c = 0; c < BANDS; c++) {
                    if (c != b && !Double.isNaN(d[m][c])) {
                        if (Math.abs(c - b) <= NEAR) {
                            sumNear += d[m][c];
                            countNear++;
                        } else {
                            sumFar += d[m][c];
                            countFar++;
                        }
                    }
                }
                // as for OTHERS: fewer than two other bands predict nothing worth their noise
                used[m] = !Double.isNaN(d[m][b]) && countNear + countFar >= 2;
                near[m] = countNear == 0 ? 0 : sumNear / countNear;
                far[m] = countFar == 0 ? 0 : sumFar / countFar;
                if (used[m]) {
                    double y = d[m][b];
                    nn += near[m] * near[m];
                    nf += near[m] * far[m];
                    ff += far[m] * far[m];
                    ny += near[m] * y;
                    fy += far[m] * y;
                    yy += y * y;
                }
            }
            double det = nn * ff - nf * nf;
            if (yy == 0 || det <= 1e-12 * nn * ff) {
                continue;
            }
            double cNear = clamp((ff * ny - nf * fy) / det);
            double cFar = clamp((nn * fy - nf * ny) / det);
            if (cNear * ny + cFar * fy < MIN_EXPLAINED * yy) {
                continue;
            }
            for (int m = 0; m < pairs; m++) {
                if (used[m]) {
                    out[m][b] = d[m][b] - cNear * near[m] - cFar * far[m];
                }
            }
        }
        for (int m = 0; m < pairs; m++) {
            d[m] = out[m];
        }
    }

    private static double clamp(double coefficient) {
        return Math.max(-MAX_COEFFICIENT, Math.min(MAX_COEFFICIENT, coefficient));
    }
}
