package dev.aigcmark.bench;

import dev.aigcmark.core.MarkIntent;
import dev.aigcmark.core.Marker;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.Verifier;
import dev.aigcmark.core.report.TrustState;
import dev.aigcmark.core.report.VerificationReport;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What one verification of each metadata-only format costs once the JVM is warm: thread CPU time per file on one
 * thread, in one JVM, the formats interleaved round by round, with as many rounds as asked. {@link
 * MetadataBatchBenchmark} times one pass of the pool after a few warm-up passes, and in-process timers favour whatever
 * ran first for the first rounds of a run (the JIT still compiles; session 14 saw 0.65–0.88 between identical builds in
 * rounds 1–6), so the figure to read here is the median of the later half of the rounds, printed last with the
 * rate the same verifications would reach on {@code CORES} unshared cores ({@code CORES × 1000 / CPU ms}).
 * <p>
 * The files are {@link MetadataBatchBenchmark}'s: one marked file per format (label and, where the format takes one,
 * our text mark), verified {@code N} times per round from the same path (the page cache holds it; each verification
 * reads and parses it anew). Library logging is off, as the CLI runs. Each file must verify VALID before timing.
 * <pre>java -XX:+UseSerialGC -cp benchmarks/target/benchmarks.jar dev.aigcmark.bench.MetadataCpuTimer [N] [ROUNDS] [CORES] [FORMAT,...]</pre>
 * Defaults: 200 verifications per format per round, 16 rounds, 2 cores, {@code txt,md,pdf,docx}.
 */
public final class MetadataCpuTimer {
    private MetadataCpuTimer() {
    }

    public static void main(String[] args) throws Exception {
        TimerArgs a = TimerArgs.of(args, 0, "MetadataCpuTimer [N] [ROUNDS] [CORES] [FORMAT,...]");
        int n = a.number(0, 200);
        int rounds = a.number(1, 16);
        int cores = a.number(2, 2);
        List<String> formats = List.of(a.text(3, "txt,md,pdf,docx").split(","));
        BenchFiles.libraryLoggingOff();
        var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Path dir = Files.createTempDirectory("aigc-bench-metacpu");
        try {
            SdkContext context = BenchFiles.context(dir.resolve("home"));
            Verifier verifier = new Verifier(context);
            List<Path> files = new ArrayList<>();
            for (String format : formats) {
                Path formatDir = Files.createDirectories(dir.resolve(format));
                Path source = BenchFiles.metadataDocument(formatDir, format, "source." + format, 0);
                Path marked = formatDir.resolve("marked." + format);
                new Marker(context).mark(source, marked, MarkIntent.builder().build());
                VerificationReport r = verifier.verify(marked);
                if (r.state() != TrustState.VALID) {
                    throw new IllegalStateException("the marked " + format + " does not verify: " + r.failureCodes());
                }
                files.add(marked);
            }
            System.out.printf(Locale.ROOT, "%d verifications per format per round, %d rounds, thread CPU ms per file%n",
                    n, rounds);
            System.out.printf(Locale.ROOT, "%-6s %s%n", "round", String.join(" ", formats.stream()
                    .map(f -> String.format(Locale.ROOT, "%8s", f)).toList()));
            double[][] ms = new double[formats.size()][rounds];
            double[] kb = new double[formats.size()];
            for (int round = 0; round < rounds; round++) {
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-6d", round + 1));
                for (int k = 0; k < formats.size(); k++) {
                    // the order of the formats turns each round, so none is always first after another's work
                    int f = (k + round) % formats.size();
                    Path file = files.get(f);
                    long bytes = bean.getCurrentThreadAllocatedBytes();
                    long start = bean.getCurrentThreadCpuTime();
                    for (int i = 0; i < n; i++) {
                        verifier.verify(file);
                    }
                    ms[f][round] = (bean.getCurrentThreadCpuTime() - start) / 1e6 / n;
                    kb[f] = (bean.getCurrentThreadAllocatedBytes() - bytes) / 1024.0 / n;
                }
                for (int f = 0; f < formats.size(); f++) {
                    line.append(String.format(Locale.ROOT, " %8.3f", ms[f][round]));
                }
                System.out.println(line);
            }
            int from = rounds / 2;
            System.out.printf(Locale.ROOT, "rounds %d-%d, median (min-max) CPU ms per file; allocated KB per file "
                    + "(last round); files/s on %d unshared cores%n", from + 1, rounds, cores);
            for (int f = 0; f < formats.size(); f++) {
                double[] later = Arrays.copyOfRange(ms[f], from, rounds);
                Arrays.sort(later);
                double median = later.length % 2 == 1 ? later[later.length / 2]
                        : (later[later.length / 2 - 1] + later[later.length / 2]) / 2;
                System.out.printf(Locale.ROOT, "%-6s %8.3f (%.3f-%.3f) ms %9.0f KB %8.0f files/s%n", formats.get(f),
                        median, later[0], later[later.length - 1], kb[f], cores * 1000 / median);
            }
        } finally {
            BenchFiles.delete(dir);
        }
    }
}
