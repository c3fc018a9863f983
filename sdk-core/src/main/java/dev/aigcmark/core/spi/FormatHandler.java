package dev.aigcmark.core.spi;

import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.io.UnreadableInputException;

import java.io.IOException;
import java.util.List;

/**
 * One container format (JPEG, PNG, MP4, Markdown...). Found through {@link java.util.ServiceLoader}, so a
 * new format is a new class and a line in {@code META-INF/services}. A handler knows bytes and structure,
 * never what marks mean: it returns {@link Carrier}s and problems; {@link MarkCodec}s interpret them.
 *
 * <p>Write capabilities are optional interfaces a handler also implements: {@link LabelWriter} (lossless
 * metadata), {@link ContentMarker} (visible label, watermark: changes content), and the C2PA embedding SPI.
 */
public interface FormatHandler {

    /** Stable lower-case id used in reports and the CLI: {@code jpeg}, {@code png}, {@code mp4}, {@code markdown}. */
    String id();

    /** The main media type, e.g. {@code image/jpeg}. */
    String mediaType();

    /** File name extensions, lower case without dot; used only when magic bytes cannot decide (text). */
    List<String> extensions();

    /** How many leading bytes {@link #sniff} wants. */
    default int sniffLength() {
        return 16;
    }

    /**
     * Whether the leading bytes are this format. Binary formats decide by magic bytes alone; text formats
     * may also look at the file name (passed for that purpose only).
     */
    boolean sniff(byte[] head, int length, String fileName);

    /**
     * Higher wins when several handlers accept the same bytes (Markdown before plain text, MP4 before a
     * generic ISO-BMFF reader).
     */
    default int priority() {
        return 0;
    }

    /**
     * Walks the container and returns its carriers, problems and lazy views.
     *
     * @throws UnreadableInputException when the input is not this format at all or is unusable
     */
    Container scan(MediaInput input, SdkContext context) throws IOException;

    /**
     * Where this handler reads the GB 45438 label, the standard place first, then the tolerated ones (for
     * {@code aigc formats} and the docs; the scan itself marks each carrier found).
     */
    default List<LabelCarrierSpec> labelCarriers() {
        return List.of();
    }
}
