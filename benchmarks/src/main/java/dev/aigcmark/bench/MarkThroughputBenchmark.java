package dev.aigcmark.bench;

import dev.aigcmark.core.MarkIntent;
import dev.aigcmark.core.MarkResult;
import dev.aigcmark.core.Marker;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

import java.io.IOException;
import java.nio.file.Path;

/**
 * What a platform pays per uploaded 1080p JPEG to mark it through {@link Marker#mark(Path, Path, MarkIntent)},
 * file to file: the signed implicit label alone (lossless metadata edit, SM2 signature), or the label plus our
 * invisible watermark (decode, embed, re-encode). No visible label and no C2PA, to isolate the two costs.
 */
@Measurement(iterations = 3, time = 3)
public class MarkThroughputBenchmark extends FileBenchmark {
    @Param({"label", "label+watermark"})
    public String marks;

    private Path source;
    private Path target;
    private Marker marker;
    private MarkIntent intent;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        marker = new Marker(workspace("mark"));
        source = BenchFiles.image(dir, "photo.jpg", "jpeg", 1920, 1080);
        target = dir.resolve("marked.jpg");
        intent = MarkIntent.builder().explicitLabel(null).watermark(marks.contains("watermark")).build();
    }

    @Benchmark
    public MarkResult mark() throws IOException {
        return marker.mark(source, target, intent);
    }
}
