package dev.aigcmark.bench;

import dev.aigcmark.core.MarkIntent;
import dev.aigcmark.core.Marker;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.Verifier;
import dev.aigcmark.core.spi.MarkCodec;
import dev.aigcmark.image.internal.container.Rasters;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where a still image's verification goes, in one run: per round, ffmpeg's single-threaded decode of the file
 * (process CPU), the verifier's own decode (thread CPU: {@code Rasters.lazy}, the R, G, B decode the detectors read),
 * full verification, and verifiers with only one kind's codec (label, C2PA, our watermark, the SD watermark; each
 * pays format detection and the scan, the pixel ones the decode too), full verification without one kind's codec
 * ({@code all-c2pa}, {@code all-watermark}, {@code all-sd}: "added by" prints what each adds to full verification),
 * all in thread CPU, in an order that rotates round by round. For the marked file (label, visible label, watermark, C2PA, as {@link VerifyAbTimer} marks it) and
 * the unmarked original.
 * <pre>java -XX:+UseSerialGC -cp benchmarks/target/benchmarks.jar dev.aigcmark.bench.VerifyPartsTimer IMAGE [N] [ROUNDS]</pre>
 */
public final class VerifyPartsTimer {
    private VerifyPartsTimer() {
    }

    public static void main(String[] args) throws Exception {
        TimerArgs parsed = TimerArgs.of(args, 1, "VerifyPartsTimer IMAGE [N] [ROUNDS]");
        int n = parsed.number(1, 10);
        int rounds = parsed.number(2, 6);
        Path dir = Files.createTempDirectory("aigc-verify-parts");
        try {
            SdkContext context = BenchFiles.context(dir.resolve("home"));
            Path original = Path.of(args[0]);
            Path marked = dir.resolve("marked-" + original.getFileName());
            new Marker(context).mark(original, marked, MarkIntent.builder().c2pa(true).build());
            Map<String, Verifier> verifiers = new LinkedHashMap<>();
            verifiers.put("all", new Verifier(context));
            for (String kind : new String[] {"label", "c2pa", "watermark", "sd"}) {
                verifiers.put(kind, new Verifier(context.toBuilder().codecs(VerifyKindBenchmark.codecs(context, kind)).build()));
            }
            // leave one out: full verification's cost less this is what the kind adds to it (the watermark detector
            // with the label found first, so the marked file's mark is read at the identity geometry)
            for (String kind : new String[] {"c2pa", "watermark", "sd"}) {
                List<MarkCodec> without = new ArrayList<>(context.codecs());
                without.removeAll(VerifyKindBenchmark.codecs(context, kind));
                verifiers.put("all-" + kind, new Verifier(context.toBuilder().codecs(without).build()));
            }
            for (Path file : new Path[] {marked, original}) {
                byte[] bytes = Files.readAllBytes(file);
                Map<String, RotatingRound.Op> ops = new LinkedHashMap<>();
                ops.put("decode", () -> Rasters.lazy(bytes, context.limits()).get().image());
                verifiers.forEach((kind, v) -> ops.put(kind, () -> v.verify(file)));
                System.out.println((file == marked ? "marked " : "unmarked ") + file.getFileName() + ": "
                        + verifiers.get("all").verify(file).marks().size() + " marks found");
                for (int round = 0; round < rounds; round++) {
                    double ffmpeg = VerifyCpuTimer.ffmpegDecodeMs(file, 20 * n);
                    Map<String, Double> ms = RotatingRound.cpuMs(ops, round, n);
                    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  ffmpeg %.2f ms", ffmpeg));
                    for (String name : ops.keySet()) {
                        line.append(String.format(Locale.ROOT, " | %s %.1f", name, ms.get(name)));
                    }
                    line.append(String.format(Locale.ROOT, " | all/ffmpeg %.2f, decode/ffmpeg %.2f | added by c2pa %.1f,"
                                    + " watermark %.1f, sd %.1f | load %.1f",
                            ms.get("all") / ffmpeg, ms.get("decode") / ffmpeg, ms.get("all") - ms.get("all-c2pa"),
                            ms.get("all") - ms.get("all-watermark"), ms.get("all") - ms.get("all-sd"),
                            ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
                    System.out.println(line);
                }
            }
        } finally {
            BenchFiles.delete(dir);
        }
    }
}
