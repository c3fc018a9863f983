package dev.aigcmark.bench;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.internal.io.AtomicOutput;
import dev.aigcmark.core.io.MediaOutput;
import dev.aigcmark.image.internal.container.JpegReencoder;
import dev.aigcmark.image.internal.container.JpegStructure;
import dev.aigcmark.image.internal.container.PngReencoder;
import dev.aigcmark.image.internal.container.PngStructure;
import dev.aigcmark.image.internal.container.Rasters;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;

/**
 * The baseline image marking is held to (issue 15: "decode + encode alone"): what the marker does to a JPEG or PNG
 * when it marks nothing. It reads the file, decodes it with the codec and into the layout the marker paints on
 * ({@link Rasters#decodeForPainting}: a colour JPEG as R, G, B, the decoder's own order), encodes the pixels as the
 * marker re-encodes them ({@link JpegReencoder}: the original's estimated quality, chroma sampling and metadata
 * segments; {@link PngReencoder}) and writes the result as every SDK output is written ({@link AtomicOutput}: a
 * temporary file, fsync, rename, fsync of the folder). So the ratio of a mark to it is the cost of the marks alone.
 * <p>
 * Until session 18 the baseline was ImageIO's defaults ({@code ImageIO.read}, then its writer at quality 0.90, a
 * plain file write). On the 1 MP JPEG that pair costs about 4 ms more than this one (CPU, load 16–21): ImageIO
 * decodes into B, G, R and encodes from it, reordering every pixel's bytes twice (decode 6.7 ms against 4.0, encode
 * 5.6 against 4.3) — work of the default layout, not of the codec — while the durable write costs about 0.9 ms more
 * than a plain one. The old pair flattered marking; it is still timed beside as what a default ImageIO pipeline pays.
 */
final class MarkerCodecBaseline {
    private MarkerCodecBaseline() {
    }

    /** Decodes {@code source} (a JPEG or PNG) and encodes it again into {@code target} as the marker would. */
    static void run(Path source, Path target, ReadLimits limits) throws IOException {
        byte[] file = Files.readAllBytes(source);
        try (AtomicOutput out = AtomicOutput.to(target)) {
            try (MediaOutput os = AtomicOutput.stream(out.temp())) {
                encode(file, limits, os);
            }
            out.commit();
        }
    }

    private static void encode(byte[] file, ReadLimits limits, MediaOutput os) throws IOException {
        if (JpegStructure.sniff(file, file.length)) {
            JpegStructure st = JpegStructure.parse(file, limits, new ArrayList<>());
            BufferedImage pixels = Rasters.decodeForPainting(file, limits);
            JpegReencoder.write(file, st, pixels, os);
        } else {
            PngStructure st = PngStructure.parse(file, limits, new ArrayList<>());
            BufferedImage pixels = Rasters.decodeForPainting(file, limits);
            PngReencoder.write(file, st, pixels, os);
        }
    }
}
