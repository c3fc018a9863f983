package dev.aigcmark.video.internal.audio.watermark;

import org.junit.jupiter.api.Test;

import static dev.aigcmark.video.internal.audio.watermark.AudioMarkLayout.BANDS;
import static dev.aigcmark.video.internal.audio.watermark.AudioMarkLayout.BLOCKS_PER_PAIR;
import static dev.aigcmark.video.internal.audio.watermark.AudioMarkLayout.PAIRS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@link SubBlockOffsets}: each alignment pools the same period pair of the alignments 1 to 3 sub-blocks away, across
 * the block and pair boundaries, weighted cos(πk/8).
 */
class SubBlockOffsetsTest {
    /** Sub-blocks in a period: 64 pairs × 8 blocks × 8 offsets, one alignment each. */
    private static final int PERIOD = PAIRS * BLOCKS_PER_PAIR * AudioDetector.OFFSETS;

    /**
     * Each cell is labelled with the alignment and period pair it belongs to. The alignment (offset o, phase, shift r)
     * starts the period at sub-block s = o + 8·phase − 64·r (what {@code AudioDetector.found} reports as the offset)
     * and reads period pair p from its fold's row p − r, so the cell in row q of fold (o, phase) belongs to pair p at
     * every s with s + 64·p = o + 8·phase + 64·q: label it with that number (mod the period). A pooled cell must then
     * be Σ cos(πk/8) · (its label + k): the same pair of the alignments k sub-blocks away. Wrapping the neighbours of
     * the last offset into the next phase, or of the last phase into the next pair, the wrong way fails it.
     */
    @Test
    void eachAlignmentPoolsTheSamePairOfItsNeighbouringSubBlocks() {
        double[][][][] folds = new double[AudioDetector.OFFSETS][BLOCKS_PER_PAIR][PAIRS][BANDS];
        for (int o = 0; o < AudioDetector.OFFSETS; o++) {
            for (int phase = 0; phase < BLOCKS_PER_PAIR; phase++) {
                for (int q = 0; q < PAIRS; q++) {
                    for (int b = 0; b < BANDS; b++) {
                        folds[o][phase][q][b] = label(o, phase, q) + 0.5 * b;
                    }
                }
            }
        }
        double[][][][] pooled = SubBlockOffsets.pooled(folds);
        for (int o = 0; o < AudioDetector.OFFSETS; o++) {
            for (int phase = 0; phase < BLOCKS_PER_PAIR; phase++) {
                for (int q = 0; q < PAIRS; q++) {
                    for (int b = 0; b < BANDS; b++) {
                        double expected = 0;
                        for (int k = -SubBlockOffsets.REACH; k <= SubBlockOffsets.REACH; k++) {
                            int neighbour = Math.floorMod(label(o, phase, q) + k, PERIOD);
                            expected += Math.cos(Math.PI * k / 8) * (neighbour + 0.5 * b);
                        }
                        assertThat(pooled[o][phase][q][b]).as("offset %d phase %d row %d band %d", o, phase, q, b)
                                .isCloseTo(expected, within(1e-9));
                    }
                }
            }
        }
        assertThat(folds[0][0][0][0]).as("the input is left as it was").isEqualTo(0);
    }

    /** A fold with no whole pair stays null; its neighbours pool without it. */
    @Test
    void aMissingFoldAddsNothingAndStaysMissing() {
        double[][][][] folds = new double[AudioDetector.OFFSETS][BLOCKS_PER_PAIR][][];
        folds[3][2] = new double[PAIRS][BANDS];
        folds[3][2][5][7] = 1;
        double[][][][] pooled = SubBlockOffsets.pooled(folds);
        assertThat(pooled[3][2][5][7]).isEqualTo(1);
        assertThat(pooled[4][2]).isNull();
        assertThat(pooled[2][2]).isNull();
    }

    private static int label(int offset, int phase, int row) {
        int subBlocks = AudioDetector.OFFSETS;
        return Math.floorMod(offset + subBlocks * phase + subBlocks * BLOCKS_PER_PAIR * row, PERIOD);
    }
}
