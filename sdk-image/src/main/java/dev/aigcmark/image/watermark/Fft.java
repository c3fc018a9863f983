package dev.aigcmark.image.watermark;

/** In-place radix-2 complex FFT: small, allocation-free, enough for tiles and the lattice's autocorrelation. */
final class Fft {
    private Fft() {
    }

    /** Forward ({@code inverse=false}) or unscaled inverse transform of {@code re + i·im}, length a power of two. */
    static void transform(double[] re, double[] im, int off, int n, int step, boolean inverse) {
        for (int i = 1, j = 0; i < n; i++) { // bit reversal
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) {
                j ^= bit;
            }
            j ^= bit;
            if (i < j) {
                int a = off + i * step;
                int b = off + j * step;
                double t = re[a];
                re[a] = re[b];
                re[b] = t;
                t = im[a];
                im[a] = im[b];
                im[b] = t;
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
                    double xr = re[b] * cr - im[b] * ci;
                    double xi = re[b] * ci + im[b] * cr;
                    re[b] = re[a] - xr;
                    im[b] = im[a] - xi;
                    re[a] += xr;
                    im[a] += xi;
                }
                double ncr = cr * wr - ci * wi;
                ci = cr * wi + ci * wr;
                cr = ncr;
            }
        }
    }

    /** 2-D transform of an {@code n×n} row-major array. */
    static void transform2d(double[] re, double[] im, int n, boolean inverse) {
        transform2d(re, im, n, n, inverse);
    }

    /**
     * 2-D transform of a row-major array of {@code rows} rows of {@code cols} (both powers of two): the rows,
     * then all columns at once. The column pass runs the same butterflies, in the same order and with the same
     * twiddles, as {@link #transform} on each column, but on whole rows at a time, so it streams through
     * memory instead of striding (a strided or transposed column pass over power-of-two rows thrashes the
     * cache: it was half of a 1080p detection). The result is bit-identical to the per-column transform.
     */
    static void transform2d(double[] re, double[] im, int cols, int rows, boolean inverse) {
        for (int r = 0; r < rows; r++) {
            transform(re, im, r * cols, cols, 1, inverse);
        }
        transformColumns(re, im, cols, rows, inverse);
    }

    /** {@link #transform} of every column of a row-major {@code rows × cols} array, row-vector by row-vector. */
    private static void transformColumns(double[] re, double[] im, int cols, int rows, boolean inverse) {
        double[] tmp = new double[cols];
        for (int i = 1, j = 0; i < rows; i++) { // bit reversal of whole rows
            int bit = rows >> 1;
            for (; (j & bit) != 0; bit >>= 1) {
                j ^= bit;
            }
            j ^= bit;
            if (i < j) {
                swapRows(re, i * cols, j * cols, cols, tmp);
                swapRows(im, i * cols, j * cols, cols, tmp);
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
                    for (int x = 0; x < cols; x++) {
                        int a = a0 + x;
                        int b = b0 + x;
                        double xr = re[b] * cr - im[b] * ci;
                        double xi = re[b] * ci + im[b] * cr;
                        re[b] = re[a] - xr;
                        im[b] = im[a] - xi;
                        re[a] += xr;
                        im[a] += xi;
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
}
