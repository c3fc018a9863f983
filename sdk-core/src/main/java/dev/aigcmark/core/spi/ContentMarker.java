package dev.aigcmark.core.spi;

import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.io.MediaInput;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A handler that can change the content itself: draw or insert the explicit label, embed an invisible mark.
 * Unlike {@link LabelWriter} this re-encodes where the format needs it (keeping quality and metadata).
 */
public interface ContentMarker {

    void markContent(MediaInput input, OutputStream output, ContentEdit edit, SdkContext context) throws IOException;
}
