package dev.aigcmark.core.spi;

import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.io.MediaOutput;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A handler that can place a C2PA manifest store where its format puts it (JPEG APP11 segments, PNG
 * {@code caBX}, RIFF {@code C2PA}, MP4 {@code uuid} box). The C2PA code builds the store; the handler only
 * places it, so the store's container is known exactly for the hash exclusions.
 */
public interface C2paEmbedding {

    /**
     * Writes input to output with every existing C2PA store removed and {@code store} (a JUMBF manifest store,
     * may be a same-size placeholder) inserted where the format puts it. Returns the range the whole store
     * container (markers, headers, CRC) occupies in the output: these are the c2pa.hash.data exclusions.
     */
    StorePlacement writeStore(MediaInput input, MediaOutput output, byte[] store, SdkContext ctx) throws IOException;

    /** {@link #writeStore(MediaInput, MediaOutput, byte[], SdkContext)} into a stream the caller keeps open. */
    default StorePlacement writeStore(MediaInput input, OutputStream output, byte[] store, SdkContext ctx)
            throws IOException {
        try (MediaOutput out = MediaOutput.of(output)) {
            return writeStore(input, out, store, ctx);
        }
    }

    /** Whether the hard binding is c2pa.hash.data (true) or c2pa.hash.bmff (false). */
    default boolean dataHashBinding() {
        return true;
    }
}
