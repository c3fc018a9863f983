package dev.aigcmark.core.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The JSON form of reports: deterministic key order, {@code schemaVersion} first. */
public final class ReportJson {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper LINE_MAPPER = new ObjectMapper();

    private ReportJson() {
    }

    public static Map<String, Object> toMap(VerificationReport r) {
        return toMap(r, ExitCodes.forReport(r));
    }

    /** The report with the exit code a caller settled on (after {@link Requirement}s), as batches list it. */
    public static Map<String, Object> toMap(VerificationReport r, int exitCode) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schemaVersion", VerificationReport.SCHEMA_VERSION);
        m.put("file", r.source());
        m.put("format", r.format());
        m.put("state", r.state().name());
        m.put("exitCode", exitCode);
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
        BatchSummary summary = new BatchSummary();
        reports.forEach(summary::add);
        return write(batchDocument(reports.stream().map(ReportJson::toMap).toList(), summary, exitCode));
    }

    /**
     * The document {@code aigc verify --json} prints and the service's {@code POST /v1/verify} returns:
     * {@code schemaVersion}, the batch's {@code exitCode}, the {@code summary} and the reports (maps from
     * {@link #toMap(VerificationReport, int)}), in their order.
     */
    public static Map<String, Object> batchDocument(List<Map<String, Object>> reports, BatchSummary summary, int exitCode) {
        Map<String, Object> m = batchSummaryRecord(summary, exitCode);
        m.put("reports", reports);
        return m;
    }

    /** The last line of {@code aigc verify --jsonl}: what the document form has besides its reports. */
    public static Map<String, Object> batchSummaryRecord(BatchSummary summary, int exitCode) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schemaVersion", VerificationReport.SCHEMA_VERSION);
        m.put("exitCode", exitCode);
        m.put("summary", summary.toMap());
        return m;
    }

    /** A document (e.g. {@link #batchDocument}) as indented JSON, exactly as {@code aigc verify --json} prints it. */
    public static String toJson(Map<String, Object> document) {
        return write(document);
    }

    /** The batch summary of {@code reports} ({@link BatchSummary#toMap()}). */
    public static Map<String, Object> summary(List<VerificationReport> reports) {
        BatchSummary summary = new BatchSummary();
        reports.forEach(summary::add);
        return summary.toMap();
    }

    /** One report as a single line of JSON (for JSON Lines output: no line breaks inside). */
    public static String toJsonLine(Map<String, Object> report) {
        try {
            return LINE_MAPPER.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("report is not serialisable", e);
        }
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
            sm.put("code", s.code().id());
            sm.put("severity", s.severity().name().toLowerCase(Locale.ROOT));
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
