package dev.aigcmark.core.spi;

import java.io.IOException;

/**
 * A {@link ContentMarker} cannot change the content of this particular file (an animated GIF, a multi-page TIFF)
 * although the format is supported. The {@link dev.aigcmark.core.Marker} then still writes the implicit label and
 * says in its steps that no visible label or watermark was added: a platform must not lose the label of an upload
 * because its pixels could not be marked.
 */
public class ContentNotSupportedException extends IOException {
    public ContentNotSupportedException(String message) {
        super(message);
    }
}
