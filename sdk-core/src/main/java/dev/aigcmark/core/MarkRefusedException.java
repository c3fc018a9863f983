package dev.aigcmark.core;

/**
 * The {@link Marker} will not do what was asked, by rule rather than by failure: replacing another producer's
 * label without {@code relabel} (Measures Art. 10), a provider code that does not validate, an identity without
 * the key a requested mark needs. Callers report it to the user (the CLI exits 1); it is never a bug.
 */
public class MarkRefusedException extends RuntimeException {
    public MarkRefusedException(String message) {
        super(message);
    }

    public MarkRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
