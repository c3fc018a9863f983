package dev.aigcmark.core.spi;

import dev.aigcmark.core.MarkStep;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.io.MediaInput;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * A handler that can change the content itself: draw or insert the explicit label, embed an invisible mark.
 * Unlike {@link LabelWriter} this re-encodes where the format needs it (keeping quality and metadata).
 */
public interface ContentMarker {

    void markContent(MediaInput input, OutputStream output, ContentEdit edit, SdkContext context) throws IOException;

    /**
     * As {@link #markContent}, returning notes ({@link MarkStep.Kind#NOTE}) for the result's steps that say how
     * the content was processed (e.g. the video backend and encoder, where an audio prompt went); none by default.
     * A {@link MarkStep.Kind#NOT_SUPPORTED} step for {@link MarkStep.Carrier#WATERMARK} says the watermark asked
     * for was left out of this content (e.g. a picture too small to read it back): the rest of the edit was done,
     * and the label and C2PA manifest are then not bound to a watermark.
     */
    default List<MarkStep> markContentNoting(MediaInput input, OutputStream output, ContentEdit edit,
                                             SdkContext context) throws IOException {
        markContent(input, output, edit, context);
        return List.of();
    }
}
