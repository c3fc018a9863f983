package dev.aigcmark.video.internal.audio.watermark;

import dev.aigcmark.testing.TestSeed;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static dev.aigcmark.video.internal.audio.watermark.AudioMarkLayout.BANDS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link CrossBandHost}: cells whose host moves alike in every band (a broadband envelope) lose that movement and keep
 * their keyed chips; bands the others do not explain, and cells without strength, are left exactly as they were.
 */
class CrossBandHostTest {
    private static final int PAIRS = 80; // a 10 s excerpt holds about 78 pairs

    /** Cells = a broadband movement shared by every band + a per-cell chip of 0.2 nepers + a little noise per cell. */
    @Test
    void aBroadbandMovementIsTakenAwayAndTheChipsStay() {
        Random r = TestSeed.random("CrossBandHostTest.broadband");
        double[][] chips = new double[PAIRS][BANDS];
        double[][] d = cells(r, chips, 1);
        double before = chipZ(d, chips);
        CrossBandHost.cancel(d);
        double after = chipZ(d, chips);
        System.out.printf("chip correlation z over %d cells: %.1f before, %.1f after%n", PAIRS * BANDS, before, after);
        // Only the ratio is the code's: before (about 6.5) is the seeded draw's, and reached 11 in 76 of 100,000
        // seeds (session 17 review T1); the ratio stayed at 2.58 or more over those seeds, and is 1 without the cancel.
        assertThat(after).as("the chips come through once the shared movement is taken away").isGreaterThan(2 * before);
    }

    /**
     * A movement shared by the low bands and another by the high ones (a voiced sound's formants and a fricative): the
     * mean of all other bands predicts each band's half of it badly, the near bands' and the far bands' means
     * (session 18, the fourth reading) well. The ratio of the chip correlations after the two predictors was 1.27 or
     * more over 20,000 seeds (scratch sweep of this model, session 18), 1 where both are the same predictor.
     */
    @Test
    void movementsOfBandGroupsAreTakenAwayByTheNearAndFarPredictor() {
        Random r = TestSeed.random("CrossBandHostTest.groups");
        double[][] chips = new double[PAIRS][BANDS];
        double[][] d = cells(r, chips, 2);
        double[][] e = new double[PAIRS][];
        for (int m = 0; m < PAIRS; m++) {
            e[m] = d[m].clone();
        }
        CrossBandHost.cancel(d, CrossBandHost.Predictor.OTHERS);
        CrossBandHost.cancel(e, CrossBandHost.Predictor.NEAR_AND_FAR);
        double others = chipZ(d, chips);
        double nearAndFar = chipZ(e, chips);
        System.out.printf("chip correlation z, groups of bands moving: %.1f (others' mean), %.1f (near and far)%n",
                others, nearAndFar);
        assertThat(nearAndFar).isGreaterThan(1.2 * others);
    }

    /** Independent bands (white noise's cells): nothing to predict, every cell left as it was, to the bit. */
    @Test
    void independentBandsAreLeftExactlyAsTheyWere() {
        Random r = TestSeed.random("CrossBandHostTest.independent");
        // 400 pairs (51 s): a band's chance correlation with the others' mean is then ~0.05, far under the √0.1 the
        // prediction needs, whatever the seed
        double[][] d = new double[400][BANDS];
        for (int m = 0; m < d.length; m++) {
            for (int b = 0; b < BANDS; b++) {
                d[m][b] = m % 7 == b ? Double.NaN : r.nextGaussian();
            }
        }
        String before = Arrays.deepToString(d); // Double.toString is exact, and NaN equals NaN here
        CrossBandHost.cancel(d);
        assertThat(Arrays.deepToString(d)).isEqualTo(before);
        CrossBandHost.cancel(d, CrossBandHost.Predictor.NEAR_AND_FAR); // two means, the same gate
        assertThat(Arrays.deepToString(d)).isEqualTo(before);
    }

    /** Cells without strength stay NaN and never predict: the rest is taken away as if they were not there. */
    @Test
    void cellsWithoutStrengthStayOutOfIt() {
        Random r = TestSeed.random("CrossBandHostTest.nan");
        double[][] d = new double[PAIRS][BANDS];
        for (int m = 0; m < PAIRS; m++) {
            double common = r.nextGaussian();
            for (int b = 0; b < BANDS; b++) {
                d[m][b] = b >= BANDS - 4 ? Double.NaN : common + 0.05 * r.nextGaussian();
            }
        }
        CrossBandHost.cancel(d);
        for (int m = 0; m < PAIRS; m++) {
            for (int b = 0; b < BANDS; b++) {
                if (b >= BANDS - 4) {
                    assertThat(d[m][b]).isNaN();
                } else {
                    assertThat(Math.abs(d[m][b])).as("pair %d band %d", m, b).isLessThan(0.3);
                }
            }
        }
    }

    /**
     * Cells = per pair, a movement shared by each of {@code groups} equal groups of neighbouring bands (1: broadband),
     * + a per-cell chip of 0.2 nepers (drawn into {@code chips}) + a little noise per cell.
     */
    private static double[][] cells(Random r, double[][] chips, int groups) {
        double[][] d = new double[PAIRS][BANDS];
        double[] movement = new double[groups];
        for (int m = 0; m < PAIRS; m++) {
            for (int g = 0; g < groups; g++) {
                movement[g] = r.nextGaussian();
            }
            for (int b = 0; b < BANDS; b++) {
                chips[m][b] = r.nextBoolean() ? 1 : -1;
                d[m][b] = movement[b * groups / BANDS] + 0.2 * chips[m][b] + 0.1 * r.nextGaussian();
            }
        }
        return d;
    }

    /** {@code Σ chip·d / √Σ d²}: how strongly the cells correlate with their chips (about N(0, 1) without them). */
    private static double chipZ(double[][] d, double[][] chips) {
        double dot = 0;
        double energy = 0;
        for (int m = 0; m < d.length; m++) {
            for (int b = 0; b < BANDS; b++) {
                dot += chips[m][b] * d[m][b];
                energy += d[m][b] * d[m][b];
            }
        }
        return dot / Math.sqrt(energy);
    }
}
