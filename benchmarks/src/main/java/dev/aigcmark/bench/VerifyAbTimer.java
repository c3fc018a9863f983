package dev.aigcmark.bench;

import dev.aigcmark.core.MarkIntent;
import dev.aigcmark.core.Marker;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.Verifier;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@link VerifyCpuTimer} with a baseline build in the same JVM: verification of one file by this jar ("new") and by
 * another build of the benchmarks jar ("base", loaded in its own class loader), alternated round by round and
 * beside ffmpeg decoding the same file, all in thread (ffmpeg: process) CPU time. On a loaded machine two JVMs run
 * minutes apart see different loads; here each round has base, new and ffmpeg within a second or two of each
 * other, so their ratios hold even when the absolute figures drift.
 * <p>
 * Marks {@code FILE} once (label, visible label, watermark, C2PA) with a throw-away development identity that both
 * builds read from the same home, prints both reports' state and whether their JSON is identical (the verdicts
 * must not change), then per round: ffmpeg's decode ({@link VerifyCpuTimer#ffmpegDecodeMs}), {@code N}
 * verifications by each build (which goes first alternates), CPU ms per verification, new / base and each / ffmpeg.
 * <pre>java -XX:+UseSerialGC -cp benchmarks/target/benchmarks.jar dev.aigcmark.bench.VerifyAbTimer FILE BASE_JAR [N] [ROUNDS] [mark]</pre>
 * With {@code mark}, each build marks {@code FILE} (label, visible label, watermark, C2PA; to a file of its own)
 * instead of verifying the marked file: the same alternation for marking.
 */
public final class VerifyAbTimer {
    private VerifyAbTimer() {
    }

    /** One build's verification of one file, and its report as JSON; its marking of the original. */
    private interface Build {
        void verify() throws Exception;

        String report() throws Exception;

        void mark() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        TimerArgs parsed = TimerArgs.of(args, 2, "VerifyAbTimer IMAGE BASE_JAR [N] [ROUNDS] [mark]");
        int n = parsed.number(2, 10);
        int rounds = parsed.number(3, 6);
        boolean marking = "mark".equals(parsed.text(4, ""));
        Path dir = Files.createTempDirectory("aigc-verify-ab");
        try (URLClassLoader baseLoader = new URLClassLoader(new URL[] {Path.of(args[1]).toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            Path home = dir.resolve("home");
            SdkContext context = BenchFiles.context(home);
            Path marked = dir.resolve("marked-" + Path.of(args[0]).getFileName());
            new Marker(context).mark(Path.of(args[0]), marked, MarkIntent.builder().c2pa(true).build());
            Path original = Path.of(args[0]);
            Build ours = ours(context, original, marked, dir.resolve("new-" + marked.getFileName()));
            Build base = base(baseLoader, home, original, marked, dir.resolve("base-" + marked.getFileName()));
            String a = base.report();
            String b = ours.report();
            System.out.println("reports identical: " + a.equals(b) + " (" + state(b) + ")");
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            for (int round = 0; round < rounds; round++) {
                double ffmpeg = VerifyCpuTimer.ffmpegDecodeMs(marked, 20 * n);
                Build first = round % 2 == 0 ? base : ours;
                Build second = round % 2 == 0 ? ours : base;
                long c0 = mx.getCurrentThreadCpuTime();
                for (int i = 0; i < n; i++) {
                    run(first, marking);
                }
                long c1 = mx.getCurrentThreadCpuTime();
                for (int i = 0; i < n; i++) {
                    run(second, marking);
                }
                long c2 = mx.getCurrentThreadCpuTime();
                double firstMs = (c1 - c0) / 1e6 / n;
                double secondMs = (c2 - c1) / 1e6 / n;
                double baseMs = first == base ? firstMs : secondMs;
                double newMs = first == base ? secondMs : firstMs;
                System.out.printf(Locale.ROOT, (marking ? "mark " : "") + "cpu: base %.1f ms, new %.1f ms, new/base %.2f | ffmpeg decode %.2f ms,"
                                + " base/ffmpeg %.1f, new/ffmpeg %.1f | %s first | load %.1f%n",
                        baseMs, newMs, newMs / baseMs, ffmpeg, baseMs / ffmpeg, newMs / ffmpeg,
                        first == base ? "base" : "new", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            }
        } finally {
            BenchFiles.delete(dir);
        }
    }

    private static String state(String json) {
        int i = json.indexOf("\"state\"");
        return i < 0 ? "?" : json.substring(i, Math.min(json.length(), json.indexOf(',', i)));
    }

    private static void run(Build build, boolean marking) throws Exception {
        if (marking) {
            build.mark();
        } else {
            build.verify();
        }
    }

    private static Build ours(SdkContext context, Path original, Path file, Path output) {
        Verifier verifier = new Verifier(context);
        Marker marker = new Marker(context);
        return new Build() {
            @Override
            public void verify() {
                verifier.verify(file);
            }

            @Override
            public String report() {
                return dev.aigcmark.core.report.ReportJson.toJson(verifier.verify(file));
            }

            @Override
            public void mark() throws IOException {
                marker.mark(original, output, MarkIntent.builder().c2pa(true).build());
            }
        };
    }

    /** The other build's verifier, reached by reflection through public API that every build has. */
    private static Build base(ClassLoader loader, Path home, Path original, Path file, Path output) throws Exception {
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(loader);
        try {
            Method context = loader.loadClass("dev.aigcmark.bench.BenchFiles").getDeclaredMethod("context", Path.class);
            context.setAccessible(true);
            Object ctx = context.invoke(null, home);
            Class<?> verifierType = loader.loadClass("dev.aigcmark.core.Verifier");
            Object verifier = verifierType.getConstructor(loader.loadClass("dev.aigcmark.core.SdkContext")).newInstance(ctx);
            Method verify = verifierType.getMethod("verify", Path.class);
            Method toJson = loader.loadClass("dev.aigcmark.core.report.ReportJson")
                    .getMethod("toJson", loader.loadClass("dev.aigcmark.core.report.VerificationReport"));
            Class<?> markerType = loader.loadClass("dev.aigcmark.core.Marker");
            Class<?> intentType = loader.loadClass("dev.aigcmark.core.MarkIntent");
            Object marker = markerType.getConstructor(loader.loadClass("dev.aigcmark.core.SdkContext")).newInstance(ctx);
            Object builder = intentType.getMethod("builder").invoke(null);
            builder.getClass().getMethod("c2pa", boolean.class).invoke(builder, true);
            Object intent = builder.getClass().getMethod("build").invoke(builder);
            Method mark = markerType.getMethod("mark", Path.class, Path.class, intentType);
            return new Build() {
                @Override
                public void verify() throws Exception {
                    verify.invoke(verifier, file);
                }

                @Override
                public String report() throws Exception {
                    return (String) toJson.invoke(null, verify.invoke(verifier, file));
                }

                @Override
                public void mark() throws Exception {
                    mark.invoke(marker, original, output, intent);
                }
            };
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }
}
