package dev.aigcmark.image.internal.watermark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Synchronisation, step 1: the tile's lattice from the autocorrelation of the whitened working plane
 * (Kutter 1998; Deguillaume et al. 2002). A periodically tiled mark puts peaks in the autocorrelation at every
 * lattice vector n·a + m·b, whatever rotation, scale, aspect change or shear the image went through since
 * those act on a and b linearly; translation and cropping leave them where they are. So: linear (zero-padded)
 * autocorrelation by FFT, the strongest local maxima as candidate vectors, every non-collinear pair reduced (Lagrange–Gauss) and
 * kept if nearly square (the tile is), scored by how well the whole lattice it generates lands on peaks, and the winner refined by least squares
 * over the sub-sample positions of all its peaks in range. The result fixes the affine map up to the
 * square's eight symmetries (rotations by 90° and mirrors), which the sync correlation then resolves. All of it runs on
 * the working plane halved 2×2 ({@link #SEARCH_HALVING}); the bases it hands out are in working-plane samples.
 */
final class Lattice {
    /** Shortest period looked for, in working samples (a chip of ~1.2 samples). */
    static final int MIN_LAG = 30;
    /**
     * The lattice is looked for on the working plane area-averaged 2×2 ({@link WorkingPlane#halved}, which the
     * coarse sync reads anyway): its autocorrelation is a quarter of the size (512² instead of 1024² for 1080p) and
     * the square-lattice search has half the angles to try, about 25 ms less per unmarked 1080p detection, most
     * of its lattice cost. The lattice vectors are found to a fraction of a halved sample and then doubled; the
     * ±¼-chip accuracy the fold needs is restored where it matters by {@link LumaDetector}'s refinement and
     * sharpening of a hypothesis whose sync is clear (docs/watermark-robustness.md, "Session 12").
     */
    static final int SEARCH_HALVING = 2;
    private static final int PEAKS = 64;
    private static final double MAX_ASPECT = 1.25;
    private static final double MAX_COS = 0.26;
    private static final double[] ASPECTS = {0.9, 1.0, 1.1};
    private static final int SEARCH_KEEP = 8;
    private static final int LATTICE_REACH = 3;
    /** Chips by which two lattices' vectors may differ and still be one hypothesis ({@link #containsHypothesis}). */
    private static final double SAME_FOLD = 0.25;
    /** How far (relative to the lattice) one fit may move the nominal lattice before {@link #refineNominal} refits it. */
    static final double NOMINAL_SETTLE = 0.01;

    /** A lattice basis in working-plane samples, with its score (sum of peak heights above noise, in σ). */
    record Basis(double ax, double ay, double bx, double by, double score) {
        double det() {
            return ax * by - ay * bx;
        }

        /** How far {@code other} is from this basis, relative to it: ‖other − this‖ / ‖this‖ (Frobenius norms). */
        double relativeDistance(Basis other) {
            double d = Math.hypot(Math.hypot(other.ax - ax, other.ay - ay), Math.hypot(other.bx - bx, other.by - by));
            return d / Math.hypot(Math.hypot(ax, ay), Math.hypot(bx, by));
        }
    }

    /** The autocorrelation at lags 0 ≤ y ≤ reach, |x| ≤ reach (see {@link Autocorrelation#of}). */
    private final double[] acf;
    private final int reach;
    private final int rowWidth;
    private final int maxLag;
    private double sigma;
    /** 1/σ and maxLag², for {@link #pointScore}, the search's inner call. */
    private double invSigma;
    private double maxLag2;
    /** The strongest local maxima of the autocorrelation, set by {@link #scanPeaks}. */
    private List<int[]> topPeaks;

    /** Working-plane samples per sample of the plane searched ({@link #SEARCH_HALVING}). */
    private final int scale;
    /** {@link #MIN_LAG} in samples of the plane searched. */
    private final double minLag;

    private Lattice(double[] acf, int reach, int maxLag, int scale) {
        this.acf = acf;
        this.reach = reach;
        this.rowWidth = 2 * reach + 1;
        this.maxLag = maxLag;
        this.scale = scale;
        this.minLag = (double) MIN_LAG / scale;
    }

    /**
     * Candidate bases, best first (at most {@code limit}); empty when the plane is too small or shows none.
     * The first is the <em>nominal</em> lattice, refined on the autocorrelation: the period the embedder
     * would draw on a plane of this size, upright. Re-encoding, photometric changes and whole-image rescaling
     * keep the tile at exactly that period (it is proportional to the image up to {@link TileGeometry#MAX_CHIP}),
     * so on busy textures, where a faint mark's autocorrelation peaks do not stand out one by one, this hypothesis
     * still lands on them. Above the chip cap a second nominal lattice follows, at the period marks drawn before
     * the cap have ({@link TileGeometry#nominalPeriods}); it is an extra hypothesis, not one of the search's.
     * <p>
     * The sequence is produced lazily: the search for the others (pairs of peaks and the square-lattice
     * search, a fifth to a quarter of a detection's cost) runs only when the caller asks past the nominal lattice, so
     * a mark found there never pays for it. What is produced is the same as if it were computed at once.
     * <p>
     * The search ranks {@code limit} lattices (less one for the nominal lattice) and hands out the first
     * {@code searched} of them that are not an earlier hypothesis; a smaller {@code searched} gives a prefix of what a
     * larger one gives, the same bases in the same order.
     */
    static Iterator<Basis> candidates(WorkingPlane working, int limit, int upright, int searched,
                                      double... nominalPeriods) {
        WorkingPlane plane = working.halved(); // SEARCH_HALVING working samples a side per sample
        int scale = SEARCH_HALVING;
        int maxLag = (int) Math.min(0.75 * Math.min(plane.width, plane.height), 400 / scale);
        if (maxLag <= (MIN_LAG + 4) / scale) {
            return Collections.emptyIterator();
        }
        // zero-padded by the largest lag: a linear, not circular, autocorrelation. Unpadded, the lags wrap at
        // the FFT size, which is no multiple of the period, and the wrapped copies smear the lattice peaks; on a
        // crop that keeps only 2–3 periods per side those peaks are all there is (measured: crops to 40 % and
        // ±5° rotations of busy photos lost their sync without it, see docs/watermark-robustness.md).
        int nx = Integer.highestOneBit(Math.max(1, plane.width + maxLag - 1)) << 1;
        int ny = Integer.highestOneBit(Math.max(1, plane.height + maxLag - 1)) << 1;
        maxLag = Math.min(maxLag, Math.min(nx, ny) / 2 - 2);
        // at(), isLocalMax and subSamplePeak read at most 4 samples past maxLag
        int reach = maxLag + 5;
        Lattice l = new Lattice(Autocorrelation.of(plane.samples, plane.width, plane.height, nx, ny, reach), reach, maxLag, scale);
        if (!l.scanPeaks()) {
            return Collections.emptyIterator();
        }
        List<Basis> nominal = new ArrayList<>();
        for (double period : nominalPeriods) {
            double p = period / plane.factor;
            if (p >= l.minLag && p <= maxLag) {
                nominal.add(l.toWorking(l.refineNominal(p)));
            }
        }
        return l.new Candidates(limit, upright, searched, nominal);
    }

    /**
     * The nominal basis first (when there is one), then the upright ones at the periods of {@link #uprightBases}
     * (cheap: one profile of the autocorrelation), then the searched ones, none the same lattice as one before.
     */
    private final class Candidates implements Iterator<Basis> {
        private final int limit;
        private final int upright;
        private final List<Basis> out = new ArrayList<>();
        private final int searched;
        private int stage;
        private int next;

        Candidates(int limit, int upright, int searched, List<Basis> nominal) {
            this.limit = limit;
            this.upright = upright;
            for (Basis b : nominal) {
                if (out.size() < limit && !containsHypothesis(out, b)) {
                    out.add(b);
                }
            }
            // a second nominal lattice (the pre-cap period of a large plane) is an extra hypothesis, not one of the search's
            this.searched = Math.min(searched, limit - Math.min(out.size(), 1));
        }

        @Override
        public boolean hasNext() {
            while (next == out.size() && stage < 2) {
                List<Basis> more = stage++ == 0 ? uprightBases(upright) : bases(limit);
                int cap = out.size() + (stage == 1 ? upright : searched);
                for (Basis found : more) {
                    Basis b = toWorking(found);
                    if (out.size() < cap && !containsHypothesis(out, b)) {
                        out.add(b);
                    }
                }
            }
            return next < out.size();
        }

        @Override
        public Basis next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return out.get(next++);
        }
    }

    /** A basis of the plane searched in working-plane samples, the unit {@link Analysis} folds in. */
    private Basis toWorking(Basis b) {
        return scale == 1 ? b : new Basis(scale * b.ax, scale * b.ay, scale * b.bx, scale * b.by, b.score);
    }

    /**
     * Upright square lattices at the {@code count} periods where the autocorrelation's upright profile (its
     * six nearest lattice points, as in {@link #squareLatticeSearch}, on a half-sample grid of periods) has its
     * highest local maxima. A crop that was not rescaled back (or was, by a factor of its own) keeps the tile
     * upright at a period the nominal one does not predict; on busy textures the host's own periodicities
     * (shelves, bricks) outrank it in the blind search, so several periods are proposed and the key's coarse
     * sync ({@link Analysis#coarsePnr}) tells the mark's apart: a 1-D scale search scored by the key's signal.
     */
    private List<Basis> uprightBases(int count) {
        double step = 0.5;
        int n = (int) ((maxLag - minLag) / step) + 1;
        if (count <= 0 || n < 3) {
            return List.of();
        }
        double[] u = new double[n];
        for (int i = 0; i < n; i++) {
            double p = minLag + i * step;
            u[i] = pointScore(p, 0) + pointScore(0, p) + pointScore(p, p) + pointScore(p, -p)
                    + pointScore(2 * p, 0) + pointScore(0, 2 * p);
        }
        List<Basis> maxima = new ArrayList<>();
        for (int i = 1; i < n - 1; i++) {
            if (u[i] >= u[i - 1] && u[i] > u[i + 1]) {
                // parabolic vertex of the three samples: the period between grid steps
                double d = u[i - 1] - 2 * u[i] + u[i + 1];
                double p = minLag + (i + (d < 0 ? Math.max(-0.5, Math.min(0.5, 0.5 * (u[i - 1] - u[i + 1]) / d)) : 0)) * step;
                maxima.add(new Basis(p, 0, 0, p, u[i]));
            }
        }
        maxima.sort(Comparator.comparingDouble((Basis b) -> -b.score));
        List<Basis> out = new ArrayList<>();
        for (Basis b : maxima) {
            if (out.size() == count) {
                break;
            }
            if (!contains(out, b)) {
                out.add(b);
            }
        }
        return out;
    }

    private double at(int dx, int dy) {
        if (dy < 0) { // the autocorrelation is even
            dx = -dx;
            dy = -dy;
        }
        return dy > reach || Math.abs(dx) > reach ? 0 : acf[dy * rowWidth + dx + reach];
    }

    /** Bilinear value at a fractional lag. */
    private double at(double dx, double dy) {
        int x0 = (int) Math.floor(dx);
        int y0 = (int) Math.floor(dy);
        double fx = dx - x0;
        double fy = dy - y0;
        return (1 - fy) * ((1 - fx) * at(x0, y0) + fx * at(x0 + 1, y0))
                + fy * ((1 - fx) * at(x0, y0 + 1) + fx * at(x0 + 1, y0 + 1));
    }

    /**
     * The noise level over the search annulus and its local maxima, strongest first (one half-plane: the ACF is
     * symmetric); false when there are fewer than two, i.e. no lattice to look for.
     */
    private boolean scanPeaks() {
        double sum = 0;
        double sq = 0;
        int n = 0;
        IntList peaks = new IntList();
        for (int dy = 0; dy <= maxLag; dy++) {
            for (int dx = -maxLag; dx <= maxLag; dx++) {
                int r2 = dx * dx + dy * dy;
                if (r2 < minLag * minLag || r2 > maxLag * maxLag || (dy == 0 && dx < 0)) {
                    continue;
                }
                double v = acf[dy * rowWidth + dx + reach];
                sum += v;
                sq += v * v;
                n++;
                if (v > 0 && isLocalMax(dx, dy, v)) {
                    peaks.add(dy * rowWidth + dx + reach);
                }
            }
        }
        if (n == 0 || peaks.size < 2) {
            return false;
        }
        double mean = sum / n;
        sigma = Math.sqrt(Math.max(1e-30, sq / n - mean * mean));
        invSigma = 1 / sigma;
        maxLag2 = (double) maxLag * maxLag;
        topPeaks = strongest(peaks, PEAKS);
        return true;
    }

    /**
     * The {@code count} highest of these ACF positions as {dx, dy}, highest first, ties in scan order: what a
     * stable sort of all of them would put first, without sorting the thousands below the cut.
     */
    private List<int[]> strongest(IntList positions, int count) {
        double[] values = new double[positions.size];
        for (int k = 0; k < values.length; k++) {
            values[k] = acf[positions.items[k]];
        }
        double cut = Double.NEGATIVE_INFINITY;
        if (values.length > count) {
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            cut = sorted[sorted.length - count];
        }
        List<int[]> kept = new ArrayList<>();
        for (int k = 0; k < values.length; k++) {
            if (values[k] >= cut) {
                int p = positions.items[k];
                kept.add(new int[] {p % rowWidth - reach, p / rowWidth});
            }
        }
        kept.sort(Comparator.comparingDouble((int[] p) -> -at(p[0], p[1])));
        return kept.subList(0, Math.min(count, kept.size()));
    }

    /** A growable int array (the ACF has tens of thousands of local maxima). */
    private static final class IntList {
        int[] items = new int[1024];
        int size;

        void add(int v) {
            if (size == items.length) {
                items = Arrays.copyOf(items, 2 * size);
            }
            items[size++] = v;
        }
    }

    private List<Basis> bases(int limit) {
        List<int[]> top = topPeaks;
        List<Basis> found = new ArrayList<>();
        for (int i = 0; i < top.size(); i++) {
            for (int j = i + 1; j < top.size(); j++) {
                Basis b = reduce(top.get(i)[0], top.get(i)[1], top.get(j)[0], top.get(j)[1]);
                if (b == null || contains(found, b)) {
                    continue;
                }
                found.add(new Basis(b.ax, b.ay, b.bx, b.by, score(b)));
            }
        }
        found.addAll(squareLatticeSearch());
        found.sort(Comparator.comparingDouble((Basis b) -> -b.score));
        List<Basis> out = new ArrayList<>();
        for (Basis b : found) {
            if (out.size() == limit || b.score <= 0) {
                break;
            }
            Basis refined = refine(b);
            if (!contains(out, refined)) {
                out.add(refined);
            }
        }
        return out;
    }

    /**
     * A Hough-style search over square lattices (period, angle, aspect): each hypothesis is scored on the
     * autocorrelation at its six nearest lattice points, so peaks too weak to stand out one by one (a busy
     * texture under a faint mark) add up. The best few per period band join the pair candidates.
     */
    private List<Basis> squareLatticeSearch() {
        List<Basis> best = new ArrayList<>();
        double maxPeriod = maxLag / 1.5;
        for (double period = minLag; period <= maxPeriod; period *= 1.005) {
            double step = Math.atan(0.6 / period);
            // cos and sin of the angle by rotating one step at a time (two multiply-adds instead of two library calls per
            // angle); after the ≤ 510 steps of a period they are off by a few 1e-15
            double rc = Math.cos(step);
            double rs = Math.sin(step);
            double c = Math.cos(-Math.PI / 4);
            double sn = Math.sin(-Math.PI / 4);
            for (double theta = -Math.PI / 4; theta < Math.PI / 4; theta += step) {
                double bx = -period * sn;
                double by = period * c;
                double scoreB = pointScore(bx, by); // b does not depend on the aspect
                double score2B = pointScore(2 * bx, 2 * by);
                for (double aspect : ASPECTS) {
                    double ax = period * aspect * c;
                    double ay = period * aspect * sn;
                    double score = pointScore(ax, ay) + scoreB + pointScore(ax + bx, ay + by)
                            + pointScore(ax - bx, ay - by) + pointScore(2 * ax, 2 * ay) + score2B;
                    if (best.size() < SEARCH_KEEP || score > best.get(best.size() - 1).score) {
                        Basis b = new Basis(ax, ay, bx, by, score);
                        int at = 0;
                        while (at < best.size() && best.get(at).score >= score) {
                            at++;
                        }
                        if (!containsAround(best, b)) {
                            best.add(at, b);
                            if (best.size() > SEARCH_KEEP) {
                                best.remove(best.size() - 1);
                            }
                        }
                    }
                }
                double nc = c * rc - sn * rs;
                sn = sn * rc + c * rs;
                c = nc;
            }
        }
        List<Basis> out = new ArrayList<>();
        for (Basis b : best) {
            out.add(new Basis(b.ax, b.ay, b.bx, b.by, score(b)));
        }
        return out;
    }

    /** Whether a hypothesis within 3 % of this one (same lattice, slightly off) is already kept. */
    private static boolean containsAround(List<Basis> list, Basis b) {
        // squared distances: Math.hypot (overflow-safe, slow) cost a tenth of a detection in this hot loop
        double tol2 = 0.0009 * (b.ax * b.ax + b.ay * b.ay);
        for (Basis o : list) {
            if (squared(o.ax - b.ax, o.ay - b.ay) < tol2 && squared(o.bx - b.bx, o.by - b.by) < tol2) {
                return true;
            }
        }
        return false;
    }

    private double pointScore(double x, double y) {
        if (y < 0) {
            x = -x;
            y = -y;
        }
        if (squared(x, y) > maxLag2) {
            return 0;
        }
        // at(x, y) with the taps read straight from the array: 0 ≤ y ≤ maxLag and |x| ≤ maxLag, so all four
        // are stored (reach > maxLag + 1); the same numbers in the same order, without at(int, int)'s branches
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        double fx = x - x0;
        double fy = y - y0;
        int i = y0 * rowWidth + x0 + reach;
        double v = (1 - fy) * ((1 - fx) * acf[i] + fx * acf[i + 1])
                + fy * ((1 - fx) * acf[i + rowWidth] + fx * acf[i + rowWidth + 1]);
        return Math.min(8, v * invSigma - 1); // (v − σ)/σ, up to rounding, without a division
    }

    private static double squared(double x, double y) {
        return x * x + y * y;
    }

    private boolean isLocalMax(int dx, int dy, double v) {
        if (dy > 0) { // the 3×3 neighbourhood is stored as it is (|dx| + 1 ≤ reach): read it without at()'s branches
            int c = dy * rowWidth + dx + reach;
            return !(acf[c - rowWidth - 1] > v || acf[c - rowWidth] > v || acf[c - rowWidth + 1] > v
                    || acf[c - 1] > v || acf[c + 1] > v
                    || acf[c + rowWidth - 1] > v || acf[c + rowWidth] > v || acf[c + rowWidth + 1] > v);
        }
        for (int oy = -1; oy <= 1; oy++) {
            for (int ox = -1; ox <= 1; ox++) {
                if ((ox != 0 || oy != 0) && at(dx + ox, dy + oy) > v) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Lagrange–Gauss reduction to the shortest basis of the lattice spanned by the two vectors, or null. */
    private Basis reduce(double ax, double ay, double bx, double by) {
        double cross = Math.abs(ax * by - ay * bx);
        if (cross < 0.3 * Math.hypot(ax, ay) * Math.hypot(bx, by)) {
            return null; // nearly collinear: no 2-D lattice
        }
        for (int guard = 0; guard < 32; guard++) {
            if (ax * ax + ay * ay > bx * bx + by * by) {
                double tx = ax;
                double ty = ay;
                ax = bx;
                ay = by;
                bx = tx;
                by = ty;
            }
            double mu = Math.rint((ax * bx + ay * by) / (ax * ax + ay * ay));
            if (mu == 0) {
                break;
            }
            bx -= mu * ax;
            by -= mu * ay;
        }
        double la = Math.hypot(ax, ay);
        double lb = Math.hypot(bx, by);
        if (la < minLag - 2.0 / scale) {
            return null;
        }
        // The tile is square: after any rotation, a moderate aspect change (≤ 25 %) or shear the reduced basis
        // stays nearly square. Host structure (text lines, grids, bars) rarely makes such a pair.
        if (la / lb < 1 / MAX_ASPECT || Math.abs(ax * bx + ay * by) / (la * lb) > MAX_COS) {
            return null;
        }
        return new Basis(ax, ay, bx, by, 0);
    }

    /** Whether the list holds the same lattice: its vectors within 2 samples (one stage's near copies of a peak). */
    private static boolean contains(List<Basis> list, Basis b) {
        return contains(list, b, 2);
    }

    /**
     * Whether the list holds the same <em>hypothesis</em>: the vectors within {@link #SAME_FOLD} of a chip (and
     * 2 samples at most), so the two folds agree to a fraction of a chip over a few periods. Used across the
     * stages (nominal, upright, searched), where a lattice close to an earlier one is not a copy of it but
     * another geometry: with {@link #contains(List, Basis)}'s 2 samples a 12 MP photo rotated by 2° (tile
     * 53.5 working samples, its vectors 1.9 samples from the upright nominal lattice's) had its true lattice
     * dropped as a copy of the nominal one, which it is not (the nominal fold drifts by a third of a period
     * across the plane), and was lost (docs/watermark-robustness.md, "The 12 MP originals").
     */
    private static boolean containsHypothesis(List<Basis> list, Basis b) {
        return contains(list, b, Math.min(2, SAME_FOLD * Math.sqrt(Math.abs(b.det())) / WatermarkPattern.CHIPS));
    }

    private static boolean contains(List<Basis> list, Basis b, double tolerance) {
        for (Basis o : list) {
            if (Math.abs(Math.abs(o.det()) - Math.abs(b.det())) < 0.02 * Math.abs(b.det())
                    && near(o, b.ax, b.ay, tolerance) && near(o, b.bx, b.by, tolerance)) {
                return true;
            }
        }
        return false;
    }

    /** Whether ±v is (within {@code tolerance} samples) one of the basis vectors or their sum/difference. */
    private static boolean near(Basis o, double vx, double vy, double tolerance) {
        double[][] cands = {{o.ax, o.ay}, {o.bx, o.by}, {o.ax + o.bx, o.ay + o.by}, {o.ax - o.bx, o.ay - o.by}};
        for (double[] c : cands) {
            if (Math.hypot(c[0] - vx, c[1] - vy) < tolerance || Math.hypot(c[0] + vx, c[1] + vy) < tolerance) {
                return true;
            }
        }
        return false;
    }

    /**
     * Sum over the lattice points in range of (ACF − σ)/σ: true peaks add, the extra points of a too-fine
     * lattice subtract, and a coarser sub-lattice misses some of the true peaks, so the true lattice wins.
     */
    private double score(Basis b) {
        double s = 0;
        for (int m = 0; m <= LATTICE_REACH; m++) {
            for (int k = -LATTICE_REACH; k <= LATTICE_REACH; k++) {
                if (m == 0 && k <= 0) {
                    continue;
                }
                double x = k * b.ax + m * b.bx;
                double y = k * b.ay + m * b.by;
                if (y < 0) {
                    x = -x;
                    y = -y;
                }
                double r = Math.hypot(x, y);
                if (r > maxLag || r < minLag) {
                    continue;
                }
                s += Math.min(8, (peakNear(x, y) - sigma) / sigma);
            }
        }
        return s;
    }

    /** The highest ACF value within one sample of a fractional lag. */
    private double peakNear(double x, double y) {
        int cx = (int) Math.round(x);
        int cy = (int) Math.round(y);
        double best = Double.NEGATIVE_INFINITY;
        for (int oy = -1; oy <= 1; oy++) {
            for (int ox = -1; ox <= 1; ox++) {
                best = Math.max(best, at(cx + ox, cy + oy));
            }
        }
        return best;
    }

    /**
     * The upright nominal lattice of period {@code p} fitted to its peaks ({@link #refine}). One pass reads each
     * lattice point's peak within a sample of where the upright lattice predicts it, which is right where the embedder
     * drew the tile (the fit then moves it 0.1–0.2 %). Above the chip cap the period does not change with the image's
     * size, so a large photo turned by a few degrees keeps the nominal period while its lattice points leave the
     * upright prediction: on the 12 MP camera original rotated by 2° (tile 26.8 samples of the plane searched) the
     * far points lie 2–3 samples off and one pass caught only the near ones, a sheared lattice 2.9–3.7 % from the
     * upright one that synced (PNR 6.5–7.0) and decoded with 92–95 % of the coded bits, ahead of the searched
     * rotated lattice (100 %). So when one pass moves the lattice by {@link #NOMINAL_SETTLE} or more, it is fitted
     * again from the upright one outwards: first the eight nearest lattice points (which a rotation by θ moves by
     * p·sin θ, 1.4 samples at 3°), then from that fit the points two periods out, then three
     * (docs/watermark-robustness.md, "Session 15").
     */
    private Basis refineNominal(double p) {
        Basis upright = new Basis(p, 0, 0, p, 0);
        Basis once = refine(upright);
        if (upright.relativeDistance(once) < NOMINAL_SETTLE) {
            return once;
        }
        Basis b = upright;
        for (int reachPoints = 1; reachPoints <= LATTICE_REACH; reachPoints++) {
            b = refine(b, reachPoints);
        }
        return b;
    }

    /** Least-squares fit of the basis to the sub-sample positions of its lattice's peaks, weighted by height. */
    private Basis refine(Basis b) {
        return refine(b, LATTICE_REACH);
    }

    /** {@link #refine(Basis)} on the lattice points k·a + m·b with |k|, |m| ≤ {@code reachPoints}. */
    private Basis refine(Basis b, int reachPoints) {
        double snn = 0;
        double snm = 0;
        double smm = 0;
        double snx = 0;
        double sny = 0;
        double smx = 0;
        double smy = 0;
        for (int m = -reachPoints; m <= reachPoints; m++) {
            for (int k = -reachPoints; k <= reachPoints; k++) {
                double x = k * b.ax + m * b.bx;
                double y = k * b.ay + m * b.by;
                double r = Math.hypot(x, y);
                if (r > maxLag || r < minLag) {
                    continue;
                }
                double[] p = subSamplePeak(x, y);
                if (p == null || p[2] < 3 * sigma) {
                    continue;
                }
                double wgt = Math.min(8, p[2] / sigma);
                snn += wgt * k * k;
                snm += wgt * k * m;
                smm += wgt * m * m;
                snx += wgt * k * p[0];
                sny += wgt * k * p[1];
                smx += wgt * m * p[0];
                smy += wgt * m * p[1];
            }
        }
        double det = snn * smm - snm * snm;
        if (det < 1e-9) {
            return b;
        }
        double ax = (smm * snx - snm * smx) / det;
        double ay = (smm * sny - snm * smy) / det;
        double bx = (snn * smx - snm * snx) / det;
        double by = (snn * smy - snm * sny) / det;
        return new Basis(ax, ay, bx, by, b.score);
    }

    /** The local maximum nearest a predicted lag, with parabolic sub-sample offsets; {x, y, height} or null. */
    private double[] subSamplePeak(double x, double y) {
        int cx = (int) Math.round(x);
        int cy = (int) Math.round(y);
        int bx = cx;
        int by = cy;
        for (int oy = -1; oy <= 1; oy++) {
            for (int ox = -1; ox <= 1; ox++) {
                if (at(cx + ox, cy + oy) > at(bx, by)) {
                    bx = cx + ox;
                    by = cy + oy;
                }
            }
        }
        double c = at(bx, by);
        double l = at(bx - 1, by);
        double r = at(bx + 1, by);
        double u = at(bx, by - 1);
        double d = at(bx, by + 1);
        if (!(c >= l && c >= r && c >= u && c >= d)) {
            return null;
        }
        double fx = l - 2 * c + r == 0 ? 0 : 0.5 * (l - r) / (l - 2 * c + r);
        double fy = u - 2 * c + d == 0 ? 0 : 0.5 * (u - d) / (u - 2 * c + d);
        return new double[] {bx + Math.max(-0.5, Math.min(0.5, fx)), by + Math.max(-0.5, Math.min(0.5, fy)), c};
    }
}
