package dev.aigcmark.image.watermark;

import dev.aigcmark.testing.TestSeed;
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
            assertThat(re[i] / (n * n)).isCloseTo(original[i], org.assertj.core.data.Offset.offset(1e-9));
            assertThat(im[i] / (n * n)).isCloseTo(0.0, org.assertj.core.data.Offset.offset(1e-9));
        }
    }
}
