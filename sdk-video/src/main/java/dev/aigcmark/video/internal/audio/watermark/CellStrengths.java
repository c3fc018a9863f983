package dev.aigcmark.video.internal.audio.watermark;

import java.util.Arrays;

import static dev.aigcmark.video.internal.audio.watermark.AudioMarkLayout.BANDS;
import static dev.aigcmark.video.internal.audio.watermark.AudioMarkLayout.BLOCKS_PER_PAIR;

/**
 * How hard each cell (pair × band) of a host is marked: the perceptual shaping of {@code aigcmark.audio.v1}.
 *
 * <p>A cell scaled by {@code 1 ± s} adds {@code s²·E} of distortion, {@code E} being the cell's energy; what the
 * detector gains from it grows with {@code s} whatever {@code E} (it compares log-energies). So for a fixed distortion
 * per pair the mark is spread with equal distortion per band ({@code s ∝ 1/√E}): the bands that carry the pair's
 * energy (a vowel's formants, a chord's notes) are touched lightly, the weaker bands between them harder, up to
 * {@value #MAX} (the mark stays 10 dB or more under what it modulates, inside the host's own masking). Bands more
 * than 40 dB under the pair ({@link #EMPTY}: between a chord's notes, what a codec cuts), bands under a twentieth of
 * a neighbour ({@link #LEAKAGE}: what they hold is the neighbour's tone leaking through the block's window, which the
 * neighbour's gain moves) and pairs under {@value #SILENCE_DB} dBFS are not marked at all: nothing there masks the
 * mark and no codec keeps it. The pair's total distortion is held {@value #DISTORTION_DB} dB under its full-band
 * energy; with the mark's cosine alternation (half its peak energy) that keeps the segmental SNR at 30 dB or more
 * on speech and noise (measured: docs/audio-watermark.md).
 *
 * <p>The detector calls the same rule on what it hears to weigh each cell's vote by the strength it was given.
 */
final class CellStrengths {
    /** The strongest relative change of a cell's amplitude. */
    static final float MAX = 0.3f;
    /** The mark's energy per pair relative to the pair's (full-band) energy. */
    static final double DISTORTION_DB = -26.8;
    /** Pairs quieter than this (mean square, dBFS) carry no mark. */
    static final double SILENCE_DB = -66;
    /** Bands this far under the pair's energy are empty: unmarked. */
    static final double EMPTY = 1e-4;
    /** A band under this fraction of a neighbour's energy holds only that neighbour's leakage (a tone at the edge). */
    static final double LEAKAGE = 0.05;
    /**
     * A band whose edge bin holds more than half its energy and this many times the next bin inward holds a tone
     * from outside it. A Hann block window's response to a tone {@code u} bins outward of the edge bin's centre
     * falls from the edge bin to the next by 6 dB at u = 0, 14 dB at u = 0.5 (the band edge, where the embedder's
     * bands meet) and 21 dB at u = 0.76 (a chord's note 47 Hz past the edge); content of the band's own (noise, a
     * harmonic inside it) falls by less.
     */
    static final double EDGE_FALL = 25;
    private static final double BUDGET = Math.pow(10, DISTORTION_DB / 10);
    private static final double SILENCE = Math.pow(10, SILENCE_DB / 10);

    private CellStrengths() {
    }

    /**
     * The strengths of the pairs of {@code s} that start at block {@code first} (one pair every
     * {@value AudioMarkLayout#BLOCKS_PER_PAIR} blocks); {@code fullBandGain[pair]} (≥ 1; empty = 1) is how much more
     * energy the pair has at the file's own rate than within the mark's 8 kHz (high-frequency content masks too).
     */
    static float[][] of(BlockSpectra s, int first, double[] fullBandGain) {
        int pairs = Math.max(0, (s.blocks() - first) / BLOCKS_PER_PAIR);
        float[][] out = new float[pairs][BANDS];
        double[] e = new double[BANDS];
        double[] edges = new double[4 * BANDS];
        for (int p = 0; p < pairs; p++) {
            Arrays.fill(e, 0);
            Arrays.fill(edges, 0);
            double total = 0;
            double power = 0;
            for (int j = first + p * BLOCKS_PER_PAIR; j < first + (p + 1) * BLOCKS_PER_PAIR; j++) {
                for (int b = 0; b < BANDS; b++) {
                    e[b] += s.band()[j][b];
                }
                for (int k = 0; k < edges.length; k++) {
                    edges[k] += s.edges()[j][k];
                }
                total += s.total()[j];
                power += s.power()[j];
            }
            double gain = p < fullBandGain.length ? fullBandGain[p] : 1;
            if (power * gain / BLOCKS_PER_PAIR < SILENCE) {
                continue;
            }
            unmarkOutsideTones(e, edges);
            waterFill(e, BUDGET * total * gain, total * EMPTY, out[p]);
        }
        return out;
    }

    /**
     * Zeroes the bands whose energy is a tone outside them leaking in through the block window ({@link #EDGE_FALL}):
     * the embedder moves that tone with its own band's gain, so such a band would vote with the neighbour's chip
     * (a chord's note 47 Hz under a band edge voted at random with full weight: the session 4 regression).
     */
    static void unmarkOutsideTones(double[] e, double[] edges) {
        for (int b = 0; b < BANDS; b++) {
            double first = edges[4 * b];
            double second = edges[4 * b + 1];
            double penultimate = edges[4 * b + 2];
            double last = edges[4 * b + 3];
            if (first > 0.5 * e[b] && first > EDGE_FALL * second || last > 0.5 * e[b] && last > EDGE_FALL * penultimate) {
                e[b] = 0;
            }
        }
    }

    /**
     * Equal distortion {@code c} per band ({@code s = √(c/E)}), capped at {@link #MAX} (a capped band spends less,
     * which the others get), with the sum over the bands at or above {@code empty} equal to {@code budget}.
     */
    static void waterFill(double[] e, double budget, double empty, float[] out) {
        double[] own = e.clone();
        for (int b = 0; b < BANDS; b++) { // a band far under a neighbour holds only that neighbour's leakage
            double next = Math.max(b > 0 ? own[b - 1] : 0, b + 1 < BANDS ? own[b + 1] : 0);
            if (own[b] < LEAKAGE * next) {
                e[b] = 0;
            }
        }
        double[] sorted = e.clone();
        Arrays.sort(sorted);
        int from = 0;
        while (from < BANDS && sorted[from] < empty) {
            from++;
        }
        double max2 = (double) MAX * MAX;
        double spentByCapped = 0;
        double c = Double.POSITIVE_INFINITY;
        for (int k = from; k < BANDS; k++) { // bands from..k-1 capped; the others share what is left equally
            c = (budget - spentByCapped) / (BANDS - k);
            if (sorted[k] >= c / max2) {
                break;
            }
            spentByCapped += max2 * sorted[k];
            c = Double.POSITIVE_INFINITY;
        }
        for (int b = 0; b < BANDS; b++) {
            out[b] = e[b] < empty || e[b] <= 0 ? 0 : (float) Math.min(MAX, Math.sqrt(c / e[b]));
        }
    }
}
