package dev.aigcmark.image.internal.watermark;

import dev.aigcmark.core.internal.dsp.Radix4Fft;
import dev.aigcmark.core.identity.WatermarkKey;
import dev.aigcmark.core.internal.watermark.PayloadCode;
import dev.aigcmark.core.internal.watermark.WatermarkPayload;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Synchronisation, step 2, and decoding, for one working plane and one lattice basis: fold the plane through
 * the affine map that sends the lattice to the tile's square grid, correlate the fold with the key's sync
 * template by FFT under each of the square's eight symmetries (translation is then the peak's position, the
 * symmetry tells a mirror or a quarter turn), read the soft bits there and decode. Folds and their spectra
 * are cached so every key of a registry shares them.
 */
final class Analysis {
    private static final int T = WatermarkPattern.TILE;
    private static final int A = WatermarkPattern.AREA;
    /**
     * The coarse screen's flattening exponent ({@link FoldFlattening#whitenSpectrum(double[], double[], int, double)}):
     * each bin of the coarse fold's spectrum weighted by its local mean power to the −¾, against the full sync's −½.
     * On a texture whose structure folds onto a few coarse bins, the half-way flattening left those bins loud enough
     * to hold a decoding lattice below {@link LumaDetector#COARSE_GATE} (WatermarkRobustnessTest's 600×600 texture,
     * JPEG q50 + crop 10 % + 0.75×: coarse 4.52 at ½, 5.26 at ¾, full sync 7.06, decodes); ¾ also lets fewer wrong
     * hypotheses through the gate (60 unmarked images, 776 hypotheses: 26 at ½, 21 at ¾, 25 at 1). Only the screen
     * changes: the full sync and the soft bits keep ½.
     */
    static final double COARSE_FLATTENING = 0.75;
    /** The square's symmetries as integer matrices {p, q, r, s}: tile (x, y) ← fold (p·x + q·y, r·x + s·y). */
    static final int[][] SYMMETRIES = {
        {1, 0, 0, 1}, {-1, 0, 0, 1}, {1, 0, 0, -1}, {-1, 0, 0, -1},
        {0, 1, 1, 0}, {0, -1, 1, 0}, {0, 1, -1, 0}, {0, -1, -1, 0}};

    private final WorkingPlane plane;
    private final Lattice.Basis basis;
    private double[] fold;
    private final Map<Integer, double[]> oriented = new HashMap<>();
    private double[][] foldSpectrum;
    private double[][] coarseSpectrum;

    Analysis(WorkingPlane plane, Lattice.Basis basis) {
        this.plane = plane;
        this.basis = orient(basis);
    }

    record Sync(double pnr, int dx, int dy, int symmetry) {
    }

    /** The same hypothesis with the lattice scaled by {@code f} (a period a fraction of a percent off). */
    Analysis scaled(double f) {
        return new Analysis(plane, new Lattice.Basis(f * basis.ax(), f * basis.ay(), f * basis.bx(), f * basis.by(), basis.score()));
    }

    /**
     * The hypothesis with its lattice corrected by how the sync peak drifts across the plane, or null when the
     * drift cannot be measured. A lattice a fraction of a percent off in scale, aspect or angle (what the
     * autocorrelation's peaks give on a busy photo) still syncs, since the fold is right near the plane's middle,
     * but smears the chips towards its ends, and the payload fails. Each half of the plane (left, right, top,
     * bottom) is folded alone and correlated with the template at the sync's symmetry; the peak is looked for
     * near the whole plane's, to a fraction of a sample. Between the left and right halves the peak moves by the
     * error of the fold's map along x, between top and bottom along y: the four offsets give the map's linear
     * error (scale, aspect, rotation and shear at once), which is removed from the basis. Template matching in
     * blocks for the residual affine transform, as in image registration; four folds and four correlations,
     * not a search.
     */
    Analysis refined(Sync s, WatermarkPattern pattern) {
        int w = plane.width;
        int h = plane.height;
        double[][] d = new double[4][];
        int[][] regions = {{0, 0, w / 2, h}, {w / 2, 0, w, h}, {0, 0, w, h / 2}, {0, h / 2, w, h}};
        for (int k = 0; k < 4; k++) {
            int[] r = regions[k];
            double[][] spec = spectrum(fold(plane, basis, WatermarkPattern.TILE_BITS, r[0], r[1], r[2], r[3]), T);
            double[] c = correlatePair(s.symmetry & ~1, spec, pattern.syncSpecRe, pattern.syncSpecIm,
                    WatermarkPattern.TILE_BITS)[s.symmetry & 1];
            d[k] = localPeak(c, s.dx, s.dy);
            if (d[k] == null) {
                return null;
            }
        }
        // J: the offset's change per plane sample, in the oriented fold's coordinates
        double j00 = wrap(d[1][0] - d[0][0]) / (w / 2.0);
        double j10 = wrap(d[1][1] - d[0][1]) / (w / 2.0);
        double j01 = wrap(d[3][0] - d[2][0]) / (h / 2.0);
        double j11 = wrap(d[3][1] - d[2][1]) / (h / 2.0);
        // the fold's coordinates of an oriented point are G·point, so the fold map n·B⁻¹ is off by G·J
        int[] g = SYMMETRIES[s.symmetry];
        double e00 = g[0] * j00 + g[1] * j10;
        double e01 = g[0] * j01 + g[1] * j11;
        double e10 = g[2] * j00 + g[3] * j10;
        double e11 = g[2] * j01 + g[3] * j11;
        double det = basis.det();
        double m00 = T * basis.by() / det - e00;
        double m01 = -T * basis.bx() / det - e01;
        double m10 = -T * basis.ay() / det - e10;
        double m11 = T * basis.ax() / det - e11;
        double md = m00 * m11 - m01 * m10;
        if (!(Math.abs(md) > 1e-12)) {
            return null;
        }
        // B = T·M⁻¹, columns a and b
        Lattice.Basis b = new Lattice.Basis(T * m11 / md, -T * m10 / md, -T * m01 / md, T * m00 / md, basis.score());
        return new Analysis(plane, b);
    }

    /** Half-window (tile samples) around the whole plane's sync peak where a half's peak is looked for. */
    private static final int DRIFT = 8;

    /** The highest sample of {@code c} within {@value #DRIFT} of (x, y), circularly, with parabolic sub-sample offsets. */
    private static double[] localPeak(double[] c, int x, int y) {
        int bx = x;
        int by = y;
        double best = Double.NEGATIVE_INFINITY;
        for (int oy = -DRIFT; oy <= DRIFT; oy++) {
            for (int ox = -DRIFT; ox <= DRIFT; ox++) {
                double v = c[((y + oy) & (T - 1)) * T + ((x + ox) & (T - 1))];
                if (v > best) {
                    best = v;
                    bx = x + ox;
                    by = y + oy;
                }
            }
        }
        if (Math.abs(bx - x) == DRIFT || Math.abs(by - y) == DRIFT) {
            return null; // on the window's edge: no peak inside it
        }
        double l = c[(by & (T - 1)) * T + ((bx - 1) & (T - 1))];
        double r = c[(by & (T - 1)) * T + ((bx + 1) & (T - 1))];
        double u = c[((by - 1) & (T - 1)) * T + (bx & (T - 1))];
        double dn = c[((by + 1) & (T - 1)) * T + (bx & (T - 1))];
        double fx = l - 2 * best + r < 0 ? 0.5 * (l - r) / (l - 2 * best + r) : 0;
        double fy = u - 2 * best + dn < 0 ? 0.5 * (u - dn) / (u - 2 * best + dn) : 0;
        return new double[] {bx + fx, by + fy};
    }

    /** A difference of tile positions, taken the short way round the tile. */
    private static double wrap(double v) {
        return v - T * Math.rint(v / T);
    }

    /** The hypothesis's lattice basis in working-plane samples, oriented (a nearest +x, b nearest +y). */
    Lattice.Basis basis() {
        return basis;
    }

    /** The best sync of {@code pattern} over the square's eight symmetries. */
    Sync sync(WatermarkPattern pattern) {
        Sync best = null;
        for (int g = 0; g < SYMMETRIES.length; g += 2) {
            for (Sync s : syncPair(g, foldSpectrum(), pattern.syncSpecRe, pattern.syncSpecIm, WatermarkPattern.TILE_BITS)) {
                if (best == null || s.pnr > best.pnr) {
                    best = s;
                }
            }
        }
        return best;
    }

    /**
     * The sync PNR of {@code pattern} at a coarse resolution, under the eight symmetries: the working plane
     * area-averaged 2×2 and folded onto {@value WatermarkPattern#COARSE}×{@value WatermarkPattern#COARSE}
     * cells, a quarter of the full fold's reads and a small fraction of its transform work. It screens
     * hypotheses: where it is low, the full sync is not worth computing (unmarked images, wrong lattices).
     * Its spectrum is flattened further than the full sync's ({@link #COARSE_FLATTENING}).
     */
    double coarsePnr(WatermarkPattern pattern) {
        if (coarseSpectrum == null) {
            Lattice.Basis half = new Lattice.Basis(basis.ax() / 2, basis.ay() / 2, basis.bx() / 2, basis.by() / 2, 0);
            coarseSpectrum = spectrum(fold(plane.halved(), half, WatermarkPattern.COARSE_BITS), WatermarkPattern.COARSE,
                    COARSE_FLATTENING);
        }
        double best = 0;
        for (int g = 0; g < SYMMETRIES.length; g += 2) {
            for (Sync s : syncPair(g, coarseSpectrum, pattern.coarseSpecRe, pattern.coarseSpecIm, WatermarkPattern.COARSE_BITS)) {
                best = Math.max(best, s.pnr);
            }
        }
        return best;
    }

    /**
     * The payload of {@code key} read at sync {@code s}, when the sync reaches the threshold and the payload
     * decodes; else empty (then {@link #miss} describes the attempt).
     */
    Optional<Detection> decode(Sync s, WatermarkPattern pattern, WatermarkKey key) {
        if (s.pnr < LumaDetector.PNR_THRESHOLD) {
            return Optional.empty();
        }
        float[] soft = softBits(s, pattern);
        Optional<WatermarkPayload> p = LumaDetector.decode(soft, key);
        if (p.isEmpty()) {
            return Optional.empty();
        }
        double agree = PayloadCode.agreement(soft, p.get().toBytes());
        double confidence = 0.9 + 0.1 * Math.max(0, Math.min(1, (agree - 0.6) / 0.4));
        return Optional.of(describe(true, p, confidence, s, soft));
    }

    /**
     * A sync that found nothing, with its soft bits (video adds them over frames). Only the detector's final
     * answer needs them, so they are computed here rather than for every hypothesis tried.
     */
    Detection miss(Sync s, WatermarkPattern pattern) {
        return describe(false, Optional.empty(), Math.min(0.49, s.pnr / (2 * LumaDetector.PNR_THRESHOLD)), s,
                softBits(s, pattern));
    }

    private float[] softBits(Sync s, WatermarkPattern pattern) {
        return pattern.softBits(align(oriented(s.symmetry), s.dx, s.dy));
    }

    private Detection describe(boolean found, Optional<WatermarkPayload> p, double confidence, Sync s, float[] soft) {
        int[] g = SYMMETRIES[s.symmetry];
        // the tile's x axis in the plane is basis·(p, r): the fold's axis the tile's x axis came from
        double ux = g[0] * basis.ax() + g[2] * basis.bx();
        double uy = g[0] * basis.ay() + g[2] * basis.by();
        double vx = g[1] * basis.ax() + g[3] * basis.bx();
        double vy = g[1] * basis.ay() + g[3] * basis.by();
        double la = Math.hypot(ux, uy);
        double lb = Math.hypot(vx, vy);
        boolean mirrored = ux * vy - uy * vx < 0;
        double rotation = Math.toDegrees(Math.atan2(-uy, ux)); // y points down on screen
        double period = 0.5 * (la + lb) * plane.factor;
        return new Detection(found, p, confidence, s.pnr, s.dx, s.dy, period, rotation, la / lb, mirrored, soft);
    }

    /** Orders the basis so a is the ± vector closest to +x and b the ± other closest to +y. */
    private static Lattice.Basis orient(Lattice.Basis b) {
        double[][] v = {{b.ax(), b.ay()}, {b.bx(), b.by()}};
        int first = Math.abs(v[0][0]) / Math.hypot(v[0][0], v[0][1]) >= Math.abs(v[1][0]) / Math.hypot(v[1][0], v[1][1]) ? 0 : 1;
        double[] a = v[first];
        double[] c = v[1 - first];
        if (a[0] < 0) {
            a = new double[] {-a[0], -a[1]};
        }
        if (c[1] < 0) {
            c = new double[] {-c[0], -c[1]};
        }
        return new Lattice.Basis(a[0], a[1], c[0], c[1], b.score());
    }

    private double[] fold() {
        if (fold == null) {
            fold = fold(plane, basis, WatermarkPattern.TILE_BITS);
        }
        return fold;
    }

    /**
     * Sums the plane onto one tile of n×n cells ({@code n = 1 << bits}): sample (x, y) lands in cell
     * floor(n · B⁻¹ (x, y)) mod n, B the basis as columns. Returns the cell means with the overall mean removed
     * (empty cells 0).
     */
    private static double[] fold(WorkingPlane plane, Lattice.Basis b, int bits) {
        return fold(plane, b, bits, 0, 0, plane.width, plane.height);
    }

    /** {@link #fold(WorkingPlane, Lattice.Basis, int)} of the samples in [x0, x1) × [y0, y1) only. */
    private static double[] fold(WorkingPlane plane, Lattice.Basis b, int bits, int x0, int y0, int x1, int y1) {
        int n = 1 << bits;
        int mask = n - 1;
        double det = b.det();
        double m00 = n * b.by() / det;
        double m01 = -n * b.bx() / det;
        double m10 = -n * b.ay() / det;
        double m11 = n * b.ax() / det;
        double[] sum = new double[n * n];
        int[] count = new int[n * n];
        int w = plane.width;
        for (int y = y0; y < y1; y++) {
            double u = m01 * y + 0.5;
            double v = m11 * y + 0.5;
            for (int x = x0; x < x1; x++) {
                int cell = (((int) Math.floor(v + m10 * x)) & mask) * n + (((int) Math.floor(u + m00 * x)) & mask);
                sum[cell] += plane.samples[y * w + x];
                count[cell]++;
            }
        }
        double mean = 0;
        int filled = 0;
        for (int i = 0; i < sum.length; i++) {
            if (count[i] > 0) {
                sum[i] /= count[i];
                mean += sum[i];
                filled++;
            }
        }
        mean /= Math.max(1, filled);
        for (int i = 0; i < sum.length; i++) {
            sum[i] = count[i] > 0 ? sum[i] - mean : 0;
        }
        return sum;
    }

    private double[] oriented(int g) {
        return oriented.computeIfAbsent(g, k -> {
            int[] m = SYMMETRIES[k];
            double[] f = fold();
            double[] out = new double[A];
            for (int y = 0; y < T; y++) {
                for (int x = 0; x < T; x++) {
                    int sx = (m[0] * x + m[1] * y) & (T - 1);
                    int sy = (m[2] * x + m[3] * y) & (T - 1);
                    out[y * T + x] = f[sy * T + sx];
                }
            }
            return out;
        });
    }

    /**
     * Circular cross-correlations of the fold under symmetries {@code g} and {@code g + 1} with the key's sync
     * template, {@code n}×{@code n} ({@code n = 1 << bits}). The fold is transformed once: for a signed
     * permutation g (orthogonal, g⁻ᵀ = g) the spectrum of x ↦ fold(g·x) is k ↦ F(g·k). Both correlations are
     * real, so one inverse FFT of C(g) + i·C(g + 1) gives the first in its real part and the second in its
     * imaginary part.
     */
    private static Sync[] syncPair(int g, double[][] spectrum, float[] tr, float[] ti, int bits) {
        double[][] c = correlatePair(g, spectrum, tr, ti, bits);
        return new Sync[] {peak(c[0], g, bits), peak(c[1], g + 1, bits)};
    }

    /** The two correlations of {@link #syncPair}, symmetry {@code g} in [0] and {@code g + 1} in [1]. */
    private static double[][] correlatePair(int g, double[][] spectrum, float[] tr, float[] ti, int bits) {
        int n = 1 << bits;
        int mask = n - 1;
        double[] fr = spectrum[0];
        double[] fi = spectrum[1];
        int[] m0 = SYMMETRIES[g];
        int[] m1 = SYMMETRIES[g + 1];
        double[] re = new double[n * n];
        double[] im = new double[n * n];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                int i = y * n + x;
                int k0 = ((m0[2] * x + m0[3] * y) & mask) * n + ((m0[0] * x + m0[1] * y) & mask); // F(g·k)
                int k1 = ((m1[2] * x + m1[3] * y) & mask) * n + ((m1[0] * x + m1[1] * y) & mask);
                double c0r = fr[k0] * tr[i] - fi[k0] * ti[i];
                double c0i = fr[k0] * ti[i] + fi[k0] * tr[i];
                double c1r = fr[k1] * tr[i] - fi[k1] * ti[i];
                double c1i = fr[k1] * ti[i] + fi[k1] * tr[i];
                re[i] = c0r - c1i;
                im[i] = c0i + c1r;
            }
        }
        Radix4Fft.transform2d(re, im, n, n, true);
        return new double[][] {re, im};
    }

    /** The correlation's peak and its height above the mean in standard deviations. */
    private static Sync peak(double[] c, int g, int bits) {
        int peak = 0;
        double sum = 0;
        double sq = 0;
        for (int i = 0; i < c.length; i++) {
            double v = c[i];
            sum += v;
            sq += v * v;
            if (v > c[peak]) {
                peak = i;
            }
        }
        double mean = sum / c.length;
        double sd = Math.sqrt(Math.max(1e-30, sq / c.length - mean * mean));
        return new Sync((c[peak] - mean) / sd, peak & ((1 << bits) - 1), peak >>> bits, g);
    }

    private double[][] foldSpectrum() {
        if (foldSpectrum == null) {
            foldSpectrum = spectrum(fold(), T);
        }
        return foldSpectrum;
    }

    /** The fold's spectrum, whitened for the sync correlation ({@link FoldFlattening#whitenSpectrum}). */
    private static double[][] spectrum(double[] tile, int n) {
        return spectrum(tile, n, 0.5);
    }

    /** The fold's spectrum, each bin weighted by its 3×3 neighbourhood's mean power to the {@code -exponent}. */
    private static double[][] spectrum(double[] tile, int n, double exponent) {
        double[] re = tile.clone();
        double[] im = new double[n * n];
        Radix4Fft.transform2d(re, im, n, n, false);
        FoldFlattening.whitenSpectrum(re, im, n, exponent);
        return new double[][] {re, im};
    }

    static double[] align(double[] folded, int dx, int dy) {
        double[] out = new double[A];
        for (int y = 0; y < T; y++) {
            int src = ((y + dy) & (T - 1)) * T;
            for (int x = 0; x < T; x++) {
                out[y * T + x] = folded[src + ((x + dx) & (T - 1))];
            }
        }
        return out;
    }
}
