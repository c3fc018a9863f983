package dev.aigcmark.core.report;

import dev.aigcmark.core.label.LabelValue;
import dev.aigcmark.core.mark.Mark;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What verifying one input found: every mark with its findings, cross-checks between marks, diagnostics
 * about the container itself, the overall {@link TrustState} and the GB 45438 label a platform should
 * display. A file that could not be read at all is a report too ({@link #unreadable()}), so a batch goes on.
 */
public final class VerificationReport {

    /** Bumped when the JSON shape changes incompatibly; scripts can check it. */
    public static final int SCHEMA_VERSION = 1;

    private final String source;
    private final String format;
    private final List<MarkFinding> marks;
    private final List<Status> crossChecks;
    private final List<Status> diagnostics;
    private final String unreadableReason;

    private VerificationReport(Builder b) {
        this.source = b.source;
        this.format = b.format;
        this.marks = List.copyOf(b.marks);
        this.crossChecks = List.copyOf(b.crossChecks);
        this.diagnostics = List.copyOf(b.diagnostics);
        this.unreadableReason = b.unreadableReason;
    }

    public static Builder builder(String source) {
        return new Builder(source);
    }

    /** A report for input that could not be read at all (not the format it claims, truncated header...). */
    public static VerificationReport unreadable(String source, String format, String reason) {
        return builder(source).format(format).unreadable(reason).build();
    }

    /** As above, with the status code saying why (e.g. {@code asset.timeout}: the file went over its budget). */
    public static VerificationReport unreadable(String source, String format, StatusCode code, String reason) {
        return builder(source).format(format).unreadable(reason).diagnostic(Status.failure(code, reason)).build();
    }

    public String source() {
        return source;
    }

    /** The container format's id ({@code jpeg}, {@code markdown}...), or null when not recognised. */
    public String format() {
        return format;
    }

    public List<MarkFinding> marks() {
        return marks;
    }

    public List<Status> crossChecks() {
        return crossChecks;
    }

    public List<Status> diagnostics() {
        return diagnostics;
    }

    public boolean unreadable() {
        return unreadableReason != null;
    }

    public Optional<String> unreadableReason() {
        return Optional.ofNullable(unreadableReason);
    }

    /** The findings for one kind of mark. */
    public <T extends Mark> List<MarkFinding> findings(Class<T> kind) {
        return marks.stream().filter(f -> kind.isInstance(f.mark())).toList();
    }

    /**
     * NONE without marks; INVALID when any mark or cross-check failed; TRUSTED when a trusted signed mark
     * vouches for the file and nothing failed; VALID otherwise. One forged mark makes the file INVALID even
     * beside a good one: a verifier that averaged would let a forger hide behind a genuine watermark.
     */
    public TrustState state() {
        if (marks.isEmpty()) {
            return TrustState.NONE;
        }
        boolean failed = marks.stream().anyMatch(m -> m.state() == TrustState.INVALID)
                || crossChecks.stream().anyMatch(Status::isFailure);
        if (failed) {
            return TrustState.INVALID;
        }
        return marks.stream().anyMatch(m -> m.state() == TrustState.TRUSTED) ? TrustState.TRUSTED : TrustState.VALID;
    }

    /**
     * The Label value a platform should display (Measures Art. 6, see {@link PlatformVerdict#decide}) when the
     * uploader declared nothing; empty when nothing points to AI generation.
     */
    public Optional<LabelValue> effectiveLabel() {
        return PlatformVerdict.decide(this, false).map(PlatformVerdict::label);
    }

    /** Every failure code in the report (marks, cross-checks, diagnostics), in order. */
    public List<StatusCode> failureCodes() {
        List<StatusCode> codes = new ArrayList<>();
        marks.forEach(m -> m.statuses().stream().filter(Status::isFailure).forEach(s -> codes.add(s.code())));
        crossChecks.stream().filter(Status::isFailure).forEach(s -> codes.add(s.code()));
        diagnostics.stream().filter(Status::isFailure).forEach(s -> codes.add(s.code()));
        return codes;
    }

    public static final class Builder {
        private final String source;
        private String format;
        private final List<MarkFinding> marks = new ArrayList<>();
        private final List<Status> crossChecks = new ArrayList<>();
        private final List<Status> diagnostics = new ArrayList<>();
        private String unreadableReason;

        private Builder(String source) {
            this.source = source;
        }

        public Builder format(String format) {
            this.format = format;
            return this;
        }

        public Builder mark(MarkFinding finding) {
            marks.add(finding);
            return this;
        }

        public Builder crossCheck(Status status) {
            crossChecks.add(status);
            return this;
        }

        public Builder diagnostic(Status status) {
            diagnostics.add(status);
            return this;
        }

        public Builder unreadable(String reason) {
            this.unreadableReason = reason;
            return this;
        }

        /** The findings gathered so far, for cross-checks that look at earlier marks. */
        public List<MarkFinding> marks() {
            return List.copyOf(marks);
        }

        public VerificationReport build() {
            return new VerificationReport(this);
        }
    }
}
