package dev.aigcmark.image.internal.watermark;

import dev.aigcmark.core.internal.dsp.Fft;
import dev.aigcmark.testing.TestSeed;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class AutocorrelationTest {

    /**
     * The real-input shortcuts (two rows per complex FFT, the Hermitian half, two real columns per inverse
     * column transform, negative lags by symmetry) give the numbers of the plain complex computation, on odd
     * and even plane sizes, at every lag the lattice reads.
     */
    @Test
    void realInputTransformsMatchThePlainComplexComputation() {
        Random rnd = TestSeed.random("AutocorrelationTest.planes");
        // the last reaches past half the transform (the lattice reads a few lags past maxLag ≤ n/2 − 2)
        int[][] sizes = {{97, 61, 256, 128, 40}, {120, 80, 256, 256, 90}, {64, 64, 128, 128, 66}};
        for (int[] s : sizes) {
            int w = s[0];
            int h = s[1];
            int nx = s[2];
            int ny = s[3];
            int reach = s[4];
            float[] plane = new float[w * h];
            for (int i = 0; i < plane.length; i++) {
                plane[i] = (float) rnd.nextGaussian();
            }
            double[] expected = complexReference(plane, w, h, nx, ny);
            double[] actual = Autocorrelation.of(plane, w, h, nx, ny, reach);
            int row = 2 * reach + 1;
            assertThat(actual).hasSize((reach + 1) * row);
            double scale = Math.abs(expected[nx + 1]) + Math.abs(expected[1]) + 1e-9;
            for (int y = 0; y <= reach; y++) {
                for (int x = -reach; x <= reach; x++) {
                    double want = expected[(y & (ny - 1)) * nx + (x & (nx - 1))];
                    assertThat(Math.abs(actual[y * row + x + reach] - want) / scale)
                            .as("%dx%d in %dx%d at lag (%d, %d)", w, h, nx, ny, x, y).isLessThan(1e-9);
                }
            }
        }
    }

    /** The computation the detector used before: full complex 2-D transforms both ways. */
    private static double[] complexReference(float[] plane, int w, int h, int nx, int ny) {
        double[] re = new double[nx * ny];
        double[] im = new double[nx * ny];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                re[y * nx + x] = plane[y * w + x];
            }
        }
        Fft.transform2d(re, im, nx, ny, false);
        for (int i = 0; i < re.length; i++) {
            re[i] = re[i] * re[i] + im[i] * im[i];
            im[i] = 0;
        }
        flatten(re, nx, ny);
        Fft.transform2d(re, im, nx, ny, true);
        return re;
    }

    /** The spectral flattening as the detector did it before, on the full spectrum in place: 9×9 mean, capped. */
    private static void flatten(double[] power, int nx, int ny) {
        int half = 4;
        double[] rows = new double[power.length];
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                double s = 0;
                for (int k = -half; k <= half; k++) {
                    s += power[y * nx + ((x + k) & (nx - 1))];
                }
                rows[y * nx + x] = s;
            }
        }
        double n = (2 * half + 1) * (2 * half + 1);
        double[] out = new double[power.length];
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                double s = 0;
                for (int k = -half; k <= half; k++) {
                    s += rows[((y + k) & (ny - 1)) * nx + x];
                }
                double mean = s / n;
                out[y * nx + x] = mean <= 0 ? 0 : Math.min(power[y * nx + x] / mean, Autocorrelation.CAP);
            }
        }
        out[0] = 0;
        System.arraycopy(out, 0, power, 0, power.length);
    }
}
