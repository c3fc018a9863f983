package dev.aigcmark.core.internal.xmp;

/**
 * An XMP packet that cannot be used: not well-formed, over a read limit, or carrying a DTD. Checked, so a
 * caller decides whether it becomes a report entry (reading) or a refusal to write (marking).
 */
public class XmpException extends Exception {
    public XmpException(String message) {
        super(message);
    }

    public XmpException(String message, Throwable cause) {
        super(message, cause);
    }
}
