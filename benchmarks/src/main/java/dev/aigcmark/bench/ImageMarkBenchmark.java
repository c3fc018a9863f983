package dev.aigcmark.bench;

import dev.aigcmark.core.MarkIntent;
import dev.aigcmark.core.MarkResult;
import dev.aigcmark.core.Marker;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.identity.WatermarkKey;
import dev.aigcmark.core.internal.watermark.WatermarkPayload;
import dev.aigcmark.core.label.ExplicitLabelWording;
import dev.aigcmark.core.spi.ContentEdit;
import dev.aigcmark.image.internal.container.ContentPainter;
import dev.aigcmark.image.internal.container.JpegReencoder;
import dev.aigcmark.image.internal.container.JpegStructure;
import dev.aigcmark.image.internal.container.PngReencoder;
import dev.aigcmark.image.internal.container.PngStructure;
import dev.aigcmark.image.internal.container.Rasters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;

/**
 * Image marking end to end, file to file (decode, visible label, watermark, signed label in the metadata,
 * encode at the original's quality) beside what any re-encoding pipeline pays anyway: the marker's own decode and
 * encode of the same file with nothing marked ({@link MarkerCodecBaseline}; until session 18 ImageIO's default pair,
 * which pays a B, G, R reordering the marker does not), file to file, in the same run. Target: mark ≤ 1.05x the
 * baseline.
 * Inputs are real camera photos (../shared/vectors/photos, metadata stripped) at about 1 MP and 12 MP.
 */
public class ImageMarkBenchmark extends FileBenchmark {
    /** Format and size: jpeg or png, 1mp (1024x759) or 12mp (4032x3024). */
    @Param({"jpeg-1mp", "jpeg-12mp", "png-1mp", "png-12mp"})
    public String input;

    private Path source;
    private Path target;
    private String format;
    private Marker marker;
    private MarkIntent intent;
    private SdkContext context;
    private byte[] original;
    private ContentEdit edit;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        context = workspace("imagemark");
        marker = new Marker(context);
        format = input.substring(0, input.indexOf('-'));
        source = BenchInputs.photoFile(input.substring(input.indexOf('-') + 1), format);
        target = dir.resolve("out." + format);
        intent = MarkIntent.builder().build();
        original = Files.readAllBytes(source);
        WatermarkKey key = context.requireIdentity().watermarkKey();
        edit = new ContentEdit(ExplicitLabelWording.DEFAULT, null, WatermarkPayload.of(key, 42).toBytes(), "{}");
    }

    /**
     * Baseline: the marker's own decode + encode of the file with nothing marked ({@link MarkerCodecBaseline}: the same
     * codec, pixel layout, quality and sampling, and the same durable write), file to file.
     */
    @Benchmark
    public long baselineDecodeEncode() throws IOException {
        MarkerCodecBaseline.run(source, target, context.limits());
        return Files.size(target);
    }

    /** Ours: the default marks (signed implicit label, visible label, invisible watermark), file to file. */
    @Benchmark
    public MarkResult mark() throws IOException {
        return marker.mark(source, target, intent);
    }

    /**
     * What decoding straight into the decoder's layout saves (session 10): the pixels marking paints decoded as
     * session 9 did (ImageIO's B, G, R: {@link Rasters#decode}) against the decoder's own R, G, B
     * ({@link Rasters#decodeForPainting}, what marking does now), each then painted (visible label, watermark) and
     * encoded like the original, in memory, alternated in one fork. Both write the same bytes
     * ({@code PaintingLayoutTest}); a PNG decodes the same way on both sides (the ratio is 1 but for noise).
     */
    @Benchmark
    public byte[] paintLayoutPaired(Paired p) throws Exception {
        return Alternation.run(p, () -> painted(Rasters.decode(original, context.limits())),
                () -> painted(Rasters.decodeForPainting(original, context.limits())));
    }

    private byte[] painted(BufferedImage pixels) throws IOException {
        BufferedImage image = ContentPainter.paint(pixels, edit, context).image();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (format.equals("jpeg")) {
            JpegReencoder.write(original, JpegStructure.parse(original, context.limits(), new ArrayList<>()), image, out);
        } else {
            PngReencoder.write(original, PngStructure.parse(original, context.limits(), new ArrayList<>()), image, out);
        }
        return out.toByteArray();
    }

    /**
     * Ours and the baseline alternated within each invocation, in one fork ({@link Paired}), in this thread's CPU
     * time: the suite's ratio is the geometric mean of the per-pair ratios.
     */
    @Benchmark
    public MarkResult markPaired(Paired p) throws Exception {
        return Alternation.run(p, this::baselineDecodeEncode, this::mark);
    }
}
