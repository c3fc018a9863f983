package dev.aigcmark.core.report;

import dev.aigcmark.core.mark.C2paManifest;
import dev.aigcmark.core.mark.ImplicitLabel;
import dev.aigcmark.core.mark.Mark;
import dev.aigcmark.core.mark.Watermark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A kind of mark a verifier insists on ({@code aigc verify --require}, the service's {@code require} parameter).
 * A file without an intact mark of that kind fails
 * (exit 1) even when what it does carry is valid: a platform checking uploads for a GB 45438 label must not
 * accept a file that only has a watermark.
 */
public enum Requirement {
    LABEL(ImplicitLabel.class, StatusCodes.REQUIRE_LABEL_MISSING),
    C2PA(C2paManifest.class, StatusCodes.REQUIRE_C2PA_MISSING),
    WATERMARK(Watermark.class, StatusCodes.REQUIRE_WATERMARK_MISSING);

    private final Class<? extends Mark> kind;
    private final StatusCode missingCode;

    Requirement(Class<? extends Mark> kind, StatusCode missingCode) {
        this.kind = kind;
        this.missingCode = missingCode;
    }

    /** The status code a report carries when the mark is missing, e.g. {@code require.label.missing}. */
    public StatusCode missingCode() {
        return missingCode;
    }

    public boolean satisfiedBy(VerificationReport report) {
        return report.findings(kind).stream().anyMatch(f -> f.state() != TrustState.INVALID);
    }

    /** One file's report and its exit code once the requirements are applied. */
    public record Outcome(VerificationReport report, int exitCode) {

        /** The report as {@code aigc verify --json} lists it: with this exit code, so file and batch agree. */
        public Map<String, Object> toMap() {
            return ReportJson.toMap(report, exitCode);
        }
    }

    /**
     * Adds a failure diagnostic for each unmet requirement and raises the exit code to 1 ("failed").
     * Unreadable files keep 4: nothing could be checked, which is a different answer from "checked and missing".
     */
    public static Outcome apply(VerificationReport report, Set<Requirement> required) {
        int code = ExitCodes.forReport(report);
        if (report.unreadable() || required.isEmpty()) {
            return new Outcome(report, code);
        }
        List<Status> unmet = new ArrayList<>();
        for (Requirement r : required) {
            if (!r.satisfiedBy(report)) {
                unmet.add(Status.failure(r.missingCode(), "no intact " + r.name().toLowerCase(Locale.ROOT)
                        + " mark, and one is required"));
            }
        }
        if (unmet.isEmpty()) {
            return new Outcome(report, code);
        }
        VerificationReport.Builder b = VerificationReport.builder(report.source()).format(report.format());
        report.marks().forEach(b::mark);
        report.crossChecks().forEach(b::crossCheck);
        report.diagnostics().forEach(b::diagnostic);
        unmet.forEach(b::diagnostic);
        return new Outcome(b.build(), ExitCodes.worst(List.of(code, ExitCodes.FAILED)));
    }
}
