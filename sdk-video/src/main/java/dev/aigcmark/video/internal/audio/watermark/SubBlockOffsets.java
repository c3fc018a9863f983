package dev.aigcmark.video.internal.audio.watermark;

import static dev.aigcmark.video.internal.audio.watermark.AudioMarkLayout.BANDS;
import static dev.aigcmark.video.internal.audio.watermark.AudioMarkLayout.BLOCKS_PER_PAIR;
import static dev.aigcmark.video.internal.audio.watermark.AudioMarkLayout.PAIRS;

/**
 * The evidence of neighbouring sub-block offsets pooled (session 19): each alignment's folded cells plus those of the
 * alignments up to {@value #REACH} sub-blocks (2 ms each) either side, weighted by how much of the mark they still
 * hear.
 *
 * <p>Why: the detector cuts the audio into 16 ms blocks at 8 sub-block offsets and, until session 19, read each
 * alignment on its own offset's blocks. The mark is a cosine of period two blocks, so blocks placed k eighths of a
 * block away from the embedder's still see about {@code cos(πk/8)} of its A−B difference (0.92, 0.71, 0.38 for k = 1,
 * 2, 3), while the host's own block-to-block difference, which is the detector's noise, changes with where the window
 * falls (a syllable's onset inside one block or across two). Summing the neighbours' cells weighted by that response
 * keeps most of the mark and averages part of the host away. Measured on the 10 s cuts of the robustness hosts (nine
 * cuts, three payloads; docs/audio-watermark.md, "Pooling the sub-block offsets"): speech 10 → 21 of 27 read, music
 * 21 → 27, the chord 24 → 27, white and pink noise 27 → 27, with nothing read on the unmarked cuts.
 *
 * <p>It is a function of the host's folds alone (no key, sign or payload), and every alignment is still one of the
 * 4,096 the detector decodes, so the false-positive reasoning and the number of payloads tried are unchanged. No format
 * change: the embedder is untouched.
 *
 * <p>The alignment of offset {@code o}, block phase {@code phase} and period shift {@code r} starts the period at
 * sub-block {@code s = o + 8·phase − 64·r} (modulo 4,096, the period's 512 blocks × 8): each alignment is one
 * sub-block step, and its neighbour {@code s + k} is offset {@code o + k} of the same phase, or, past the block, of
 * the next phase (past the pair, of phase 0 with the period shifted by one pair).
 */
final class SubBlockOffsets {
    /** Neighbours pooled either side, in sub-blocks: at 4 (half a block) the mark's A−B difference is gone. */
    static final int REACH = 3;
    /** Weight of the neighbour k sub-blocks away, {@code cos(πk/8)}: the share of the mark's A−B difference heard. */
    private static final double[] WEIGHT = weights();

    private SubBlockOffsets() {
    }

    private static double[] weights() {
        double[] w = new double[REACH + 1];
        for (int k = 0; k <= REACH; k++) {
            w[k] = Math.cos(Math.PI * k / AudioDetector.OFFSETS);
        }
        return w;
    }

    /**
     * The pooled folds: {@code folds[offset][phase]} is a period's cells ({@value AudioMarkLayout#PAIRS} ×
     * {@value AudioMarkLayout#BANDS}) as {@code AudioDetector.fold} gives them, null where there is no whole pair (left
     * null; a null neighbour adds nothing). The input is not changed.
     */
    static double[][][][] pooled(double[][][][] folds) {
        int offsets = AudioDetector.OFFSETS;
        int steps = offsets * BLOCKS_PER_PAIR; // sub-blocks in a pair
        double[][][][] out = new double[offsets][BLOCKS_PER_PAIR][][];
        for (int o = 0; o < offsets; o++) {
            for (int phase = 0; phase < BLOCKS_PER_PAIR; phase++) {
                if (folds[o][phase] == null) {
                    continue;
                }
                double[][] sum = new double[PAIRS][BANDS];
                for (int k = -REACH; k <= REACH; k++) {
                    int step = o + offsets * phase + k;
                    // past the pair's last sub-block the neighbour's pairs start one later: its period shift is one
                    // less, so its cell for period pair p sits one index further on (and one back before the first)
                    int pairs = Math.floorDiv(step, steps);
                    int within = Math.floorMod(step, steps);
                    double[][] neighbour = folds[within % offsets][within / offsets];
                    if (neighbour == null) {
                        continue;
                    }
                    double w = WEIGHT[Math.abs(k)];
                    for (int q = 0; q < PAIRS; q++) {
                        double[] from = neighbour[Math.floorMod(q + pairs, PAIRS)];
                        double[] to = sum[q];
                        for (int b = 0; b < BANDS; b++) {
                            to[b] += w * from[b];
                        }
                    }
                }
                out[o][phase] = sum;
            }
        }
        return out;
    }
}
