package dev.aigcmark.cli;

import dev.aigcmark.core.mark.C2paManifest;
import dev.aigcmark.core.mark.ImplicitLabel;
import dev.aigcmark.core.mark.Mark;
import dev.aigcmark.core.mark.Watermark;
import dev.aigcmark.core.report.ExitCodes;
import dev.aigcmark.core.report.Status;
import dev.aigcmark.core.report.StatusCodes;
import dev.aigcmark.core.report.TrustState;
import dev.aigcmark.core.report.VerificationReport;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A kind of mark {@code aigc verify --require} insists on. A file without an intact mark of that kind fails
 * (exit 1) even when what it does carry is valid: a platform checking uploads for a GB 45438 label must not
 * accept a file that only has a watermark.
 */
enum Requirement {
    LABEL(ImplicitLabel.class, StatusCodes.REQUIRE_LABEL_MISSING),
    C2PA(C2paManifest.class, StatusCodes.REQUIRE_C2PA_MISSING),
    WATERMARK(Watermark.class, StatusCodes.REQUIRE_WATERMARK_MISSING);

    private final Class<? extends Mark> kind;
    private final String missingCode;

    Requirement(Class<? extends Mark> kind, String missingCode) {
        this.kind = kind;
        this.missingCode = missingCode;
    }

    /** The status code a report carries when the mark is missing, e.g. {@code require.label.missing}. */
    String missingCode() {
        return missingCode;
    }

    boolean satisfiedBy(VerificationReport report) {
        return report.findings(kind).stream().anyMatch(f -> f.state() != TrustState.INVALID);
    }

    /** One file's report and its exit code once the requirements are applied. */
    record Outcome(VerificationReport report, int exitCode) {
    }

    /**
     * Adds a failure diagnostic for each unmet requirement and raises the exit code to 1 ("failed").
     * Unreadable files keep 4: nothing could be checked, which is a different answer from "checked and missing".
     */
    static Outcome apply(VerificationReport report, Set<Requirement> required) {
        int code = ExitCodes.forReport(report);
        if (report.unreadable() || required.isEmpty()) {
            return new Outcome(report, code);
        }
        List<Status> unmet = new ArrayList<>();
        for (Requirement r : required) {
            if (!r.satisfiedBy(report)) {
                unmet.add(Status.failure(r.missingCode(), "no intact " + r.name().toLowerCase(java.util.Locale.ROOT)
                        + " mark, and --require " + r.name().toLowerCase(java.util.Locale.ROOT) + " was given"));
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
