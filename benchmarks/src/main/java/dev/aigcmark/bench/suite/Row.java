package dev.aigcmark.bench.suite;

import java.util.Map;

/**
 * One line of the results: a measured method with its parameters, beside its baseline from the same run.
 *
 * @param allocBytes bytes allocated per operation (GC profiler), NaN when not recorded
 * @param load       the machine's one-minute load average when this benchmark class finished
 * @param paired     for a case that alternates baseline and ours within one fork: the ratio as the geometric mean of the
 *                   per-pair ratios with its error; null when the two sides were separate benchmarks
 * @param note       what the case reports beside its figure (a video pipeline's split per stage), or ""
 */
record Row(String benchmark, String method, Map<String, String> params, int threads, Figure ours, String baselineMethod,
           Figure baseline, double allocBytes, double load, Figure paired, String note) {

    Row(String benchmark, String method, Map<String, String> params, int threads, Figure ours, String baselineMethod,
        Figure baseline, double allocBytes, double load) {
        this(benchmark, method, params, threads, ours, baselineMethod, baseline, allocBytes, load, null, "");
    }

    double ratio() {
        return paired != null ? paired.median() : ours.median() / baseline.median();
    }

    /**
     * Error of the ratio: a paired case's own (the spread of its per-pair ratios); otherwise from the two
     * relative errors (independent, added in quadrature).
     */
    double ratioError() {
        if (paired != null) {
            return paired.error();
        }
        double a = ours.error() / ours.median();
        double b = baseline.error() / baseline.median();
        return ratio() * Math.sqrt(a * a + b * b);
    }

    String param(String name) {
        return params.getOrDefault(name, "");
    }

    String caseName() {
        String p = String.join(", ", params.values());
        return p + (threads > 1 ? ", " + threads + " threads" : "");
    }
}
