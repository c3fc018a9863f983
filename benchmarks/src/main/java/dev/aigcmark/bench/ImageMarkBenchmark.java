package dev.aigcmark.bench;

import dev.aigcmark.core.MarkIntent;
import dev.aigcmark.core.MarkResult;
import dev.aigcmark.core.Marker;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Image marking end to end, file to file (decode, visible label, watermark, signed label in the metadata,
 * encode at the original's quality) beside what any re-encoding pipeline pays anyway: decode and encode the
 * same file with ImageIO at the same quality, file to file, in the same run. Target: mark ≤ 1.05x the baseline.
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

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        marker = new Marker(workspace("imagemark"));
        format = input.substring(0, input.indexOf('-'));
        source = BenchInputs.photoFile(input.substring(input.indexOf('-') + 1), format);
        target = dir.resolve("out." + format);
        intent = MarkIntent.builder().build();
    }

    /** Baseline: decode the file and encode the pixels again (same format and quality), file to file. */
    @Benchmark
    public long baselineDecodeEncode() throws IOException {
        var pixels = ImageIO.read(source.toFile());
        try (OutputStream out = Files.newOutputStream(target)) {
            BenchInputs.encode(pixels, format, out);
        }
        return Files.size(target);
    }

    /** Ours: the default marks (signed implicit label, visible label, invisible watermark), file to file. */
    @Benchmark
    public MarkResult mark() throws IOException {
        return marker.mark(source, target, intent);
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
