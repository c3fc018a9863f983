package dev.aigcmark.bench;

import dev.aigcmark.core.MarkIntent;
import dev.aigcmark.core.Marker;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.Verifier;
import dev.aigcmark.core.report.TrustState;
import dev.aigcmark.core.report.VerificationReport;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Batch verification of the metadata-only formats (plain text, Markdown, PDF, DOCX), as a platform's upload
 * queue or an auditor's folder runs it: many files, all cores. For each format it measures, in the same run and on
 * the same thread pool, a baseline (reading every file whole) and full verification ({@link Verifier#verify}:
 * detection, scan, GB 45438 signature, text marks, cross-checks), and prints files per second for both and
 * their ratio. A program rather than JMH because the unit is a batch over many files, not one call.
 * Library logging is off, as the {@code aigc} CLI runs by default: with java.util.logging's default console handler,
 * PDFBox's warning for every document that uses a standard font it must substitute (the benchmark PDF's Helvetica,
 * on a machine without it) is formatted and written to stderr, about 4 % of a PDF verification
 * ({@code --default-logging} as a third argument keeps java.util.logging's defaults).
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.aigcmark.bench.MetadataBatchBenchmark [FILES_PER_FORMAT] [ROUNDS] [--default-logging]</pre>
 */
public final class MetadataBatchBenchmark {
    private MetadataBatchBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        TimerArgs a = TimerArgs.of(args, 0, "MetadataBatchBenchmark [COUNT] [ROUNDS] [--default-logging]");
        int count = a.number(0, 1000);
        int rounds = a.number(1, 5);
        int threads = Runtime.getRuntime().availableProcessors();
        if (!(args.length > 2 && args[2].equals("--default-logging"))) {
            BenchFiles.libraryLoggingOff();
        }
        Path dir = Files.createTempDirectory("aigc-bench-batch");
        try {
            SdkContext context = BenchFiles.context(dir.resolve("home"));
            Verifier verifier = new Verifier(context);
            System.out.printf(Locale.ROOT, "%d files per format, %d threads, best of %d rounds%n", count, threads, rounds);
            System.out.printf(Locale.ROOT, "%-9s %12s %14s %12s %16s %18s%n", "format", "read/s", "verify/s",
                    "verify/read", "CPU ms/verify", "files/s if idle");
            for (String format : List.of("txt", "md", "pdf", "docx")) {
                List<Path> files = copies(context, dir, format, count);
                ExecutorService pool = Executors.newFixedThreadPool(threads);
                try {
                    check(verifier.verify(files.get(0)), format);
                    double read = best(rounds, pool, files, f -> {
                        try {
                            return Files.readAllBytes(f).length;
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    });
                    double verify = best(rounds, pool, files, f -> verifier.verify(f).marks().size());
                    double cpuMs = cpuMillisPerFile(pool, files, verifier);
                    System.out.printf(Locale.ROOT, "%-9s %12.0f %14.0f %11.1fx %16.2f %18.0f%n", format, read, verify,
                            read / verify, cpuMs, threads * 1000 / cpuMs);
                } finally {
                    pool.shutdownNow();
                }
            }
        } finally {
            BenchFiles.delete(dir);
        }
    }

    /** One marked file of the format, copied {@code count} times (each copy is read and parsed on its own). */
    private static List<Path> copies(SdkContext context, Path dir, String format, int count) throws IOException {
        Path formatDir = Files.createDirectories(dir.resolve(format));
        Path source = BenchFiles.metadataDocument(formatDir, format, "source." + format, 0);
        Path marked = formatDir.resolve("marked." + format);
        new Marker(context).mark(source, marked, MarkIntent.builder().build());
        List<Path> files = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Path copy = formatDir.resolve(String.format(Locale.ROOT, "f%06d.%s", i, format));
            Files.copy(marked, copy);
            files.add(copy);
        }
        return files;
    }

    private static void check(VerificationReport r, String format) {
        if (r.state() != TrustState.VALID) {
            throw new IllegalStateException("the marked " + format + " does not verify: " + r.failureCodes());
        }
    }

    /**
     * CPU time per verification (thread CPU time, summed over the pool): unlike wall time it does not grow when other
     * processes share the cores, so {@code cores * 1000 / cpuMs} is the rate the same cores would reach unshared.
     */
    private static double cpuMillisPerFile(ExecutorService pool, List<Path> files, Verifier verifier) throws Exception {
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        List<Future<Long>> futures = new ArrayList<>(files.size());
        for (Path f : files) {
            futures.add(pool.submit(() -> {
                long start = bean.getCurrentThreadCpuTime();
                verifier.verify(f);
                return bean.getCurrentThreadCpuTime() - start;
            }));
        }
        long total = 0;
        for (Future<Long> f : futures) {
            total += f.get();
        }
        return total / 1e6 / files.size();
    }

    /** Files per second over the whole list, the best of {@code rounds} after one warm-up round. */
    private static double best(int rounds, ExecutorService pool, List<Path> files, Function<Path, Integer> job)
            throws Exception {
        double best = 0;
        for (int r = 0; r <= rounds; r++) {
            long start = System.nanoTime();
            List<Future<Integer>> futures = new ArrayList<>(files.size());
            for (Path f : files) {
                futures.add(pool.submit(() -> job.apply(f)));
            }
            long sink = 0;
            for (Future<Integer> f : futures) {
                sink += f.get();
            }
            double perSecond = files.size() / ((System.nanoTime() - start) / 1e9);
            if (r > 0 && sink >= 0) {
                best = Math.max(best, perSecond);
            }
        }
        return best;
    }
}
