package dev.aigcmark.core.internal.ebml;

import java.io.IOException;

/** Malformed EBML (a size past its parent, a bad VINT) or a limit reached ({@link #limitExceeded()}). */
public class EbmlFormatException extends IOException {
    private final boolean limitExceeded;

    public EbmlFormatException(String message) {
        this(message, false);
    }

    public EbmlFormatException(String message, boolean limitExceeded) {
        super(message);
        this.limitExceeded = limitExceeded;
    }

    public boolean limitExceeded() {
        return limitExceeded;
    }
}
