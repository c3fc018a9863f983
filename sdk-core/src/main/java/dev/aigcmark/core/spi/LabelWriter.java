package dev.aigcmark.core.spi;

import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.io.MediaOutput;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A handler that can write the implicit label losslessly: content bytes (compressed image data, media
 * samples, text) unchanged, every other piece of metadata kept, exactly one label afterwards (an existing
 * one is replaced in place).
 */
public interface LabelWriter {

    /**
     * Writes {@code input} with the label to {@code output}: the bytes the edit changes are written, every range
     * it keeps is {@link MediaOutput#copy copied}, so file to file the content (a video's samples) moves in the
     * kernel and memory stays flat in the file's size.
     */
    void writeLabel(MediaInput input, MediaOutput output, LabelEdit edit, SdkContext context) throws IOException;

    /** {@link #writeLabel(MediaInput, MediaOutput, LabelEdit, SdkContext)} into a stream the caller keeps open. */
    default void writeLabel(MediaInput input, OutputStream output, LabelEdit edit, SdkContext context)
            throws IOException {
        try (MediaOutput out = MediaOutput.of(output)) {
            writeLabel(input, out, edit, context);
        }
    }
}
