package dev.aigcmark.core.io;

import java.io.IOException;

/**
 * The output could not be written (no space left, a read-only or missing folder, a target that is a link or a
 * device, the input itself): nothing was written and the input is untouched. Not the input's fault, so it is
 * not an {@link UnreadableInputException}; the CLI exits 73 (sysexits' EX_CANTCREAT).
 */
public final class OutputException extends IOException {
    private static final long serialVersionUID = 1L;

    public OutputException(String message) {
        super(message);
    }

    public OutputException(String message, Throwable cause) {
        super(message, cause);
    }
}
