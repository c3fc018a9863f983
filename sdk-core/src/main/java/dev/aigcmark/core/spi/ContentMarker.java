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

    /**
     * As {@link #markContent}, returning lines for the report's steps that say how the content was processed
     * (e.g. {@code "video: decoded with ffmpeg, re-encoded with libx264 crf 23"}); none by default.
     */
    default java.util.List<String> markContentNoting(MediaInput input, OutputStream output, ContentEdit edit,
                                                     SdkContext context) throws IOException {
        markContent(input, output, edit, context);
        return java.util.List.of();
    }
}
