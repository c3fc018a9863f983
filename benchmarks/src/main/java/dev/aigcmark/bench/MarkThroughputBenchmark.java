package dev.aigcmark.bench;

import dev.aigcmark.core.MarkIntent;
import dev.aigcmark.core.MarkResult;
import dev.aigcmark.core.Marker;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * What a platform pays per uploaded 1080p JPEG to mark it through {@link Marker#mark(Path, Path, MarkIntent)},
 * file to file: the signed implicit label alone (lossless metadata edit, SM2 signature), or the label plus our
 * invisible watermark (decode, embed, re-encode). No visible label and no C2PA, to isolate the two costs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class MarkThroughputBenchmark {
    @Param({"label", "label+watermark"})
    public String marks;

    private Path dir;
    private Path source;
    private Path target;
    private Marker marker;
    private MarkIntent intent;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("aigc-bench-mark");
        marker = new Marker(BenchFiles.context(dir.resolve("home")));
        source = BenchFiles.image(dir, "photo.jpg", "jpeg", 1920, 1080);
        target = dir.resolve("marked.jpg");
        intent = MarkIntent.builder().explicitLabel(null).watermark(marks.contains("watermark")).build();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        BenchFiles.delete(dir);
    }

    @Benchmark
    public MarkResult mark() throws IOException {
        return marker.mark(source, target, intent);
    }
}
