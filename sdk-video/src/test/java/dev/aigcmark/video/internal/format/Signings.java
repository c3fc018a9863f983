package dev.aigcmark.video.internal.format;

import dev.aigcmark.core.spi.ContentDigest;
import dev.aigcmark.core.spi.LabelEdit;
import dev.aigcmark.core.spi.LabelWriter;

import java.io.IOException;

/**
 * Signings for tests of the MP4 label writers that have a {@linkplain LabelWriter.Signing#placeholder placeholder}
 * (a lambda has none, and the reserving writer then leaves the file to the two-pass writer).
 */
final class Signings {
    private Signings() {
    }

    /** Always {@code edit}, which is also its own placeholder. */
    static LabelWriter.Signing fixed(LabelEdit edit) {
        return of(d -> edit, edit);
    }

    /** {@code label}'s labels, sized by {@code placeholder}. */
    static LabelWriter.Signing of(LabelWriter.Signing label, LabelEdit placeholder) {
        return new LabelWriter.Signing() {
            @Override
            public LabelEdit label(ContentDigest digest) throws IOException {
                return label.label(digest);
            }

            @Override
            public LabelEdit placeholder(ContentDigest digest) {
                return placeholder;
            }
        };
    }
}
