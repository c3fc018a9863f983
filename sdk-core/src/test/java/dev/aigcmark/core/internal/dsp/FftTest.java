package dev.aigcmark.core.internal.dsp;

import dev.aigcmark.testing.TestSeed;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class FftTest {

    /**
     * The 2-D transform's column pass works on whole rows for speed; it must give exactly what the 1-D
     * transform gives column by column (the detector's thresholds were tuned on those numbers).
     */
    @Test
    void columnPassIsBitIdenticalToThePerColumnTransform() {
        Random rnd = TestSeed.random("FftTest.columns");
        for (boolean inverse : new boolean[]{false, true}) {
            int cols = 64;
            int rows = 32;
            double[] re = new double[cols * rows];
            double[] im = new double[cols * rows];
            for (int i = 0; i < re.length; i++) {
                re[i] = rnd.nextGaussian() * 100;
                im[i] = inverse ? rnd.nextGaussian() : 0;
            }
            double[] expRe = re.clone();
            double[] expIm = im.clone();
            for (int r = 0; r < rows; r++) {
                Fft.transform(expRe, expIm, r * cols, cols, 1, inverse);
            }
            for (int c = 0; c < cols; c++) {
                Fft.transform(expRe, expIm, c, rows, cols, inverse);
            }

            Fft.transform2d(re, im, cols, rows, inverse);

            assertThat(re).containsExactly(expRe);
            assertThat(im).containsExactly(expIm);
        }
    }

    /** Skipping zero rows and unwanted output columns changes none of the numbers that are computed. */
    @Test
    void partialTransformEqualsTheFullOneWhereComputed() {
        Random rnd = TestSeed.random("FftTest.partial");
        int cols = 64;
        int rows = 32;
        int filled = 20;
        double[] re = new double[cols * rows];
        double[] im = new double[cols * rows];
        for (int i = 0; i < filled * cols; i++) {
            re[i] = rnd.nextInt(256);
        }
        double[] fullRe = re.clone();
        double[] fullIm = im.clone();
        Fft.transform2d(fullRe, fullIm, cols, rows, false);
        double[] partRe = re.clone();
        double[] partIm = im.clone();
        Fft.transform2d(partRe, partIm, cols, rows, false, filled, cols, 0);
        assertThat(partRe).containsExactly(fullRe);
        assertThat(partIm).containsExactly(fullIm);

        Fft.transform2d(fullRe, fullIm, cols, rows, true);
        Fft.transform2d(partRe, partIm, cols, rows, true, rows, 10, 55);
        for (int r = 0; r < rows; r++) {
            for (int x = 0; x < cols; x++) {
                int i = r * cols + x;
                boolean wanted = x < 10 || x >= 55;
                assertThat(partRe[i]).as("re at row %d, column %d", r, x).isEqualTo(wanted ? fullRe[i] : 0.0);
            }
        }
    }

    @Test
    void forwardThenInverseRestoresTheInputTimesItsSize() {
        Random rnd = TestSeed.random("FftTest.roundTrip");
        int n = 16;
        double[] re = new double[n * n];
        double[] im = new double[n * n];
        for (int i = 0; i < re.length; i++) {
            re[i] = rnd.nextInt(256);
        }
        double[] original = re.clone();
        Fft.transform2d(re, im, n, false);
        Fft.transform2d(re, im, n, true);
        for (int i = 0; i < re.length; i++) {
            assertThat(re[i] / (n * n)).isCloseTo(original[i], Offset.offset(1e-9));
            assertThat(im[i] / (n * n)).isCloseTo(0.0, Offset.offset(1e-9));
        }
    }
}
