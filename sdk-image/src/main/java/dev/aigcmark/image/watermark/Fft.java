package dev.aigcmark.image.watermark;

/** In-place radix-2 complex FFT: small, allocation-free, enough for 128×128 tiles and row spectra. */
final class Fft {
    private Fft() {
    }

    /** Forward ({@code inverse=false}) or unscaled inverse transform of {@code re + i·im}, length a power of two. */
    static void transform(double[] re, double[] im, int off, int n, int step, boolean inverse) {
        // bit reversal
        for (int i = 1, j = 0; i < n; i++) {
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
            for (int i = 0; i < n; i += len) {
                double cr = 1;
                double ci = 0;
                for (int k = 0; k < half; k++) {
                    int a = off + (i + k) * step;
                    int b = off + (i + k + half) * step;
                    double xr = re[b] * cr - im[b] * ci;
                    double xi = re[b] * ci + im[b] * cr;
                    re[b] = re[a] - xr;
                    im[b] = im[a] - xi;
                    re[a] += xr;
                    im[a] += xi;
                    double ncr = cr * wr - ci * wi;
                    ci = cr * wi + ci * wr;
                    cr = ncr;
                }
            }
        }
    }

    /** 2-D transform of an {@code n×n} row-major array. */
    static void transform2d(double[] re, double[] im, int n, boolean inverse) {
        for (int r = 0; r < n; r++) {
            transform(re, im, r * n, n, 1, inverse);
        }
        for (int c = 0; c < n; c++) {
            transform(re, im, c, n, n, inverse);
        }
    }
}
