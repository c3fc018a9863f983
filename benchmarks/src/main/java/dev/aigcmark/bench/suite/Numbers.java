package dev.aigcmark.bench.suite;

import java.util.Locale;

final class Numbers {
    private Numbers() {
    }

    /** Three significant digits, without exponent, for tables people read. */
    static String format(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        double a = Math.abs(v);
        String pattern = a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : a >= 0.1 ? "%.3f" : "%.4f";
        return String.format(Locale.ROOT, pattern, v);
    }
}
