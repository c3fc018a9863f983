package dev.aigcmark.video.internal.audio.watermark;

import dev.aigcmark.testing.TestSeed;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The detector's sliding local medians (session 8) give, to the bit, what a sort per cell gave before (kept below as
 * the reference): the folds, and so what is found, do not change.
 */
class LocalMediansTest {

    @Test
    void theSlidingWindowIsTheSortPerCellToTheBit() {
        Random rnd = TestSeed.random("LocalMediansTest");
        for (int trial = 0; trial < 2000; trial++) {
            int len = 1 + rnd.nextInt(trial < 100 ? 20 : 300);
            int radius = 1 + rnd.nextInt(9);
            boolean abs = rnd.nextBoolean();
            double[] v = new double[len];
            double[] weight = new double[len];
            for (int i = 0; i < len; i++) {
                int kind = rnd.nextInt(10);
                // repeats, signed zeros, NaN (a cell without strength) and cells of no weight, as the host makes them
                v[i] = kind == 0 ? 0.0 : kind == 1 ? -0.0 : kind == 2 ? Double.NaN : kind == 3 ? 0.25 * rnd.nextInt(5)
                        : rnd.nextGaussian();
                weight[i] = rnd.nextInt(5) == 0 ? 0 : rnd.nextDouble();
            }
            double[] out = new double[len];
            AudioDetector.localMedians(v, weight, radius, abs, new double[2 * radius + 1], out);
            double[] scratch = new double[2 * radius + 1];
            for (int m = 0; m < len; m++) {
                double expected = sortedMedian(v, weight, m, radius, scratch, abs);
                assertThat(Double.doubleToRawLongBits(out[m])).as("trial %d, m %d", trial, m)
                        .isEqualTo(Double.doubleToRawLongBits(expected));
            }
        }
    }

    /** The session-7 median: the weighted cells within radius of m, sorted. */
    private static double sortedMedian(double[] v, double[] weight, int m, int radius, double[] scratch, boolean abs) {
        int n = 0;
        for (int i = Math.max(0, m - radius); i <= Math.min(v.length - 1, m + radius); i++) {
            if (weight[i] > 0 && !Double.isNaN(v[i])) {
                scratch[n++] = abs ? Math.abs(v[i]) : v[i];
            }
        }
        Arrays.sort(scratch, 0, n);
        return n == 0 ? 0 : n % 2 == 1 ? scratch[n / 2] : (scratch[n / 2 - 1] + scratch[n / 2]) / 2;
    }
}
