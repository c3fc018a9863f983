package dev.aigcmark.core.spi;

import dev.aigcmark.core.MarkStep;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.io.MediaInput;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * A {@link ContentMarker} whose marking always has something to report (whether the watermark went in, which
 * encoder was used, where a prompt went): it implements {@link #markContentNoting}, and {@link #markContent} is the
 * same edit with the notes dropped. Implementing only one of the two is what keeps them from calling each other.
 */
public interface NotingContentMarker extends ContentMarker {

    @Override
    default void markContent(MediaInput input, OutputStream output, ContentEdit edit, SdkContext context)
            throws IOException {
        markContentNoting(input, output, edit, context);
    }

    @Override
    List<MarkStep> markContentNoting(MediaInput input, OutputStream output, ContentEdit edit, SdkContext context)
            throws IOException;
}
