package dev.aigcmark.spark;

import org.apache.spark.util.AccumulatorV2;

import java.util.Map;
import java.util.TreeMap;

/** Files per status, counted in the tasks and merged on the driver (each successful task once). */
final class CountAccumulator extends AccumulatorV2<String, Map<String, Long>> {
    private static final long serialVersionUID = 1L;

    private final TreeMap<String, Long> counts = new TreeMap<>();

    @Override
    public boolean isZero() {
        return counts.isEmpty();
    }

    @Override
    public AccumulatorV2<String, Map<String, Long>> copy() {
        CountAccumulator copy = new CountAccumulator();
        copy.counts.putAll(counts);
        return copy;
    }

    @Override
    public void reset() {
        counts.clear();
    }

    @Override
    public void add(String key) {
        counts.merge(key, 1L, Long::sum);
    }

    @Override
    public void merge(AccumulatorV2<String, Map<String, Long>> other) {
        other.value().forEach((k, v) -> counts.merge(k, v, Long::sum));
    }

    @Override
    public Map<String, Long> value() {
        return counts;
    }
}
