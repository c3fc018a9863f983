package dev.aigcmark.image.internal.watermark;

import dev.aigcmark.core.internal.dsp.Fft;
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
     */
    double coarsePnr(WatermarkPattern pattern) {
        if (coarseSpectrum == null) {
            Lattice.Basis half = new Lattice.Basis(basis.ax() / 2, basis.ay() / 2, basis.bx() / 2, basis.by() / 2, 0);
            coarseSpectrum = spectrum(fold(plane.halved(), half, WatermarkPattern.COARSE_BITS), WatermarkPattern.COARSE);
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
        for (int y = 0; y < plane.height; y++) {
            double u = m01 * y + 0.5;
            double v = m11 * y + 0.5;
            for (int x = 0; x < w; x++) {
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
    private static Sync[] syncPair(int g, double[][] spectrum, double[] tr, double[] ti, int bits) {
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
        Fft.transform2d(re, im, n, true);
        return new Sync[] {peak(re, g, bits), peak(im, g + 1, bits)};
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

    private static double[][] spectrum(double[] tile, int n) {
        double[] re = tile.clone();
        double[] im = new double[n * n];
        Fft.transform2d(re, im, n, false);
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
