package dev.aigcmark.bench.suite;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One benchmark class of the suite: which of its methods is the baseline for which measured method, the
 * parameter values each profile runs, and the targets the measured figures are judged against.
 *
 * @param benchmark     simple class name in {@code dev.aigcmark.bench}
 * @param baselineOf    measured method → its baseline method in the same class (same parameters, same run)
 * @param quickMethods  the measured methods the quick profile runs (the full profile runs every key of baselineOf)
 * @param quickParams   parameter values for the quick profile (absent: the class's own)
 * @param fullParams    parameter values for the full profile (absent: the class's own)
 * @param targets       the targets that apply, each with the rows it judges
 * @param gcProfile     whether to record bytes allocated per operation (memory flat in file size)
 * @param threads       thread counts to run (1, and all cores where the issue asks for both)
 */
record Comparison(String benchmark, Map<String, String> baselineOf, List<String> quickMethods,
                  Map<String, String[]> quickParams, Map<String, String[]> fullParams, List<Target> targets,
                  boolean gcProfile, List<Integer> threads) {

    /**
     * A target: either a ratio to the baseline ({@code maxRatio}) or an absolute cost in the benchmark's unit
     * ({@code maxScore}); NaN where it does not apply. {@code applies} selects the rows (method + parameters).
     */
    record Target(String text, double maxRatio, double maxScore, Predicate<Row> applies) {
        static Target ratio(String text, double max, Predicate<Row> applies) {
            return new Target(text, max, Double.NaN, applies);
        }

        static Target absolute(String text, double max, Predicate<Row> applies) {
            return new Target(text, Double.NaN, max, applies);
        }

        /** How far the row is from this target: its value divided by the limit (≤ 1 is met). */
        double fraction(Row row) {
            return Double.isNaN(maxRatio) ? row.ours().median() / maxScore : row.ratio() / maxRatio;
        }

        /** Whether the limit lies inside the row's error interval (the figure neither meets nor misses it). */
        boolean undecided(Row row) {
            double value = Double.isNaN(maxRatio) ? row.ours().median() : row.ratio();
            double error = Double.isNaN(maxRatio) ? row.ours().error() : row.ratioError();
            double limit = Double.isNaN(maxRatio) ? maxScore : maxRatio;
            return !Double.isNaN(error) && Math.abs(value - limit) <= error;
        }
    }
}
