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
 * <p>The false-positive bound is unchanged: on audio without this key's mark the cells are still a function of the
 * host alone (the prediction uses no key, sign or payload), so the keyed signs stay independent ±1 of them and a
 * decoded word is as random as before; the detector tries the same number of payloads.
 */
final class CrossBandHost {
    /** A band is predicted only where the other bands explain at least this share of its cells' variance. */
    static final double MIN_EXPLAINED = 0.1;
    /** The largest coefficient a band's prediction takes (a band moving twice as much as the others' mean). */
    private static final double MAX_COEFFICIENT = 2;

    private CrossBandHost() {
    }

    /**
     * Takes the predicted host part out of {@code d} (pairs × {@value AudioMarkLayout#BANDS}, NaN where a cell has
     * no strength, left NaN), in place.
     */
    static void cancel(double[][] d) {
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
}
