package dev.aigcmark.bench;

import dev.aigcmark.bench.ab.AbDriver;
import dev.aigcmark.core.MarkIntent;
import dev.aigcmark.core.Marker;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Metadata-only labelling of one file beside a copy as durable as our output (temporary file, fsync, atomic
 * rename, folder fsync), alternating in the same JVM, in thread CPU time and wall time; then the peak heap used
 * (every pool's peak after a reset before the last round) so "memory flat in file size" can be read by running
 * it on a small and a large file. What JMH's {@code MetadataLabelBenchmark} measures, in a form a profiler can
 * attach to and that reports CPU time (a loaded machine inflates wall time far more).
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.aigcmark.bench.MetadataLabelTimer FILE [N] [ROUNDS]</pre>
 * {@code FILE} may also be {@code mp4:MB} (a stream-copied MP4 of that many MB, made with ffmpeg) or
 * {@code jpeg-12mp} (the 12 MP camera photo the benchmark uses).
 */
public final class MetadataLabelTimer {
    private MetadataLabelTimer() {
    }

    public static void main(String[] args) throws Exception {
        TimerArgs a = TimerArgs.of(args, 1, "MetadataLabelTimer FILE|mp4:MB|jpeg-12mp [N] [ROUNDS]");
        int n = a.number(1, 5);
        int rounds = a.number(2, 3);
        Path dir = Files.createTempDirectory("aigc-label-timer");
        try {
            Path source = input(args[0], dir);
            String name = source.getFileName().toString();
            Path target = dir.resolve("out" + name.substring(name.lastIndexOf('.')));
            Marker marker = new Marker(BenchFiles.context(dir.resolve("home")));
            MarkIntent intent = MarkIntent.builder().explicitLabel(null).watermark(false).build();
            System.out.printf(Locale.ROOT, "input %s: %d bytes%n", name, Files.size(source));
            marker.mark(source, target, intent);
            for (int round = 0; round < rounds; round++) {
                if (round == rounds - 1) {
                    System.gc();
                    ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
                }
                PairedRound.run("durable copy", () -> durableCopy(source, target), "label",
                        () -> marker.mark(source, target, intent), n);
            }
            long peak = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    peak += pool.getPeakUsage().getUsed();
                }
            }
            System.out.printf(Locale.ROOT, "peak heap in the last round (copies and labels): %.1f MB%n", peak / 1e6);
        } finally {
            BenchFiles.delete(dir);
        }
    }

    private static Path input(String spec, Path dir) throws IOException {
        if (spec.startsWith("mp4:")) {
            return BenchInputs.largeMp4(Integer.parseInt(spec.substring(4)));
        }
        if (spec.equals("jpeg-12mp")) {
            return BenchInputs.photoFile("12mp", "jpeg");
        }
        Path copy = dir.resolve("in-" + Path.of(spec).getFileName());
        return Files.copy(Path.of(spec), copy);
    }

    /** The baseline: what {@code MetadataLabelBenchmark.baselineDurableCopy} does. */
    static void durableCopy(Path source, Path target) throws IOException {
        AbDriver.durableCopy(source, target);
    }
}
