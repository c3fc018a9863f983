package dev.aigcmark.bench;

import dev.aigcmark.core.MarkIntent;
import dev.aigcmark.core.Marker;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Image marking end to end (visible label, watermark, signed label; file to file) beside ImageIO decode + encode
 * of the same file at the same quality, alternating in one JVM, in thread CPU time, the CPU time of all Java threads
 * (marking shares pixel passes with a helper thread where another core may be free) and wall time: what
 * {@code ImageMarkBenchmark} compares, in a form that a loaded machine disturbs less and a profiler can attach to.
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.aigcmark.bench.ImageMarkTimer jpeg-12mp|png-1mp|... [N] [ROUNDS] [parts]</pre>
 * With {@code parts}, each round also marks with one mark left out at a time, so the cost of each part is the
 * difference from the full mark: the watermark, the visible label, and the signed label alone (metadata only, no
 * pixels touched); what is left is the decode + encode the marker does itself.
 */
public final class ImageMarkTimer {
    private ImageMarkTimer() {
    }

    public static void main(String[] args) throws IOException {
        TimerArgs a = TimerArgs.of(args, 0, "ImageMarkTimer [jpeg-1mp|jpeg-12mp|png-1mp|png-12mp] [N] [ROUNDS] [parts]");
        String input = a.text(0, "jpeg-1mp");
        int n = a.number(1, 3);
        int rounds = a.number(2, 3);
        Path dir = Files.createTempDirectory("aigc-imagemark-timer");
        try {
            String format = input.substring(0, input.indexOf('-'));
            Path source = BenchInputs.photoFile(input.substring(input.indexOf('-') + 1), format);
            Path target = dir.resolve("out." + format);
            Marker marker = new Marker(BenchFiles.context(dir.resolve("home")));
            MarkIntent intent = MarkIntent.builder().build();
            marker.mark(source, target, intent);
            for (int round = 0; round < rounds; round++) {
                System.out.print(input + " ");
                PairedRound.run("decode+encode", () -> {
                    var pixels = ImageIO.read(source.toFile());
                    try (OutputStream out = Files.newOutputStream(target)) {
                        BenchInputs.encode(pixels, format, out);
                    }
                }, "mark", () -> marker.mark(source, target, intent), n);
                if (a.text(3, "").equals("parts")) {
                    parts(marker, source, target, n);
                }
            }
        } finally {
            BenchFiles.delete(dir);
        }
    }

    /** Thread CPU time per mark with every mark, without the watermark, without the visible label, label only. */
    private static void parts(Marker marker, Path source, Path target, int n) throws IOException {
        Map<String, MarkIntent> variants = new LinkedHashMap<>();
        variants.put("all marks", MarkIntent.builder().build());
        variants.put("no watermark", MarkIntent.builder().watermark(false).build());
        variants.put("no visible label", MarkIntent.builder().explicitLabel(null).build());
        variants.put("signed label only", MarkIntent.builder().explicitLabel(null).watermark(false).build());
        Map<String, Double> ms = new LinkedHashMap<>();
        for (Map.Entry<String, MarkIntent> v : variants.entrySet()) {
            ThreadsCpu c0 = ThreadsCpu.start(); // helper threads' work counts too
            for (int i = 0; i < n; i++) {
                marker.mark(source, target, v.getValue());
            }
            ms.put(v.getKey(), c0.elapsed() / 1e6 / n);
        }
        double all = ms.get("all marks");
        double watermark = all - ms.get("no watermark");
        double visible = all - ms.get("no visible label");
        double label = ms.get("signed label only");
        System.out.printf(Locale.ROOT, "  parts (all threads' cpu ms): all %.1f = watermark %.1f + visible label %.1f + signed label"
                        + " %.1f + the rest (decode, encode, digest of the new pixels) %.1f | %s%n",
                all, watermark, visible, label, all - watermark - visible - label, ms);
    }
}
