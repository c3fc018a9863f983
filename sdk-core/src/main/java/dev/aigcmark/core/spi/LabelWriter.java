package dev.aigcmark.core.spi;

import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.io.MediaInput;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A handler that can write the implicit label losslessly: content bytes (compressed image data, media
 * samples, text) unchanged, every other piece of metadata kept, exactly one label afterwards (an existing
 * one is replaced in place).
 */
public interface LabelWriter {

    void writeLabel(MediaInput input, OutputStream output, LabelEdit edit, SdkContext context) throws IOException;
}
