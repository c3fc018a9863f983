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

    /**
     * Signs the label once the content digest is known: the write side's signing step, handed to
     * {@link #writeLabel(Container, MediaInput, MediaOutput, Signing, SdkContext)}.
     */
    @FunctionalInterface
    interface Signing {
        /**
         * The label to write, signed and bound to {@code digest} ({@code null} for a format without a content
         * digest, see {@link ContentDigester}). A writer calls it once per file: each call is a use of the signing
         * key (an HSM or KMS request, an audit-log entry).
         */
        LabelEdit label(ContentDigest digest) throws IOException;

        /**
         * The label {@link #label} would return for a digest of the same scheme, its signatures replaced by stand-ins
         * as long as the signing algorithm's longest (72 bytes for SM2 and ECDSA P-256 in DER, 64 for Ed25519), made
         * without the key: once written, never shorter than the signed label. A writer that must fix the label's room
         * before the content is digested (an MP4 whose samples follow {@code moov}) sizes it with this, then signs
         * once. Null (this default) where the signing cannot tell: such a writer digests first, then signs.
         */
        default LabelEdit placeholder(ContentDigest digest) throws IOException {
            return null;
        }
    }

    /**
     * Writes the labelled copy of the file {@code scanned} was read from ({@code input}, still open), binding the
     * label to the content as it is: {@code signing} gets the content digest before any byte that depends on the
     * label is written. A handler that can digest the content while copying it (or already holds the file the scan
     * read) overrides this to read the input once; the output is byte for byte what
     * {@link #writeLabel(MediaInput, MediaOutput, LabelEdit, SdkContext)} writes for the same label, or (where the
     * label goes before the content and the output {@linkplain MediaOutput#canWriteAt can be overwritten}) that layout
     * with room reserved for the label, as padding the format ignores (an MP4's {@code free} box). This default
     * digests first ({@link ContentDigester#contentDigest}) and then writes, reading the content twice.
     */
    default void writeLabel(Container scanned, MediaInput input, MediaOutput output, Signing signing,
                            SdkContext context) throws IOException {
        ContentDigest digest = scanned.handler() instanceof ContentDigester d ? d.contentDigest(scanned) : null;
        writeLabel(input, output, signing.label(digest), context);
    }

    /** {@link #writeLabel(MediaInput, MediaOutput, LabelEdit, SdkContext)} into a stream the caller keeps open. */
    default void writeLabel(MediaInput input, OutputStream output, LabelEdit edit, SdkContext context)
            throws IOException {
        try (MediaOutput out = MediaOutput.of(output)) {
            writeLabel(input, out, edit, context);
        }
    }
}
