package dev.aigcmark.core.spi;

/**
 * Thrown by a {@link Container} view factory that cannot produce its view (no decoder for the format, damaged
 * content): the reason is kept so codecs can report that the content was not examined instead of silently
 * finding nothing.
 */
public class ViewUnavailableException extends RuntimeException {
    public ViewUnavailableException(String reason) {
        super(reason);
    }

    public ViewUnavailableException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
