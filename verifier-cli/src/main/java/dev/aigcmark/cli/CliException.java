package dev.aigcmark.cli;

import dev.aigcmark.core.report.ExitCodes;

/**
 * An expected way for a command to end early: a message for the user (one line on stderr, no stack trace)
 * and the exit code it maps to. Anything else reaching the top is an internal error (70).
 */
final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    CliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** The arguments make no sense together (exit 2), found after picocli's own parsing. */
    static CliException usage(String message) {
        return new CliException(ExitCodes.USAGE, message);
    }

    /** An input (or a key, registry or certificate file) cannot be read or is not a supported format (exit 4). */
    static CliException unreadable(String message, Throwable cause) {
        return new CliException(ExitCodes.UNREADABLE, message, cause);
    }

    int exitCode() {
        return exitCode;
    }
}
