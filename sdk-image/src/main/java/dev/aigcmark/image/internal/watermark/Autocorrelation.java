package dev.aigcmark.image.internal.watermark;

import dev.aigcmark.core.internal.dsp.Radix4Fft;
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
        double[] power = flatten(powerSpectrum(samples, width, height, nx, ny), nx, ny);
        int cols = Math.min(reach, nx / 2);
        double[][] packed = inverseEven(power, nx, ny, cols);
        double[] pr = packed[0]; // lag (x, y) of the full result: column x/2 of row y, real part for even x, imaginary for odd
        double[] pi = packed[1];
        int pairs = (cols + 2) / 2;
        int w = 2 * reach + 1;
        double[] out = new double[(reach + 1) * w];
        for (int y = 0; y <= reach; y++) {
            for (int x = -reach; x <= reach; x++) {
                int m = x & (nx - 1);
                // columns past nx/2 were not computed: acf(x, y) = acf(−x, −y)
                int row = m <= nx / 2 ? y & (ny - 1) : -y & (ny - 1);
                int col = m <= nx / 2 ? m : nx - m;
                int i = row * pairs + (col >> 1);
                out[y * w + x + reach] = (col & 1) == 0 ? pr[i] : pi[i];
            }
        }
        return out;
    }

    /**
     * |FFT|² of the zero-padded real plane: its Hermitian half, columns 0 ≤ kx ≤ nx/2 of every row
     * ({@code ny} rows of {@code nx/2 + 1}); the rest follows from P(kx, ky) = P(−kx, −ky).
     */
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
            Radix4Fft.transform(zr, zi, 0, nx, false);
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
        // the rows from `height` on are the zero padding: the first column pass has half its rows zero
        Radix4Fft.transformZeroPaddedColumns(re, im, cw, ny, false, height);
        for (int i = 0; i < re.length; i++) {
            re[i] = re[i] * re[i] + im[i] * im[i];
        }
        return re;
    }

    /**
     * Spectral flattening: each bin divided by the mean of its 9×9 neighbourhood, capped. The mark's lattice is
     * a comb of many narrow harmonics; host structure (textures, grids, text lines, smooth gradients) puts huge
     * energy in a few bins or broad regions. Capping the ratio bounds each bin's say, so the comb wins (a
     * 2-D form of the phase transform / whitened cross-correlation). On the Hermitian half of
     * {@link #powerSpectrum} (the spectrum is even, so is the result): the neighbours left of column 0 and right
     * of column nx/2 are read from the point-reflected row. In place: {@code half} is overwritten and returned.
     */
    static double[] flatten(double[] half, int nx, int ny) {
        int r = 4;
        int cw = nx / 2 + 1;
        double[] rows = new double[half.length];
        double[] ext = new double[cw + 2 * r]; // one row with r columns either side: ext[r + kx] = P(kx, ky)
        for (int y = 0; y < ny; y++) {
            int o = y * cw;
            int m = ((ny - y) & (ny - 1)) * cw; // row −ky: P(−kx, ky) = P(kx, −ky)
            System.arraycopy(half, o, ext, r, cw);
            for (int k = 1; k <= r; k++) {
                ext[r - k] = half[m + k];
                ext[r + cw - 1 + k] = half[m + cw - 1 - k];
            }
            double s = 0;
            for (int k = 0; k <= 2 * r; k++) {
                s += ext[k];
            }
            for (int x = 0; x < cw; x++) {
                rows[o + x] = s;
                if (x + 1 < cw) {
                    s += ext[x + 2 * r + 1] - ext[x];
                }
            }
        }
        double n = (2 * r + 1) * (2 * r + 1);
        double[] col = new double[cw];
        for (int k = -r; k <= r; k++) {
            int o = (k & (ny - 1)) * cw;
            for (int x = 0; x < cw; x++) {
                col[x] += rows[o + x];
            }
        }
        double[] out = half; // in place: each bin is read once, just before it is written, and the sums come from rows
        for (int y = 0; y < ny; y++) {
            int o = y * cw;
            int add = ((y + r + 1) & (ny - 1)) * cw;
            int sub = ((y - r) & (ny - 1)) * cw;
            for (int x = 0; x < cw; x++) {
                double mean = col[x] / n;
                double v = half[o + x];
                out[o + x] = mean <= 0 ? 0 : Math.min(v / mean, CAP);
                col[x] += rows[add + x] - rows[sub + x];
            }
        }
        out[0] = 0;
        return out;
    }

    /** Row ky of the even spectrum whose Hermitian half is {@code half}: Q(kx, ky) for 0 ≤ kx &lt; nx. */
    private static void fullRow(double[] half, int ky, int nx, int ny, double[] row) {
        int cw = nx / 2 + 1;
        System.arraycopy(half, ky * cw, row, 0, cw);
        int m = ((ny - ky) & (ny - 1)) * cw;
        for (int kx = cw; kx < nx; kx++) {
            row[kx] = half[m + nx - kx];
        }
    }

    /**
     * Unscaled inverse FFT of a real, even spectrum given by its Hermitian half (a real, even result), full
     * nx × ny, at the columns 0 ≤ x ≤ reach ≤ nx/2, packed two columns to a complex one: row y, column x of the result
     * is the real part of {@code [y·pairs + x/2]} for even x, the imaginary part for odd x ({@code pairs = (reach + 2)/2}).
     * The packing is what the column transforms need (two real results in one complex transform) and what they leave,
     * so it is kept: the columns are transformed in place a row at a time, streaming through memory, and nothing is
     * gathered or scattered across the full nx × ny lags.
     */
    private static double[][] inverseEven(double[] q, int nx, int ny, int reach) {
        int cw = reach + 1;
        double[] rr = new double[ny * cw]; // row transforms, lags 0..reach
        double[] ri = new double[ny * cw];
        double[] zr = new double[nx];
        double[] zi = new double[nx];
        for (int ky = 0; ky < ny; ky += 2) { // ny is even
            fullRow(q, ky, nx, ny, zr);
            fullRow(q, ky + 1, nx, ny, zi);
            Radix4Fft.transform(zr, zi, 0, nx, true);
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
        int pairs = (reach + 2) / 2;
        double[] pr = new double[ny * pairs];
        double[] pi = new double[ny * pairs];
        for (int ky = 0; ky < ny; ky++) { // column x + i·column x2: both transforms are real
            int o = ky * cw;
            int p = ky * pairs;
            for (int x = 0; x <= reach; x += 2) {
                int x2 = x + 1;
                boolean pair = x2 <= reach;
                pr[p + (x >> 1)] = rr[o + x] - (pair ? ri[o + x2] : 0);
                pi[p + (x >> 1)] = ri[o + x] + (pair ? rr[o + x2] : 0);
            }
        }
        Radix4Fft.transformColumns(pr, pi, pairs, ny, true, 0, pairs);
        return new double[][] {pr, pi};
    }
}
