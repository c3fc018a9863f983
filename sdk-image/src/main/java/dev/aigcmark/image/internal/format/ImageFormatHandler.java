package dev.aigcmark.image.internal.format;

import dev.aigcmark.core.MarkStep;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.io.UnreadableInputException;
import dev.aigcmark.core.report.Status;
import dev.aigcmark.core.spi.Container;
import dev.aigcmark.core.spi.ContentEdit;
import dev.aigcmark.core.spi.FormatHandler;
import dev.aigcmark.core.spi.RasterView;
import dev.aigcmark.image.internal.container.ContentPainter;
import dev.aigcmark.image.internal.container.Rasters;

import java.awt.image.BufferedImage;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/** What every still-image handler shares: identity, loading within limits, the lazy raster view. */
abstract class ImageFormatHandler implements FormatHandler {
    private final String id;
    private final String mediaType;
    private final List<String> extensions;

    ImageFormatHandler(String id, String mediaType, String... extensions) {
        this.id = id;
        this.mediaType = mediaType;
        this.extensions = List.of(extensions);
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final String mediaType() {
        return mediaType;
    }

    @Override
    public final List<String> extensions() {
        return extensions;
    }

    /** The whole file: images are edited in memory, up to {@code maxInMemoryBytes}. */
    static byte[] load(MediaInput input, SdkContext ctx) throws IOException {
        return input.readAll(ctx.limits().maxInMemoryBytes());
    }

    /**
     * Adds the problems, the lazy pixel view and what the scan walked (for the content digest), and builds the
     * container. {@code structure} is null when the file's structure could not be read.
     */
    static Container finish(Container.Builder c, List<Status> problems, byte[] file, Object structure, SdkContext ctx) {
        problems.forEach(c::problem);
        c.view(RasterView.class, Rasters.lazy(file, ctx.limits()));
        Scanned scanned = new Scanned(file, structure);
        c.view(Scanned.class, () -> scanned);
        return c.build();
    }

    /** The file and the structure its scan parsed, kept in the container so the digest never parses again. */
    record Scanned(byte[] file, Object structure) {
    }

    /**
     * What the scan of {@code container} walked, with its structure of {@code type}.
     *
     * @throws UnreadableInputException when the scan could not read the structure
     * @throws IllegalArgumentException when the container is not one this kind of handler scanned
     */
    static <S> S structure(Container container, Class<S> type) throws UnreadableInputException {
        Scanned s = container.view(Scanned.class).orElseThrow(() -> new IllegalArgumentException(
                "not a container scanned by an image handler"));
        if (s.structure() == null) {
            throw new UnreadableInputException("the file's structure could not be read");
        }
        return type.cast(s.structure());
    }

    /** The file bytes the scan of {@code container} read. */
    static byte[] file(Container container) {
        return container.view(Scanned.class).orElseThrow(() -> new IllegalArgumentException(
                "not a container scanned by an image handler")).file();
    }

    /** Parses a file's structure for rewriting. */
    @FunctionalInterface
    interface StructureParser<S> {
        S parse(byte[] file) throws IOException;
    }

    /** The EXIF orientation of a parsed file (1 when the format or file has none). */
    @FunctionalInterface
    interface OrientationOf<S> {
        int of(byte[] file, S structure);
    }

    /** Encodes edited pixels into a file shaped like the original. */
    @FunctionalInterface
    interface PixelEncoder<S> {
        void write(byte[] original, S structure, BufferedImage pixels, OutputStream out) throws IOException;
    }

    /**
     * The content-marking flow every re-encoding handler shares: an edit that changes no pixels copies the
     * file unchanged; otherwise decode (within the pixel limit), paint, encode like the original. Returns the
     * step saying the watermark was left out ({@link ContentPainter#paint}), if it was.
     */
    static <S> List<MarkStep> repaint(MediaInput input, OutputStream output, ContentEdit edit, SdkContext ctx,
                                      StructureParser<S> parser, OrientationOf<S> orientation, PixelEncoder<S> encoder)
            throws IOException {
        byte[] b = load(input, ctx);
        if (!ContentPainter.changesPixels(edit)) {
            output.write(b);
            return List.of();
        }
        S structure = parser.parse(b);
        ContentPainter.WatermarkAhead ahead = ContentPainter.watermarkAhead(edit, ctx); // drawn while the pixels decode
        BufferedImage pixels = Rasters.decodeForPainting(b, ctx.limits(), ahead);
        ContentPainter.Painted painted = ContentPainter.paint(pixels, orientation.of(b, structure), edit, ctx, ahead);
        if (edit.explicitLabel() == null && painted.watermarkLeftOut() != null) {
            output.write(b); // the watermark was left out and nothing else changes: the file stays byte for byte
        } else {
            encoder.write(b, structure, painted.image(), output);
        }
        return painted.watermarkLeftOut() == null ? List.of() : List.of(painted.watermarkLeftOut());
    }

    /** Writers refuse a damaged file: copying a broken structure forward would hide the damage. */
    static void requireIntact(boolean complete, List<Status> problems, String format) throws UnreadableInputException {
        if (!complete) {
            throw new UnreadableInputException("refusing to rewrite a damaged " + format + ": "
                    + (problems.isEmpty() ? "structure incomplete" : problems.get(0).message()));
        }
    }
}
