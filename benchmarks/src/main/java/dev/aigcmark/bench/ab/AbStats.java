package dev.aigcmark.bench.ab;

import org.apache.commons.math3.distribution.TDistribution;

import java.util.Arrays;
import java.util.Locale;

/**
 * The same-run ratio of two builds from pairs of timings: each pair is one batch of A and one of B run back to back,
 * so the pair's ratio B/A cancels the load both saw; the figure is the geometric mean of the pair ratios (the mean
 * of their logarithms, exponentiated) with a two-sided Student-t interval of that mean, and the median pair ratio.
 *
 * @param n      the number of pairs
 * @param ratio  geometric mean of B/A over the pairs
 * @param low    lower end of the interval of {@code ratio}
 * @param high   upper end
 * @param median the median pair ratio
 * @param level  the interval's confidence, e.g. 0.95
 */
public record AbStats(int n, double ratio, double low, double high, double median, double level) {

    /**
     * The statistics of {@code b[i] / a[i]} (times of the same pair, any unit, all &gt; 0) at confidence {@code level}.
     * With one pair the interval is unknown (NaN).
     */
    public static AbStats of(double[] a, double[] b, double level) {
        if (a.length != b.length || a.length == 0) {
            throw new IllegalArgumentException("need as many A as B times, at least one pair");
        }
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("confidence level must be in (0, 1): " + level);
        }
        int n = a.length;
        double[] logs = new double[n];
        for (int i = 0; i < n; i++) {
            if (!(a[i] > 0 && b[i] > 0)) {
                throw new IllegalArgumentException("times must be > 0: pair " + i + " is " + a[i] + ", " + b[i]);
            }
            logs[i] = Math.log(b[i] / a[i]);
        }
        double mean = Arrays.stream(logs).sum() / n;
        double half = Double.NaN;
        if (n > 1) {
            double ss = 0;
            for (double l : logs) {
                ss += (l - mean) * (l - mean);
            }
            double sd = Math.sqrt(ss / (n - 1));
            half = new TDistribution(n - 1).inverseCumulativeProbability(0.5 + level / 2) * sd / Math.sqrt(n);
        }
        return new AbStats(n, Math.exp(mean), Math.exp(mean - half), Math.exp(mean + half),
                Math.exp(median(logs)), level);
    }

    /** The median of {@code v} (the mean of the middle two for an even count). */
    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int m = s.length / 2;
        return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
    }

    /** Whether the interval lies wholly below 1 (B faster), above 1 (B slower), or holds 1 (no difference shown). */
    public String verdict() {
        if (Double.isNaN(low)) {
            return "one pair: no interval";
        }
        return high < 1 ? "B faster" : low > 1 ? "B slower" : "no difference shown";
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "B/A %.3f (%.0f %% CI %.3f–%.3f, %s), median pair %.3f, %d pairs",
                ratio, level * 100, low, high, verdict(), median, n);
    }
}
