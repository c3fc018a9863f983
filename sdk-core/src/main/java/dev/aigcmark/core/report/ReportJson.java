package dev.aigcmark.core.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The JSON form of reports: deterministic key order, {@code schemaVersion} first. */
public final class ReportJson {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportJson() {
    }

    public static Map<String, Object> toMap(VerificationReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schemaVersion", VerificationReport.SCHEMA_VERSION);
        m.put("file", r.source());
        m.put("format", r.format());
        m.put("state", r.state().name());
        m.put("exitCode", ExitCodes.forReport(r));
        Optional<PlatformVerdict> verdict = PlatformVerdict.decide(r, false);
        m.put("effectiveLabel", verdict.map(v -> v.label().code()).orElse(null));
        m.put("effectivePrompt", verdict.map(v -> prompt(v)).orElse(null));
        r.unreadableReason().ifPresent(reason -> m.put("error", reason));
        List<Object> marks = new ArrayList<>();
        for (MarkFinding f : r.marks()) {
            Map<String, Object> mm = new LinkedHashMap<>();
            mm.put("kind", f.mark().kind());
            mm.put("carrier", f.mark().carrier());
            mm.put("state", f.state().name());
            mm.put("signer", f.signer());
            mm.putAll(f.mark().describe());
            mm.put("status", statuses(f.statuses()));
            marks.add(mm);
        }
        m.put("marks", marks);
        m.put("crossChecks", statuses(r.crossChecks()));
        m.put("diagnostics", statuses(r.diagnostics()));
        return m;
    }

    public static String toJson(VerificationReport r) {
        return write(toMap(r));
    }

    /** Several reports and their summary, as {@code aigc verify --json} prints them. */
    public static String toJson(List<VerificationReport> reports, int exitCode) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schemaVersion", VerificationReport.SCHEMA_VERSION);
        m.put("exitCode", exitCode);
        m.put("summary", summary(reports));
        m.put("reports", reports.stream().map(ReportJson::toMap).toList());
        return write(m);
    }

    /**
     * How many files ended in each state, every state listed in a fixed order, plus UNREADABLE: files that
     * could not be read, and damaged files with no marks (they exit 4, not "checked, nothing found").
     */
    public static Map<String, Integer> summary(List<VerificationReport> reports) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (TrustState s : TrustState.values()) {
            counts.put(s.name(), 0);
        }
        counts.put("UNREADABLE", 0);
        for (VerificationReport r : reports) {
            // A damaged file with no marks exits 4, so it counts as unreadable, not as "checked, nothing found".
            counts.merge(ExitCodes.forReport(r) == ExitCodes.UNREADABLE ? "UNREADABLE" : r.state().name(), 1, Integer::sum);
        }
        return counts;
    }

    /** The verdict's basis and the prompt to display, in both languages. */
    public static Map<String, Object> prompt(PlatformVerdict v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("basis", v.basis().name());
        m.put("zh", v.prompt().zh());
        m.put("en", v.prompt().en());
        return m;
    }

    private static List<Object> statuses(List<Status> list) {
        List<Object> out = new ArrayList<>();
        for (Status s : list) {
            Map<String, Object> sm = new LinkedHashMap<>();
            sm.put("code", s.code());
            sm.put("severity", s.severity().name().toLowerCase(java.util.Locale.ROOT));
            sm.put("message", s.message());
            out.add(sm);
        }
        return out;
    }

    private static String write(Object o) {
        try {
            return MAPPER.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("report is not serialisable", e);
        }
    }
}
