package dev.aigcmark.image.internal.format;

import dev.aigcmark.core.MarkStep;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.spi.ContentEdit;
import dev.aigcmark.core.spi.ContentMarker;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * A still-image handler that marks content by repainting its pixels ({@link ImageFormatHandler#repaint}): its
 * result always says whether the watermark went in, so {@link #markContentNoting} is the one to implement.
 */
interface RepaintingMarker extends ContentMarker {
    @Override
    default void markContent(MediaInput input, OutputStream output, ContentEdit edit, SdkContext context)
            throws IOException {
        markContentNoting(input, output, edit, context);
    }

    /** Marks the content; returns the step saying the watermark was left out, if it was (else nothing). */
    @Override
    List<MarkStep> markContentNoting(MediaInput input, OutputStream output, ContentEdit edit, SdkContext context)
            throws IOException;
}
