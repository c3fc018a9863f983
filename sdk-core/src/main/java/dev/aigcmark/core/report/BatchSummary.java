package dev.aigcmark.core.report;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Counts over a batch of reports, kept as they stream by (constant memory whatever the batch size): files per
 * final state (NONE, INVALID, VALID, TRUSTED, plus UNREADABLE for files that could not be examined whole), the
 * same per container format, and marks per kind and state. Not thread-safe: feed it from one thread. A batch
 * split over workers (Spark tasks) keeps one summary per worker and {@link #merge merges} them; hence Serializable.
 */
public final class BatchSummary implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final String UNREADABLE = "UNREADABLE";

    private int files;
    private int worstExitCode = ExitCodes.VALID;
    private final Map<String, Integer> states = stateCounts();
    private final Map<String, Map<String, Integer>> byFormat = new TreeMap<>();
    private final Map<String, Map<String, Integer>> byMarkKind = new TreeMap<>();

    public void add(VerificationReport r) {
        files++;
        worstExitCode = ExitCodes.worst(List.of(worstExitCode, ExitCodes.forReport(r)));
        String state = stateOf(r);
        states.merge(state, 1, Integer::sum);
        byFormat.computeIfAbsent(r.format() == null ? "unknown" : r.format(), f -> stateCounts()).merge(state, 1, Integer::sum);
        for (MarkFinding f : r.marks()) {
            byMarkKind.computeIfAbsent(f.mark().kind(), k -> markCounts()).merge(f.state().name(), 1, Integer::sum);
        }
    }

    /** Adds another part of the batch (counted elsewhere) to this one. */
    public void merge(BatchSummary other) {
        files += other.files;
        worstExitCode = ExitCodes.worst(List.of(worstExitCode, other.worstExitCode));
        other.states.forEach((k, v) -> states.merge(k, v, Integer::sum));
        mergeNested(byFormat, other.byFormat, BatchSummary::stateCounts);
        mergeNested(byMarkKind, other.byMarkKind, BatchSummary::markCounts);
    }

    private static void mergeNested(Map<String, Map<String, Integer>> into, Map<String, Map<String, Integer>> from,
                                    Supplier<Map<String, Integer>> empty) {
        from.forEach((key, counts) -> {
            Map<String, Integer> target = into.computeIfAbsent(key, k -> empty.get());
            counts.forEach((k, v) -> target.merge(k, v, Integer::sum));
        });
    }

    /**
     * The batch's exit code as {@code aigc verify} computes it from the reports alone (no {@code --require}): the
     * worst file's, or "no marks" for an empty batch (nothing to vouch for).
     */
    public int exitCode() {
        return files == 0 ? ExitCodes.NO_MARKS : worstExitCode;
    }

    /**
     * The state a report is counted under: its {@link TrustState} name, or UNREADABLE for a file that could not be
     * examined whole (a damaged file with no marks exits 4, so it counts as unreadable, not as "nothing found").
     */
    public static String stateOf(VerificationReport r) {
        return ExitCodes.forReport(r) == ExitCodes.UNREADABLE ? UNREADABLE : r.state().name();
    }

    public int files() {
        return files;
    }

    /** How many files ended in {@code state} (a TrustState name, or UNREADABLE). */
    public int count(String state) {
        return states.getOrDefault(state, 0);
    }

    /**
     * The JSON form: the state counts first (NONE, INVALID, VALID, TRUSTED, UNREADABLE, as before), then
     * {@code files}, {@code byFormat} and {@code byMarkKind}, keys sorted.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>(states);
        m.put("files", files);
        m.put("byFormat", new LinkedHashMap<>(byFormat));
        m.put("byMarkKind", new LinkedHashMap<>(byMarkKind));
        return m;
    }

    private static Map<String, Integer> stateCounts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (TrustState s : TrustState.values()) {
            counts.put(s.name(), 0);
        }
        counts.put(UNREADABLE, 0);
        return counts;
    }

    private static Map<String, Integer> markCounts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (TrustState s : TrustState.values()) {
            if (s != TrustState.NONE) {
                counts.put(s.name(), 0);
            }
        }
        return counts;
    }
}
