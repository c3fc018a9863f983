package dev.aigcmark.core.internal.xml;

import java.io.IOException;

/** XML refused by {@link SafeXml}: not well-formed, a DTD or entity reference, or over a limit. */
public final class XmlException extends IOException {
    private static final long serialVersionUID = 1L;

    public XmlException(String message) {
        super(message);
    }

    public XmlException(String message, Throwable cause) {
        super(message, cause);
    }
}
