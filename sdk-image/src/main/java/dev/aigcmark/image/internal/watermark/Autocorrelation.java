package dev.aigcmark.image.internal.watermark;

import dev.aigcmark.core.internal.dsp.Fft;
import java.util.Arrays;

/**
 * The whitened, spectrally flattened linear autocorrelation of the working plane that {@link Lattice} reads,
 * computed with real-input FFTs. Everything in it is real, so half of every complex transform is redundant:
 * <ul>
 * <li>forward: two real rows go through one complex FFT (z = a + i·b; A(k) = (Z(k) + Z*(−k))/2,
 * B(k) = (Z(k) − Z*(−k))/2i), and only the columns 0…nx/2 of the Hermitian spectrum are transformed;</li>
 * <li>the flattened power spectrum is real and even (P(−k) = P(k)), so its inverse is real and even too: rows
 * are packed two by two again, and only the lags 0…reach of a row are kept; two such columns share one complex
 * column transform (their results are real, so one lands in the real part, the other in the imaginary
 * part); negative horizontal lags follow from acf(−x, y) = acf(x, −y).</li>
 * </ul>
 * About 2.2× fewer butterflies than the plain complex transforms, with the same numbers up to rounding
 * ({@code AutocorrelationTest} holds it to the complex computation at 1e-9 relative).
 */
final class Autocorrelation {
    /** Largest say a single spectral bin keeps after flattening, relative to its neighbourhood. */
    static final double CAP = 5.0;

    private Autocorrelation() {
    }

    /**
     * The circular acf of the plane zero-padded into {@code nx × ny} (powers of two) at the lags
     * 0 ≤ y ≤ reach, |x| ≤ reach, row-major in {@code reach + 1} rows of {@code 2·reach + 1}: lag (x, y) at
     * {@code [y·(2·reach + 1) + x + reach]} (lags with y &lt; 0 are the point reflections of these). Compact, so
     * the lattice search's scattered reads stay in cache.
     */
    static double[] of(float[] samples, int width, int height, int nx, int ny, int reach) {
        double[] power = powerSpectrum(samples, width, height, nx, ny);
        flatten(power, nx, ny);
        double[] full = inverseEven(power, nx, ny, Math.min(reach, nx / 2));
        int w = 2 * reach + 1;
        double[] out = new double[(reach + 1) * w];
        for (int y = 0; y <= reach; y++) {
            for (int x = -reach; x <= reach; x++) {
                int m = x & (nx - 1);
                // columns past nx/2 were not computed: acf(x, y) = acf(−x, −y)
                out[y * w + x + reach] = m <= nx / 2 ? full[(y & (ny - 1)) * nx + m] : full[(-y & (ny - 1)) * nx + nx - m];
            }
        }
        return out;
    }

    /** |FFT|² of the zero-padded real plane, full nx × ny, from the Hermitian half. */
    static double[] powerSpectrum(float[] samples, int width, int height, int nx, int ny) {
        int half = nx / 2;
        int cw = half + 1;
        double[] re = new double[ny * cw];
        double[] im = new double[ny * cw];
        double[] zr = new double[nx];
        double[] zi = new double[nx];
        for (int y = 0; y < height; y += 2) {
            Arrays.fill(zr, 0);
            Arrays.fill(zi, 0);
            for (int x = 0; x < width; x++) {
                zr[x] = samples[y * width + x];
            }
            boolean pair = y + 1 < height;
            if (pair) {
                for (int x = 0; x < width; x++) {
                    zi[x] = samples[(y + 1) * width + x];
                }
            }
            Fft.transform(zr, zi, 0, nx, 1, false);
            int a = y * cw;
            int b = (y + 1) * cw;
            for (int k = 0; k <= half; k++) {
                int nk = (nx - k) & (nx - 1);
                re[a + k] = 0.5 * (zr[k] + zr[nk]);
                im[a + k] = 0.5 * (zi[k] - zi[nk]);
                if (pair) {
                    re[b + k] = 0.5 * (zi[k] + zi[nk]);
                    im[b + k] = -0.5 * (zr[k] - zr[nk]);
                }
            }
        }
        Fft.transformColumns(re, im, cw, ny, false, 0, cw);
        double[] power = new double[nx * ny];
        for (int ky = 0; ky < ny; ky++) {
            int o = ky * cw;
            for (int kx = 0; kx <= half; kx++) {
                power[ky * nx + kx] = re[o + kx] * re[o + kx] + im[o + kx] * im[o + kx];
            }
        }
        for (int ky = 0; ky < ny; ky++) { // P(kx, ky) = P(−kx, −ky) for the columns not transformed
            int mirror = ((ny - ky) & (ny - 1)) * nx;
            for (int kx = half + 1; kx < nx; kx++) {
                power[ky * nx + kx] = power[mirror + nx - kx];
            }
        }
        return power;
    }

    /**
     * Spectral flattening: each bin divided by the mean of its 9×9 neighbourhood, capped. The mark's lattice is
     * a comb of many narrow harmonics; host structure (textures, grids, text lines, smooth gradients) puts huge
     * energy in a few bins or broad regions. Capping the ratio bounds each bin's say, so the comb wins (a
     * 2-D form of the phase transform / whitened cross-correlation). Keeps the spectrum even.
     */
    static void flatten(double[] power, int nx, int ny) {
        int half = 4;
        double[] rows = new double[power.length];
        for (int y = 0; y < ny; y++) {
            int o = y * nx;
            double s = 0;
            for (int k = -half; k <= half; k++) {
                s += power[o + (k & (nx - 1))];
            }
            for (int x = 0; x < nx; x++) {
                rows[o + x] = s;
                s += power[o + ((x + half + 1) & (nx - 1))] - power[o + ((x - half) & (nx - 1))];
            }
        }
        double n = (2 * half + 1) * (2 * half + 1);
        double[] col = new double[nx];
        for (int k = -half; k <= half; k++) {
            int o = (k & (ny - 1)) * nx;
            for (int x = 0; x < nx; x++) {
                col[x] += rows[o + x];
            }
        }
        for (int y = 0; y < ny; y++) {
            int o = y * nx;
            int add = ((y + half + 1) & (ny - 1)) * nx;
            int sub = ((y - half) & (ny - 1)) * nx;
            for (int x = 0; x < nx; x++) {
                double mean = col[x] / n;
                double v = power[o + x];
                power[o + x] = mean <= 0 ? 0 : Math.min(v / mean, CAP);
                col[x] += rows[add + x] - rows[sub + x];
            }
        }
        power[0] = 0;
    }

    /** Unscaled inverse FFT of a real, even spectrum (a real, even result), full nx × ny, at the columns 0 ≤ x ≤ reach ≤ nx/2. */
    private static double[] inverseEven(double[] q, int nx, int ny, int reach) {
        int cw = reach + 1;
        double[] rr = new double[ny * cw]; // row transforms, lags 0..reach
        double[] ri = new double[ny * cw];
        double[] zr = new double[nx];
        double[] zi = new double[nx];
        for (int ky = 0; ky < ny; ky += 2) { // ny is even
            System.arraycopy(q, ky * nx, zr, 0, nx);
            System.arraycopy(q, (ky + 1) * nx, zi, 0, nx);
            Fft.transform(zr, zi, 0, nx, 1, true);
            int a = ky * cw;
            int b = (ky + 1) * cw;
            for (int x = 0; x <= reach; x++) {
                int nxx = (nx - x) & (nx - 1);
                rr[a + x] = 0.5 * (zr[x] + zr[nxx]);
                ri[a + x] = 0.5 * (zi[x] - zi[nxx]);
                rr[b + x] = 0.5 * (zi[x] + zi[nxx]);
                ri[b + x] = -0.5 * (zr[x] - zr[nxx]);
            }
        }
        double[] acf = new double[nx * ny];
        double[] cr = new double[ny];
        double[] ci = new double[ny];
        for (int x = 0; x <= reach; x += 2) {
            int x2 = x + 1;
            boolean pair = x2 <= reach;
            for (int ky = 0; ky < ny; ky++) { // column x + i·column x2: both transforms are real
                int o = ky * cw;
                cr[ky] = rr[o + x] - (pair ? ri[o + x2] : 0);
                ci[ky] = ri[o + x] + (pair ? rr[o + x2] : 0);
            }
            Fft.transform(cr, ci, 0, ny, 1, true);
            for (int y = 0; y < ny; y++) {
                acf[y * nx + x] = cr[y];
                if (pair) {
                    acf[y * nx + x2] = ci[y];
                }
            }
        }
        return acf;
    }
}
