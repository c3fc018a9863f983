package dev.aigcmark.bench;

import dev.aigcmark.core.MarkIntent;
import dev.aigcmark.core.MarkResult;
import dev.aigcmark.core.Marker;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Metadata-only labelling (the signed implicit label written losslessly; no pixels touched) of a large MP4 and
 * a 12 MP JPEG, file to file, beside copying the same file in the same run: the floor for producing a second
 * file, both plain and as durable as our output (fsync and atomic rename). Target: ≤ 1.5x the copy, with memory flat in file size (the suite runs this with JMH's GC profiler and
 * reports bytes allocated per operation beside the file size).
 */
public class MetadataLabelBenchmark extends FileBenchmark {
    /** jpeg-12mp: the 4032x3024 camera photo; mp4: a stream-copied H.264 file of {@link #mp4Megabytes} MB. */
    @Param({"jpeg-12mp", "mp4"})
    public String input;

    /** Size of the large MP4 (the full profile uses 1024; the quick one less, to stay under five minutes). */
    @Param({"1024"})
    public int mp4Megabytes;

    private Path source;
    private Path target;
    private Marker marker;
    private MarkIntent intent;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        marker = new Marker(workspace("metadata"));
        source = input.equals("mp4") ? BenchInputs.largeMp4(mp4Megabytes) : BenchInputs.photoFile("12mp", "jpeg");
        target = dir.resolve("out" + source.getFileName().toString().substring(source.getFileName().toString().lastIndexOf('.')));
        intent = MarkIntent.builder().explicitLabel(null).watermark(false).build();
        System.out.println("input " + source.getFileName() + ": " + Files.size(source) + " bytes");
    }

    /** Baseline: copy the file (the least any tool that writes a labelled copy must do). */
    @Benchmark
    public Path baselineCopy() throws IOException {
        return Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Baseline with the guarantees our output has ({@code AtomicOutput}): copy to a temporary file beside the
     * target, flush it to the disk, rename it over the target, flush the folder. A plain copy can leave a
     * truncated file behind a crash; most of the difference between the two baselines is the flush.
     */
    @Benchmark
    public Path baselineDurableCopy() throws IOException {
        MetadataLabelTimer.durableCopy(source, target);
        return target;
    }

    /** Ours: scan, sign the label, rewrite the metadata, copy the media data, file to file (durably). */
    @Benchmark
    public MarkResult label() throws IOException {
        return marker.mark(source, target, intent);
    }

    /**
     * Baseline and ours alternated within each invocation, in one fork ({@link Paired}): a durable copy and a label,
     * in turn first, each timed in the CPU time of all Java threads ({@link ThreadsCpu}: a large range is hashed on a
     * helper thread while it is copied, so the calling thread's CPU time would leave the hash out, and the process's
     * counts 10 ms ticks); the suite's ratio is the geometric mean
     * of the per-pair ratios, so load that comes and goes moves both sides alike. This is the label's cost.
     */
    @Benchmark
    public MarkResult labelPaired(Paired p) throws Exception {
        return Alternation.runJavaThreads(p, this::baselineDurableCopy, this::label);
    }

    /**
     * The same pairs with the ratio in wall time (what a user waits for; the target's measure): hashing overlaps the
     * copy on a second core where one is free, so on a loaded machine, where no core is, wall time approaches the
     * CPU time of {@link #labelPaired}. Read it with the load.
     */
    @Benchmark
    public MarkResult labelPairedWall(Paired p) throws Exception {
        return Alternation.runWall(p, this::baselineDurableCopy, this::label);
    }

    /** The same as {@link #label()}, paired in the suite with the plain copy (the literal baseline). */
    @Benchmark
    public MarkResult labelVsPlainCopy() throws IOException {
        return marker.mark(source, target, intent);
    }
}
