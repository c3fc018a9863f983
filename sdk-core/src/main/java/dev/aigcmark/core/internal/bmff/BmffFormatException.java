package dev.aigcmark.core.internal.bmff;

import dev.aigcmark.core.io.UnreadableInputException;

/** The box structure cannot be walked: a size that runs past its parent, a nesting or count limit, a header cut short. */
public final class BmffFormatException extends UnreadableInputException {
    private final boolean limitExceeded;

    public BmffFormatException(String message) {
        this(message, false);
    }

    public BmffFormatException(String message, boolean limitExceeded) {
        super(message);
        this.limitExceeded = limitExceeded;
    }

    /** True when a read limit (depth, count, size) stopped the walk rather than a malformed structure. */
    public boolean limitExceeded() {
        return limitExceeded;
    }
}
