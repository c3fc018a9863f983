package dev.aigcmark.core.internal.dsp;

import java.util.Arrays;

/**
 * In-place radix-2 complex FFT: small, allocation-free; shared by the image mark (tiles, the lattice's
 * autocorrelation) and the audio mark (short-time spectra).
 */
public final class Fft {
    private Fft() {
    }

    /** Forward ({@code inverse=false}) or unscaled inverse transform of {@code re + i·im}, length a power of two. */
    public static void transform(double[] re, double[] im, int off, int n, int step, boolean inverse) {
        for (int i = 1, j = 0; i < n; i++) { // bit reversal
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) {
                j ^= bit;
            }
            j ^= bit;
            if (i < j) {
                swap(re, im, off + i * step, off + j * step);
            }
        }
        for (int len = 2; len <= n; len <<= 1) {
            double ang = 2 * Math.PI / len * (inverse ? 1 : -1);
            double wr = Math.cos(ang);
            double wi = Math.sin(ang);
            int half = len >> 1;
            double cr = 1;
            double ci = 0;
            for (int k = 0; k < half; k++) {
                for (int i = 0; i < n; i += len) {
                    int a = off + (i + k) * step;
                    int b = a + half * step;
                    butterfly(re, im, a, b, cr, ci);
                }
                double ncr = cr * wr - ci * wi;
                ci = cr * wi + ci * wr;
                cr = ncr;
            }
        }
    }

    /** 2-D transform of an {@code n×n} row-major array. */
    public static void transform2d(double[] re, double[] im, int n, boolean inverse) {
        transform2d(re, im, n, n, inverse);
    }

    /**
     * 2-D transform of a row-major array of {@code rows} rows of {@code cols} (both powers of two): the rows,
     * then all columns at once. The column pass runs the same butterflies, in the same order and with the same
     * twiddles, as {@link #transform} on each column, but on whole rows at a time, so it streams through
     * memory instead of striding (a strided or transposed column pass over power-of-two rows thrashes the
     * cache: it was half of a 1080p detection). The result is bit-identical to the per-column transform.
     */
    public static void transform2d(double[] re, double[] im, int cols, int rows, boolean inverse) {
        transform2d(re, im, cols, rows, inverse, rows, cols, 0);
    }

    /**
     * {@link #transform2d(double[], double[], int, int, boolean)} for callers that know more, with the same
     * numbers where they are computed: only the first {@code filledRows} rows hold non-zero input (the transform
     * of a zero row is zero, so the others are skipped), and only columns {@code x < colsBelow} and
     * {@code x ≥ colsFrom} are wanted in the output (the others are left zero).
     */
    public static void transform2d(double[] re, double[] im, int cols, int rows, boolean inverse, int filledRows,
                            int colsBelow, int colsFrom) {
        for (int r = 0; r < filledRows; r++) {
            transform(re, im, r * cols, cols, 1, inverse);
        }
        if (colsBelow >= colsFrom) {
            transformColumns(re, im, cols, rows, inverse, 0, cols);
            return;
        }
        transformColumns(re, im, cols, rows, inverse, 0, colsBelow);
        transformColumns(re, im, cols, rows, inverse, colsFrom, cols);
        for (int r = 0; r < rows; r++) {
            Arrays.fill(re, r * cols + colsBelow, r * cols + colsFrom, 0);
            Arrays.fill(im, r * cols + colsBelow, r * cols + colsFrom, 0);
        }
    }

    /**
     * {@link #transform} of columns {@code x0 ≤ x < x1} of a row-major {@code rows × cols} array, row-vector
     * by row-vector (bit reversal swaps whole rows, so it runs once for the whole array).
     */
    public static void transformColumns(double[] re, double[] im, int cols, int rows, boolean inverse, int x0, int x1) {
        if (x0 >= x1) {
            return;
        }
        double[] tmp = new double[cols];
        for (int i = 1, j = 0; i < rows; i++) { // bit reversal of whole rows
            int bit = rows >> 1;
            for (; (j & bit) != 0; bit >>= 1) {
                j ^= bit;
            }
            j ^= bit;
            if (i < j) {
                swapRows(re, i * cols + x0, j * cols + x0, x1 - x0, tmp);
                swapRows(im, i * cols + x0, j * cols + x0, x1 - x0, tmp);
            }
        }
        for (int len = 2; len <= rows; len <<= 1) {
            double ang = 2 * Math.PI / len * (inverse ? 1 : -1);
            double wr = Math.cos(ang);
            double wi = Math.sin(ang);
            int half = len >> 1;
            double cr = 1;
            double ci = 0;
            for (int k = 0; k < half; k++) {
                for (int i = 0; i < rows; i += len) {
                    int a0 = (i + k) * cols;
                    int b0 = a0 + half * cols;
                    for (int x = x0; x < x1; x++) {
                        int a = a0 + x;
                        int b = b0 + x;
                        butterfly(re, im, a, b, cr, ci);
                    }
                }
                double ncr = cr * wr - ci * wi;
                ci = cr * wi + ci * wr;
                cr = ncr;
            }
        }
    }

    private static void swapRows(double[] d, int a, int b, int n, double[] tmp) {
        System.arraycopy(d, a, tmp, 0, n);
        System.arraycopy(d, b, d, a, n);
        System.arraycopy(tmp, 0, d, b, n);
    }

    /** Swaps elements a and b of {@code re + i·im} (bit reversal; {@link Radix4Fft}'s too). */
    static void swap(double[] re, double[] im, int a, int b) {
        double t = re[a];
        re[a] = re[b];
        re[b] = t;
        t = im[a];
        im[a] = im[b];
        im[b] = t;
    }

    /** One radix-2 butterfly on elements a and b with the twiddle (cr, ci); shared by the strided and the
     *  column-blocked passes (the JIT inlines it, the arithmetic order is unchanged). */
    private static void butterfly(double[] re, double[] im, int a, int b, double cr, double ci) {
        double xr = re[b] * cr - im[b] * ci;
        double xi = re[b] * ci + im[b] * cr;
        re[b] = re[a] - xr;
        im[b] = im[a] - xi;
        re[a] += xr;
        im[a] += xi;
    }
}
