package dev.aigcmark.core.report;

import java.util.Objects;

/**
 * One status entry: a code from the registry {@link StatusCodes}, the group it is reported in, a message for
 * people and, for C2PA's statuses, where in the manifest store it was found as typed fields (never parsed back
 * out of the message).
 *
 * <p>The group is the code's {@link StatusCode#kind() kind}, except that a failure code may be reported as
 * informational where the problem did not affect the verdict ({@link #tolerated}: trailing bytes after the
 * image data, an EXIF block we could not read). Any other mismatch is a programming error.
 *
 * @param code          the code
 * @param severity      the group it is reported in
 * @param message       for people
 * @param url           the JUMBF URI of the C2PA box the status is about, or null
 * @param ingredientUri the ingredient assertion whose manifest was being validated, or null for the active manifest
 */
public record Status(StatusCode code, Severity severity, String message, String url, String ingredientUri) {

    public Status {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(severity, "severity");
        if (severity != code.kind() && !(code.kind() == Severity.FAILURE && severity == Severity.INFORMATIONAL)) {
            throw new IllegalArgumentException(code + " is a " + code.kind() + " code, not " + severity);
        }
        message = message == null ? "" : message;
    }

    public Status(StatusCode code, Severity severity, String message) {
        this(code, severity, message, null, null);
    }

    /** A status in its code's own group. */
    public static Status of(StatusCode code, String message) {
        return new Status(code, code.kind(), message);
    }

    /** A failure code reported as informational: the problem was found but does not affect the verdict. */
    public static Status tolerated(StatusCode code, String message) {
        return new Status(code, Severity.INFORMATIONAL, message);
    }

    public static Status success(StatusCode code, String message) {
        return new Status(code, Severity.SUCCESS, message);
    }

    public static Status info(StatusCode code, String message) {
        return new Status(code, Severity.INFORMATIONAL, message);
    }

    public static Status failure(StatusCode code, String message) {
        return new Status(code, Severity.FAILURE, message);
    }

    public boolean isFailure() {
        return severity == Severity.FAILURE;
    }

    /** True when this status was found while validating an ingredient's manifest rather than the active one. */
    public boolean aboutIngredient() {
        return ingredientUri != null;
    }
}
