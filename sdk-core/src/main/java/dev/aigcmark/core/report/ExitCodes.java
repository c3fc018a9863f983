package dev.aigcmark.core.report;

import java.util.Collection;

/**
 * The exit codes of {@code aigc}, computed here by pure functions so the CLI, scripts and tests agree.
 * With several files the worst code wins; "worst" is the order of {@link #severityRank(int)}, not the number.
 */
public final class ExitCodes {
    public static final int VALID = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    public static final int NO_MARKS = 3;
    public static final int UNREADABLE = 4;
    /** An internal error (sysexits' EX_SOFTWARE): a bug, never the input's or the user's doing. */
    public static final int INTERNAL = 70;
    /**
     * The output could not be written (sysexits' EX_CANTCREAT): no space left, a read-only or missing folder, a
     * target that is a link, a device or the input itself. Nothing was written and the input is untouched.
     */
    public static final int OUTPUT = 73;

    private ExitCodes() {
    }

    /**
     * The code for one report: INVALID fails, VALID and TRUSTED pass, NONE is "no marks" — unless the container
     * itself failed to read (a truncated or malformed file, an exceeded limit: an {@code asset.*} failure), in
     * which case the file could not be examined whole and "no marks" would be a claim we cannot make: unreadable.
     */
    public static int forReport(VerificationReport report) {
        if (report.unreadable()) {
            return UNREADABLE;
        }
        return switch (report.state()) {
            case INVALID -> FAILED;
            case NONE -> damaged(report) ? UNREADABLE : NO_MARKS;
            case VALID, TRUSTED -> VALID;
        };
    }

    private static boolean damaged(VerificationReport report) {
        return report.diagnostics().stream().anyMatch(s -> s.isFailure() && s.code().carrier() == StatusCode.Carrier.ASSET);
    }

    /** The worst of several codes (70 > 2 > 73 > 1 > 4 > 3 > 0): an internal error or a failed check dominates. */
    public static int worst(Collection<Integer> codes) {
        int worst = VALID;
        for (int c : codes) {
            if (severityRank(c) > severityRank(worst)) {
                worst = c;
            }
        }
        return worst;
    }

    /**
     * How bad a code is. A failed verification is worse than an unreadable file, which is worse than a file
     * with no marks: a script batch-checking uploads must see a forged label even among unreadable files.
     */
    public static int severityRank(int code) {
        return switch (code) {
            case VALID -> 0;
            case NO_MARKS -> 1;
            case UNREADABLE -> 2;
            case FAILED -> 3;
            case OUTPUT -> 4;
            case USAGE -> 5;
            default -> 6;
        };
    }
}
