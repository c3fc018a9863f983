package dev.aigcmark.bench.suite;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.util.Statistics;

/**
 * A measured cost: the median of the measurement iterations, with JMH's 99.9 % confidence half-width as
 * its error (NaN with fewer than two iterations), in the benchmark's unit.
 */
record Figure(double median, double error, String unit) {
    static Figure of(RunResult r) {
        Statistics s = r.getPrimaryResult().getStatistics();
        return new Figure(s.getPercentile(50), s.getN() > 1 ? s.getMeanErrorAt(0.999) : Double.NaN,
                r.getPrimaryResult().getScoreUnit());
    }

    /** The median of {@code values} with JMH's 99.9 % confidence half-width of their mean (NaN below two). */
    static Figure of(double[] values, String unit) {
        org.openjdk.jmh.util.ListStatistics s = new org.openjdk.jmh.util.ListStatistics();
        for (double v : values) {
            s.addValue(v);
        }
        return new Figure(s.getPercentile(50), s.getN() > 1 ? s.getMeanErrorAt(0.999) : Double.NaN, unit);
    }

    String format() {
        return Numbers.format(median) + (Double.isNaN(error) ? "" : " ± " + Numbers.format(error)) + " " + unit;
    }
}
