package dev.aigcmark.image.watermark;

import dev.aigcmark.core.identity.WatermarkKey;
import dev.aigcmark.core.watermark.PayloadCode;
import dev.aigcmark.core.watermark.WatermarkPayload;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One whitened plane under detection: folds at candidate scales (cached across keys), sync, decode. */
final class Analysis {
    private static final int T = WatermarkPattern.TILE;
    private static final int A = WatermarkPattern.AREA;
    private static final int CROP = 640;
    private static final int REFINE_CROP = 384;
    private static final int MIN_LAG = 40;
    private static final int MAX_LAG = 256;
    private static final int MAX_CANDIDATES = 8;

    private final float[] plane;
    private final int w;
    private final int h;
    private final Map<String, double[]> folds = new HashMap<>();
    private final Map<double[], double[][]> spectra = new java.util.IdentityHashMap<>();

    Analysis(float[] plane, int w, int h) {
        this.plane = plane;
        this.w = w;
        this.h = h;
    }

    record Sync(double pnr, int dx, int dy) {
    }

    Detection tryScale(double scale, WatermarkPattern pattern, WatermarkKey key, boolean full) {
        double[] f = full ? fold(scale, 0, 0, w, h) : foldCenter(scale);
        Sync s = syncCached(f, pattern);
        float[] soft = pattern.softBits(align(f, s.dx, s.dy));
        if (s.pnr >= LumaDetector.PNR_THRESHOLD) {
            Optional<WatermarkPayload> p = LumaDetector.decode(soft, key);
            if (p.isPresent()) {
                double agree = PayloadCode.agreement(soft, p.get().toBytes());
                double confidence = 0.9 + 0.1 * Math.max(0, Math.min(1, (agree - 0.6) / 0.4));
                return new Detection(true, p, confidence, s.pnr, s.dx, s.dy, scale, soft);
            }
        }
        return Detection.none(s.pnr, s.dx, s.dy, scale, soft);
    }

    /** Best sync PNR within ±0.4 % of a scale on the central crop: a cheap test of an autocorrelation peak. */
    double quickPnr(double scale, WatermarkPattern pattern) {
        double best = 0;
        for (int k = -1; k <= 1; k++) {
            best = Math.max(best, syncCached(foldCenter(scale * (1 + k * 0.004)), pattern).pnr);
        }
        return best;
    }

    /** Searches around a coarse scale on a central crop (cheap), then decodes the whole plane at the best ones. */
    Detection refineAndDecode(double coarse, double period, WatermarkPattern pattern, WatermarkKey key) {
        // a fold stays coherent while the scale error times the extent (in tile px) is under ~0.6 px
        double extent = Math.min(Math.max(w, h), REFINE_CROP) / coarse;
        double range = 0.7 / period;                             // autocorrelation peak error, relative
        double step = 0.3 / extent;
        int n = Math.min(20, (int) Math.ceil(range / step));
        List<double[]> scored = new ArrayList<>();
        for (int k = -n; k <= n; k++) {
            double s = coarse * (1 + k * step);
            scored.add(new double[] {s, syncCached(foldCenter(s, REFINE_CROP), pattern).pnr});
        }
        scored.sort(Comparator.comparingDouble((double[] a) -> -a[1]));
        Detection best = null;
        for (int i = 0; i < Math.min(2, scored.size()); i++) {
            Detection d = tryScale(scored.get(i)[0], pattern, key, true);
            if (d.found()) {
                return d;
            }
            best = best == null || d.pnr() > best.pnr() ? d : best;
        }
        return best;
    }

    private double[] foldCenter(double scale) {
        return foldCenter(scale, CROP);
    }

    private double[] foldCenter(double scale, int crop) {
        int cw = Math.min(w, crop);
        int ch = Math.min(h, crop);
        int x0 = (w - cw) / 2;
        int y0 = (h - ch) / 2;
        return fold(scale, x0, y0, x0 + cw, y0 + ch);
    }

    /**
     * Sums the region onto one tile: pixel x lands in tile cell round(x / scale) mod 128. Returns the cell
     * means with the overall mean removed (empty cells 0).
     */
    double[] fold(double scale, int x0, int y0, int x1, int y1) {
        String id = scale + ":" + x0 + ":" + y0 + ":" + x1 + ":" + y1;
        double[] cached = folds.get(id);
        if (cached != null) {
            return cached;
        }
        int[] ux = new int[x1 - x0];
        for (int x = x0; x < x1; x++) {
            ux[x - x0] = (int) Math.floor(x / scale + 0.5) & (T - 1);
        }
        double[] sum = new double[A];
        int[] count = new int[A];
        for (int y = y0; y < y1; y++) {
            int rowCell = ((int) Math.floor(y / scale + 0.5) & (T - 1)) * T;
            int o = y * w;
            for (int x = x0; x < x1; x++) {
                int cell = rowCell + ux[x - x0];
                sum[cell] += plane[o + x];
                count[cell]++;
            }
        }
        double mean = 0;
        int filled = 0;
        for (int i = 0; i < A; i++) {
            if (count[i] > 0) {
                sum[i] /= count[i];
                mean += sum[i];
                filled++;
            }
        }
        mean /= Math.max(1, filled);
        for (int i = 0; i < A; i++) {
            sum[i] = count[i] > 0 ? sum[i] - mean : 0;
        }
        folds.put(id, sum);
        return sum;
    }

    static Sync sync(double[] folded, WatermarkPattern pattern) {
        return sync(spectrum(folded), pattern);
    }

    /** Sync on a fold of this analysis: the fold's spectrum is computed once and shared by every key. */
    Sync syncCached(double[] folded, WatermarkPattern pattern) {
        return sync(spectra.computeIfAbsent(folded, Analysis::spectrum), pattern);
    }

    static double[][] spectrum(double[] folded) {
        double[] re = folded.clone();
        double[] im = new double[A];
        Fft.transform2d(re, im, T, false);
        return new double[][] {re, im};
    }

    /** Circular cross-correlation with the key's sync template via the fold's (cached) spectrum. */
    static Sync sync(double[][] spectrum, WatermarkPattern pattern) {
        double[] re = new double[A];
        double[] im = new double[A];
        double[] fr = spectrum[0];
        double[] fi = spectrum[1];
        for (int i = 0; i < A; i++) {
            double a = fr[i];
            double b = fi[i];
            re[i] = a * pattern.syncSpecRe[i] - b * pattern.syncSpecIm[i];
            im[i] = a * pattern.syncSpecIm[i] + b * pattern.syncSpecRe[i];
        }
        Fft.transform2d(re, im, T, true);
        int peak = 0;
        double sum = 0;
        double sq = 0;
        for (int i = 0; i < A; i++) {
            double v = re[i];
            sum += v;
            sq += v * v;
            if (v > re[peak]) {
                peak = i;
            }
        }
        double mean = sum / A;
        double sd = Math.sqrt(Math.max(1e-30, sq / A - mean * mean));
        return new Sync((re[peak] - mean) / sd, peak & (T - 1), peak >>> WatermarkPattern.TILE_BITS);
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

    /**
     * Candidate tile periods (in px of this plane) from the summed autocorrelation of rows and columns of
     * the whitened plane: a periodic mark shows as peaks at its period. Strongest local peaks first.
     */
    List<Double> periodCandidates() {
        int seg = Math.min(Math.min(w, h), 768);
        int maxLag = Math.min(MAX_LAG, seg / 2);
        if (maxLag <= MIN_LAG + 8) {
            return List.of();
        }
        int len = Integer.highestOneBit(seg + maxLag - 1) << 1;
        double[] rx = autocorrelation(rowLines(seg), seg, len, maxLag);
        double[] ry = autocorrelation(columnLines(seg), seg, len, maxLag);
        List<double[]> peaks = new ArrayList<>();
        for (int t = MIN_LAG; t <= maxLag; t++) {
            // The mark has the same period across and down; host structure rarely does, so both count.
            double px = Math.max(prominence(rx, t), 0.5 * Math.max(prominence(rx, t - 1), prominence(rx, t + 1)));
            double py = Math.max(prominence(ry, t), 0.5 * Math.max(prominence(ry, t - 1), prominence(ry, t + 1)));
            if (px + py > 0) {
                double[] r = rx;
                double denom = r[t - 1] - 2 * r[t] + r[t + 1] + ry[t - 1] - 2 * ry[t] + ry[t + 1];
                double frac = denom == 0 ? 0 : 0.5 * (r[t - 1] - r[t + 1] + ry[t - 1] - ry[t + 1]) / denom;
                peaks.add(new double[] {t + Math.max(-0.5, Math.min(0.5, frac)), px + py});
            }
        }
        peaks.sort(Comparator.comparingDouble((double[] p) -> -p[1]));
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < Math.min(MAX_CANDIDATES, peaks.size()); i++) {
            out.add(peaks.get(i)[0]);
        }
        return out;
    }

    double[][] debugAutocorrelations() {
        int seg = Math.min(Math.min(w, h), 768);
        int maxLag = Math.min(MAX_LAG, seg / 2);
        int len = Integer.highestOneBit(seg + maxLag - 1) << 1;
        return new double[][] {autocorrelation(rowLines(seg), seg, len, maxLag), autocorrelation(columnLines(seg), seg, len, maxLag)};
    }

    /**
     * Spectral flattening: each bin divided by the mean of its neighbourhood, capped. The mark's periodicity
     * is a comb of many narrow harmonics at multiples of 1/period; periodic host content (textures, text
     * lines) puts huge energy in a few bins. Capping the ratio bounds each bin's say, so the comb wins.
     */
    private static void flatten(double[] power) {
        int len = power.length;
        double[] out = new double[len];
        int half = 6;
        for (int k = 0; k < len; k++) {
            double sum = 0;
            for (int j = -half; j <= half; j++) {
                sum += power[(k + j) & (len - 1)];
            }
            double mean = sum / (2 * half + 1);
            out[k] = mean <= 0 ? 0 : Math.min(power[k] / mean, 4.0) - 1;
        }
        out[0] = 0;
        System.arraycopy(out, 0, power, 0, len);
    }

    /** How far r[t] stands above its shoulders (the mark's peak is sharp), or 0 when t is no local peak. */
    private static double prominence(double[] r, int t) {
        if (t + 1 >= r.length || !(r[t] > r[t - 1] && r[t] >= r[t + 1])) {
            return 0;
        }
        double base = Double.NEGATIVE_INFINITY;
        for (int k = 3; k <= 6; k++) {
            base = Math.max(base, Math.max(r[t - k], r[Math.min(r.length - 1, t + k)]));
        }
        return Math.max(0, r[t] - base);
    }

    private List<int[]> rowLines(int seg) {
        List<int[]> lines = new ArrayList<>(); // {start, step}
        int rowStep = Math.max(1, h / 96);    // ~96 lines each way keeps this to a few ms at 1080p
        for (int y = 0; y < h; y += rowStep) {
            for (int x0 = 0; x0 + seg <= w; x0 += seg) {
                lines.add(new int[] {y * w + x0, 1});
            }
        }
        return lines;
    }

    private List<int[]> columnLines(int seg) {
        List<int[]> lines = new ArrayList<>();
        int colStep = Math.max(1, w / 96);
        for (int x = 0; x < w; x += colStep) {
            for (int y0 = 0; y0 + seg <= h; y0 += seg) {
                lines.add(new int[] {y0 * w + x, w});
            }
        }
        return lines;
    }

    /** Mean autocorrelation of the lines for lags 0..maxLag+8 (two real lines per complex FFT). */
    private double[] autocorrelation(List<int[]> lines, int seg, int len, int maxLag) {
        double[] power = new double[len];
        double[] re = new double[len];
        double[] im = new double[len];
        for (int i = 0; i < lines.size(); i += 2) {
            java.util.Arrays.fill(re, 0);
            java.util.Arrays.fill(im, 0);
            load(lines.get(i), seg, re);
            if (i + 1 < lines.size()) {
                load(lines.get(i + 1), seg, im);
            }
            Fft.transform(re, im, 0, len, 1, false);
            for (int k = 0; k < len; k++) {
                int m = (len - k) & (len - 1);
                power[k] += 0.5 * (re[k] * re[k] + im[k] * im[k] + re[m] * re[m] + im[m] * im[m]);
            }
        }
        flatten(power);
        Fft.transform(power, new double[len], 0, len, 1, true);
        double[] raw = new double[maxLag + 9];
        for (int t = 0; t < raw.length; t++) {
            raw[t] = power[t] / (seg - t);
        }
        // Remove the slow trend (host texture, periodic content with broad peaks): the mark's peak is a few
        // lags wide, so what stands above a ±8-lag moving average is what matters.
        double[] r = new double[raw.length];
        for (int t = 0; t < raw.length; t++) {
            double sum = 0;
            int n = 0;
            for (int k = Math.max(1, t - 8); k <= Math.min(raw.length - 1, t + 8); k++) {
                sum += raw[k];
                n++;
            }
            r[t] = raw[t] - sum / n;
        }
        return r;
    }

    private void load(int[] line, int seg, double[] dst) {
        double mean = 0;
        for (int i = 0; i < seg; i++) {
            mean += plane[line[0] + i * line[1]];
        }
        mean /= seg;
        for (int i = 0; i < seg; i++) {
            dst[i] = plane[line[0] + i * line[1]] - mean;
        }
    }
}
