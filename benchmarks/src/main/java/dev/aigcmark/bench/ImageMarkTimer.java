package dev.aigcmark.bench;

import dev.aigcmark.core.MarkIntent;
import dev.aigcmark.core.Marker;
import dev.aigcmark.core.SdkContext;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Image marking end to end (visible label, watermark, signed label; file to file) beside its baseline, the marker's own
 * decode + encode of the same file with nothing marked ({@link MarkerCodecBaseline}: the same codec and pixel layout,
 * the original's quality and sampling, the same durable write), and beside ImageIO's default decode + encode at
 * quality 0.90 with a plain write (the baseline until session 18, still printed: it pays ImageIO's B, G, R reordering,
 * which the marker does not). The three run in turn in one JVM, their order reversed every round, in thread CPU time,
 * the CPU time of all Java threads (marking shares pixel passes with a helper thread where another core may be free)
 * and wall time: what {@code ImageMarkBenchmark} compares, in a form that a loaded machine disturbs less and a profiler
 * can attach to. After the rounds it prints the median and range of each ratio over the rounds after the first third
 * (warm-up: C2 and the compiler threads settle).
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
            SdkContext context = BenchFiles.context(dir.resolve("home"));
            Marker marker = new Marker(context);
            MarkIntent intent = MarkIntent.builder().build();
            marker.mark(source, target, intent);
            Map<String, PairedRound.Task> tasks = new LinkedHashMap<>();
            tasks.put("decode+encode", () -> MarkerCodecBaseline.run(source, target, context.limits()));
            tasks.put("ImageIO pair", () -> {
                var pixels = ImageIO.read(source.toFile());
                try (OutputStream out = Files.newOutputStream(target)) {
                    BenchInputs.encode(pixels, format, out);
                }
            });
            tasks.put("mark", () -> marker.mark(source, target, intent));
            List<Map<String, double[]>> measured = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                System.out.print(input + " ");
                measured.add(PairedRound.runAll(tasks, n, round % 2 == 1));
                if (a.text(3, "").equals("parts")) {
                    parts(marker, source, target, n);
                }
            }
            summary(input, measured.subList(rounds / 3, rounds));
        } finally {
            BenchFiles.delete(dir);
        }
    }

    /** Median (range) of mark / baseline and mark / ImageIO pair over {@code rounds}, in thread and all threads' CPU. */
    private static void summary(String input, List<Map<String, double[]>> rounds) {
        StringBuilder line = new StringBuilder(input + ", the last " + rounds.size() + " rounds, median (range):");
        for (int cpu = 0; cpu < 2; cpu++) {
            line.append(cpu == 0 ? " thread CPU" : " | all threads' CPU");
            for (String base : List.of("decode+encode", "ImageIO pair")) {
                double[] r = new double[rounds.size()];
                for (int i = 0; i < r.length; i++) {
                    r[i] = rounds.get(i).get("mark")[cpu] / rounds.get(i).get(base)[cpu];
                }
                Arrays.sort(r);
                line.append(String.format(Locale.ROOT, " mark / %s %.2f (%.2f–%.2f)", base, FfmpegRuns.median(r), r[0],
                        r[r.length - 1]));
            }
        }
        System.out.println(line);
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
