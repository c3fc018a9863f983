package dev.aigcmark.core.io;

import java.io.IOException;

/**
 * The input cannot be read at all: not the format it claims, truncated before anything useful, or beyond a
 * read limit. Anything short of that is a status in the report, not this exception. Maps to exit code 4.
 */
public class UnreadableInputException extends IOException {
    public UnreadableInputException(String message) {
        super(message);
    }

    public UnreadableInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
