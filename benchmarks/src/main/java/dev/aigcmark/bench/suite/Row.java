package dev.aigcmark.bench.suite;

import java.util.Map;

/**
 * One line of the results: a measured method with its parameters, beside its baseline from the same run.
 *
 * @param allocBytes bytes allocated per operation (GC profiler), NaN when not recorded
 * @param load       the machine's one-minute load average when this benchmark class finished
 */
record Row(String benchmark, String method, Map<String, String> params, int threads, Figure ours, String baselineMethod,
           Figure baseline, double allocBytes, double load) {

    double ratio() {
        return ours.median() / baseline.median();
    }

    /** Error of the ratio from the two relative errors (independent, added in quadrature). */
    double ratioError() {
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
