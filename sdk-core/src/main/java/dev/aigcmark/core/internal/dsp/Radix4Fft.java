package dev.aigcmark.core.internal.dsp;

/**
 * The transforms of {@link Fft} with two radix-2 stages merged into one radix-2² pass: each group of four elements is
 * read once, gets the two stages' butterflies in registers (three complex multiplications instead of four: the second
 * stage's odd twiddle is the even one times ∓i) and is written once. Half the loads and stores and a quarter fewer
 * multiplications than {@link Fft} for the long transforms of the lattice's autocorrelation (1024-point rows and
 * columns of a 1080p picture's working plane), where the radix-2 passes were a third of a detection. The twiddles are
 * tabulated from {@link Math#cos} and {@link Math#sin} once per size; the results equal {@link Fft}'s up to rounding
 * (same arithmetic in another order; {@code Radix4FftTest} holds them to 1e-12 of the transform's scale).
 */
public final class Radix4Fft {
    private static final Tables[][] CACHE = new Tables[2][31];

    private Radix4Fft() {
    }

    /** Forward ({@code inverse=false}) or unscaled inverse transform of {@code re + i·im} at {@code [off, off + n)}. */
    public static void transform(double[] re, double[] im, int off, int n, boolean inverse) {
        Tables t = Tables.of(n, inverse);
        t.bitReverse(re, im, off, 1);
        double[] wr = t.re;
        double[] wi = t.im;
        int h = 1;
        if (t.oddLog) { // one plain radix-2 stage first (twiddle 1), then pairs of stages
            for (int a = off; a < off + n; a += 2) {
                radix2(re, im, a, a + 1);
            }
            h = 2;
        }
        double rot = inverse ? 1 : -1; // the second stage's odd twiddle: ±i times its even one
        for (; h < n; h <<= 2) {
            int o1 = h - 1;     // W(2h, k): stage of half h
            int o2 = 2 * h - 1; // W(4h, k): stage of half 2h
            for (int s = off; s < off + n; s += 4 * h) {
                for (int k = 0; k < h; k++) {
                    radix4(re, im, s + k, h, wr[o1 + k], wi[o1 + k], wr[o2 + k], wi[o2 + k], rot);
                }
            }
        }
    }

    /**
     * {@link #transform} of columns {@code x0 ≤ x < x1} of a row-major {@code rows × cols} array, a whole run of
     * columns at a time (as {@link Fft#transformColumns}: the array streams through memory row by row). The same
     * butterflies as {@link #transform} on each column, with the same twiddles: the results are bit-identical.
     */
    public static void transformColumns(double[] re, double[] im, int cols, int rows, boolean inverse, int x0, int x1) {
        if (x0 >= x1) {
            return;
        }
        Tables t = Tables.of(rows, inverse);
        double[] tmp = new double[x1 - x0];
        for (int i = 1; i < rows; i++) {
            int j = t.rev[i];
            if (i < j) {
                swap(re, i * cols + x0, j * cols + x0, x1 - x0, tmp);
                swap(im, i * cols + x0, j * cols + x0, x1 - x0, tmp);
            }
        }
        int h = 1;
        if (t.oddLog) {
            for (int r = 0; r < rows; r += 2) {
                int a0 = r * cols;
                for (int x = x0; x < x1; x++) {
                    radix2(re, im, a0 + x, a0 + cols + x);
                }
            }
            h = 2;
        }
        passes(re, im, cols, rows, x0, x1, t, h, inverse ? 1 : -1);
    }

    /**
     * {@link #transformColumns} of all columns of a {@code rows × cols} array whose rows from {@code filled} on are zero
     * (a zero-padded transform): the same numbers — every non-zero result the same double, a zero one at most of
     * the other sign, so {@code re² + im²} is bit for bit the same — with the work on the zero rows left out where
     * it is exact to do so. When {@code filled ≤ rows/2}, the bit reversal leaves every odd row of each group of
     * four (the even one of each pair, for an odd number of stages) zero: the first pass's butterflies then only
     * add and subtract (x ± 0 = x, x · 1 = x), so they are done on the non-zero rows alone, and rows both zero are
     * not swapped. Otherwise it is {@link #transformColumns}.
     */
    public static void transformZeroPaddedColumns(double[] re, double[] im, int cols, int rows, boolean inverse,
                                                  int filled) {
        Tables t = Tables.of(rows, inverse);
        if (rows < 4 || 2 * filled > rows) {
            transformColumns(re, im, cols, rows, inverse, 0, cols);
            return;
        }
        double[] tmp = new double[cols];
        for (int i = 1; i < rows; i++) {
            int j = t.rev[i];
            if (i < j && (i < filled || j < filled)) { // rows both past `filled` are both zero
                swap(re, i * cols, j * cols, cols, tmp);
                swap(im, i * cols, j * cols, cols, tmp);
            }
        }
        // after the reversal, row r holds source row rev(r): the odd rows hold rows ≥ rows/2, all zero
        double rot = inverse ? 1 : -1;
        int h;
        if (t.oddLog) { // radix2(a, a + cols) with a zero second element: both become the first
            for (int r = 0; r < rows; r += 2) {
                System.arraycopy(re, r * cols, re, (r + 1) * cols, cols);
                System.arraycopy(im, r * cols, im, (r + 1) * cols, cols);
            }
            h = 2;
        } else { // radix4 with h = 1 (twiddles 1) and its elements b and d zero: tr, ti, ur, ui are 0, v = q = c
            for (int r = 0; r < rows; r += 4) {
                int a0 = r * cols;
                int b0 = a0 + cols;
                int c0 = b0 + cols;
                int d0 = c0 + cols;
                for (int x = 0; x < cols; x++) {
                    double ar = re[a0 + x];
                    double ai = im[a0 + x];
                    double cr = re[c0 + x];
                    double ci = im[c0 + x];
                    double xr = -rot * ci;
                    double xi = rot * cr;
                    re[a0 + x] = ar + cr;
                    im[a0 + x] = ai + ci;
                    re[c0 + x] = ar - cr;
                    im[c0 + x] = ai - ci;
                    re[b0 + x] = ar + xr;
                    im[b0 + x] = ai + xi;
                    re[d0 + x] = ar - xr;
                    im[d0 + x] = ai - xi;
                }
            }
            h = 4;
        }
        passes(re, im, cols, rows, 0, cols, t, h, rot);
    }

    /** The radix-2² passes of {@link #transformColumns} from the stage of half {@code h} on. */
    private static void passes(double[] re, double[] im, int cols, int rows, int x0, int x1, Tables t, int h,
                               double rot) {
        double[] wr = t.re;
        double[] wi = t.im;
        for (; h < rows; h <<= 2) {
            int o1 = h - 1;
            int o2 = 2 * h - 1;
            int step = h * cols;
            for (int s = 0; s < rows; s += 4 * h) {
                for (int k = 0; k < h; k++) {
                    double w1r = wr[o1 + k];
                    double w1i = wi[o1 + k];
                    double w2r = wr[o2 + k];
                    double w2i = wi[o2 + k];
                    int a0 = (s + k) * cols;
                    for (int x = x0; x < x1; x++) {
                        radix4(re, im, a0 + x, step, w1r, w1i, w2r, w2i, rot);
                    }
                }
            }
        }
    }

    /** The plain radix-2 butterfly with twiddle 1 on elements a and b (an odd number of stages starts with it). */
    private static void radix2(double[] re, double[] im, int a, int b) {
        double xr = re[b];
        double xi = im[b];
        re[b] = re[a] - xr;
        im[b] = im[a] - xi;
        re[a] += xr;
        im[a] += xi;
    }

    /**
     * Two radix-2 stages on the four elements {@code a, a + step, a + 2·step, a + 3·step}: the stage of half h on
     * (a, b) and (c, d) with W(2h, k) = {@code (w1r, w1i)}, then the stage of half 2h on (a, c) with W(4h, k) =
     * {@code (w2r, w2i)} and on (b, d) with W(4h, k + h) = {@code rot}·i·W(4h, k). The one kernel of the 1-D pass
     * (step h) and of the column pass (step h rows); the JIT inlines it.
     */
    private static void radix4(double[] re, double[] im, int a, int step, double w1r, double w1i, double w2r,
                               double w2i, double rot) {
        int b = a + step;
        int c = b + step;
        int d = c + step;
        // stage h: (a, b) and (c, d) with W(2h, k)
        double tr = re[b] * w1r - im[b] * w1i;
        double ti = re[b] * w1i + im[b] * w1r;
        double ur = re[d] * w1r - im[d] * w1i;
        double ui = re[d] * w1i + im[d] * w1r;
        double ar = re[a] + tr;
        double ai = im[a] + ti;
        double br = re[a] - tr;
        double bi = im[a] - ti;
        double cr = re[c] + ur;
        double ci = im[c] + ui;
        double dr = re[c] - ur;
        double di = im[c] - ui;
        // stage 2h: (a, c) with W(4h, k), (b, d) with W(4h, k + h) = ±i·W(4h, k)
        double vr = cr * w2r - ci * w2i;
        double vi = cr * w2i + ci * w2r;
        double qr = dr * w2r - di * w2i;
        double qi = dr * w2i + di * w2r;
        double xr = -rot * qi;
        double xi = rot * qr;
        re[a] = ar + vr;
        im[a] = ai + vi;
        re[c] = ar - vr;
        im[c] = ai - vi;
        re[b] = br + xr;
        im[b] = bi + xi;
        re[d] = br - xr;
        im[d] = bi - xi;
    }

    /** 2-D transform of a row-major {@code rows × cols} array (both powers of two): the rows, then the columns. */
    public static void transform2d(double[] re, double[] im, int cols, int rows, boolean inverse) {
        for (int r = 0; r < rows; r++) {
            transform(re, im, r * cols, cols, inverse);
        }
        transformColumns(re, im, cols, rows, inverse, 0, cols);
    }

    private static void swap(double[] d, int a, int b, int n, double[] tmp) {
        System.arraycopy(d, a, tmp, 0, n);
        System.arraycopy(d, b, d, a, n);
        System.arraycopy(tmp, 0, d, b, n);
    }

    /** Bit reversal and twiddles of one size and direction: the stage of half h has W(2h, k), k &lt; h, from h − 1. */
    private static final class Tables {
        final int n;
        final boolean oddLog;
        final int[] rev;
        final double[] re;
        final double[] im;

        private Tables(int n, boolean inverse) {
            if (n < 1 || Integer.bitCount(n) != 1) {
                throw new IllegalArgumentException("length must be a power of two: " + n);
            }
            this.n = n;
            int log = Integer.numberOfTrailingZeros(n);
            oddLog = (log & 1) == 1;
            rev = new int[n];
            for (int i = 1; i < n; i++) {
                rev[i] = (rev[i >> 1] >> 1) | ((i & 1) << (log - 1));
            }
            re = new double[Math.max(1, n - 1)];
            im = new double[re.length];
            double sign = inverse ? 1 : -1;
            for (int h = 1; h < n; h <<= 1) {
                for (int k = 0; k < h; k++) {
                    double ang = sign * Math.PI * k / h;
                    re[h - 1 + k] = Math.cos(ang);
                    im[h - 1 + k] = Math.sin(ang);
                }
            }
        }

        static Tables of(int n, boolean inverse) {
            Tables[] byLog = CACHE[inverse ? 1 : 0];
            int log = Integer.numberOfTrailingZeros(n);
            Tables t = log < byLog.length ? byLog[log] : null;
            if (t == null || t.n != n) { // a benign race: every thread makes the same immutable tables (final fields)
                t = new Tables(n, inverse);
                if (log < byLog.length) {
                    byLog[log] = t;
                }
            }
            return t;
        }

        void bitReverse(double[] re, double[] im, int off, int step) {
            for (int i = 1; i < n; i++) {
                int j = rev[i];
                if (i < j) {
                    Fft.swap(re, im, off + i * step, off + j * step);
                }
            }
        }
    }
}
