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
 * <pre>java -XX:+UseSerialGC -cp benchmarks/target/benchmarks.jar dev.aigcmark.bench.VerifyAbTimer FILE BASE_JAR [N] [ROUNDS]</pre>
 */
public final class VerifyAbTimer {
    private VerifyAbTimer() {
    }

    /** One build's verification of one file, and its report as JSON. */
    private interface Build {
        void verify() throws Exception;

        String report() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        TimerArgs parsed = TimerArgs.of(args, 2, "VerifyAbTimer IMAGE BASE_JAR [N] [ROUNDS]");
        int n = parsed.number(2, 10);
        int rounds = parsed.number(3, 6);
        Path dir = Files.createTempDirectory("aigc-verify-ab");
        try (URLClassLoader baseLoader = new URLClassLoader(new URL[] {Path.of(args[1]).toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            Path home = dir.resolve("home");
            SdkContext context = BenchFiles.context(home);
            Path marked = dir.resolve("marked-" + Path.of(args[0]).getFileName());
            new Marker(context).mark(Path.of(args[0]), marked, MarkIntent.builder().c2pa(true).build());
            Build ours = ours(new Verifier(context), marked);
            Build base = base(baseLoader, home, marked);
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
                    first.verify();
                }
                long c1 = mx.getCurrentThreadCpuTime();
                for (int i = 0; i < n; i++) {
                    second.verify();
                }
                long c2 = mx.getCurrentThreadCpuTime();
                double firstMs = (c1 - c0) / 1e6 / n;
                double secondMs = (c2 - c1) / 1e6 / n;
                double baseMs = first == base ? firstMs : secondMs;
                double newMs = first == base ? secondMs : firstMs;
                System.out.printf(Locale.ROOT, "cpu: base %.1f ms, new %.1f ms, new/base %.2f | ffmpeg decode %.2f ms,"
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

    private static Build ours(Verifier verifier, Path file) {
        return new Build() {
            @Override
            public void verify() {
                verifier.verify(file);
            }

            @Override
            public String report() {
                return dev.aigcmark.core.report.ReportJson.toJson(verifier.verify(file));
            }
        };
    }

    /** The other build's verifier, reached by reflection through public API that every build has. */
    private static Build base(ClassLoader loader, Path home, Path file) throws Exception {
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
            return new Build() {
                @Override
                public void verify() throws Exception {
                    verify.invoke(verifier, file);
                }

                @Override
                public String report() throws Exception {
                    return (String) toJson.invoke(null, verify.invoke(verifier, file));
                }
            };
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }
}
