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
     * then the columns as rows of the transpose (a strided column pass misses the cache on every element).
     */
    static void transform2d(double[] re, double[] im, int cols, int rows, boolean inverse) {
        for (int r = 0; r < rows; r++) {
            transform(re, im, r * cols, cols, 1, inverse);
        }
        double[] tr = new double[re.length];
        double[] ti = new double[im.length];
        transpose(re, tr, cols, rows);
        transpose(im, ti, cols, rows);
        for (int c = 0; c < cols; c++) {
            transform(tr, ti, c * rows, rows, 1, inverse);
        }
        transpose(tr, re, rows, cols);
        transpose(ti, im, rows, cols);
    }

    /** {@code dst} (cols × rows) = the transpose of {@code src} (rows × cols), in cache-sized blocks. */
    private static void transpose(double[] src, double[] dst, int cols, int rows) {
        int b = 32;
        for (int y0 = 0; y0 < rows; y0 += b) {
            for (int x0 = 0; x0 < cols; x0 += b) {
                int y1 = Math.min(rows, y0 + b);
                int x1 = Math.min(cols, x0 + b);
                for (int y = y0; y < y1; y++) {
                    for (int x = x0; x < x1; x++) {
                        dst[x * rows + y] = src[y * cols + x];
                    }
                }
            }
        }
    }
}
