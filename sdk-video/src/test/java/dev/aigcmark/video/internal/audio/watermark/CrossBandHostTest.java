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
        double[][] d = new double[PAIRS][BANDS];
        for (int m = 0; m < PAIRS; m++) {
            double common = r.nextGaussian();
            for (int b = 0; b < BANDS; b++) {
                chips[m][b] = r.nextBoolean() ? 1 : -1;
                d[m][b] = common + 0.2 * chips[m][b] + 0.1 * r.nextGaussian();
            }
        }
        double before = chipZ(d, chips);
        CrossBandHost.cancel(d);
        double after = chipZ(d, chips);
        System.out.printf("chip correlation z over %d cells: %.1f before, %.1f after%n", PAIRS * BANDS, before, after);
        assertThat(before).as("the shared movement drowns the chips").isLessThan(10);
        assertThat(after).as("the chips come through once it is taken away").isGreaterThan(2.5 * before);
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
