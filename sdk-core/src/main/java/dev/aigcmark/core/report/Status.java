package dev.aigcmark.core.report;

import java.util.Objects;

/**
 * One status entry: a dotted code from an open set (C2PA codes verbatim such as
 * {@code claimSignature.validated}; ours under {@code gb45438.*}, {@code sig.*}, {@code wm.*}, {@code sdwm.*},
 * {@code xref.*}, {@code asset.*}), its group, and a message for people.
 */
public record Status(String code, Severity severity, String message) {

    public Status {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(severity, "severity");
        message = message == null ? "" : message;
    }

    public static Status success(String code, String message) {
        return new Status(code, Severity.SUCCESS, message);
    }

    public static Status info(String code, String message) {
        return new Status(code, Severity.INFORMATIONAL, message);
    }

    public static Status failure(String code, String message) {
        return new Status(code, Severity.FAILURE, message);
    }

    public boolean isFailure() {
        return severity == Severity.FAILURE;
    }
}
