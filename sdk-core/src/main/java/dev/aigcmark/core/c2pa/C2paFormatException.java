package dev.aigcmark.core.c2pa;

import dev.aigcmark.core.report.StatusCode;

/**
 * A manifest store (or a part of it) is not well-formed: a box runs past its parent, a CBOR item is broken,
 * a limit was exceeded. The validator turns it into a failure status; it never escapes to callers of
 * {@link C2paCodec}.
 */
public class C2paFormatException extends Exception {
    private final StatusCode statusCode;

    public C2paFormatException(StatusCode statusCode, String message) {
        super(message);
        this.statusCode = statusCode;
    }

    public C2paFormatException(StatusCode statusCode, String message, Throwable cause) {
        super(message, cause);
        this.statusCode = statusCode;
    }

    /** The C2PA status code this problem is reported under (e.g. {@code claim.malformed}). */
    public StatusCode statusCode() {
        return statusCode;
    }
}
