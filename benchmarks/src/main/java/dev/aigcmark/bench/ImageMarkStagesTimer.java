package dev.aigcmark.bench;

import dev.aigcmark.core.MarkIntent;
import dev.aigcmark.core.Marker;
import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.identity.WatermarkKey;
import dev.aigcmark.core.internal.watermark.WatermarkPayload;
import dev.aigcmark.core.label.ExplicitLabelWording;
import dev.aigcmark.image.internal.container.JpegReencoder;
import dev.aigcmark.image.internal.container.JpegStructure;
import dev.aigcmark.image.internal.container.Rasters;
import dev.aigcmark.image.internal.label.LabelPlacement;
import dev.aigcmark.image.internal.label.LabelRenderer;
import dev.aigcmark.image.internal.watermark.ImageWatermarker;
import dev.aigcmark.image.internal.watermark.PreparedWatermark;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where a JPEG mark's time goes, stage by stage, beside ImageIO's default decode + encode (the baseline {@link
 * ImageMarkTimer} compared marks with until session 18), in the CPU time of all Java threads (the watermark shares its passes with a helper thread, {@code SecondCore}):
 * the marker's decode (R, G, B), the visible label (drawn on a B, G, R picture, the layout the marker draws on), the
 * watermark's tile drawn for the picture's size, the watermark added in place (mask statistics, gains, rows), the
 * re-encode that keeps the original's quality, sampling and metadata, and the signed label (a real {@code Marker} mark
 * with no pixels touched: scan, digest, signature, XMP, durable write). Each round times N of each stage in turn after
 * three warm-up rounds; it prints medians and ranges of the rounds after them, the stages' sum, and the marks' share
 * beside what the target leaves them: 5 % of the marker's own decode + re-encode, the baseline since session 18
 * ({@link MarkerCodecBaseline}; its durable write is in the signed label's stage here).
 * The watermark goes each time on the decoded pixels, restored by a copy timed on its own and taken off; the label is
 * drawn over the last one (the same cost).
 * <pre>java -XX:+UseSerialGC -cp benchmarks/target/benchmarks.jar dev.aigcmark.bench.ImageMarkStagesTimer [jpeg-1mp|jpeg-12mp] [N] [ROUNDS]</pre>
 */
public final class ImageMarkStagesTimer {
    /** Rounds not counted: C2 and the compiler threads (whose CPU the all-threads figure includes) settle first. */
    private static final int WARM_UP = 3;

    private ImageMarkStagesTimer() {
    }

    private interface Stage {
        void run() throws IOException;
    }

    public static void main(String[] args) throws IOException {
        TimerArgs a = TimerArgs.of(args, 0, "ImageMarkStagesTimer [jpeg-1mp|jpeg-12mp] [N] [ROUNDS]");
        String input = a.text(0, "jpeg-1mp");
        int n = a.number(1, 10);
        int rounds = a.number(2, 8);
        Path source = BenchInputs.photoFile(input.substring(input.indexOf('-') + 1), "jpeg");
        byte[] file = Files.readAllBytes(source);
        ReadLimits limits = ReadLimits.defaults();
        JpegStructure structure = JpegStructure.parse(file, limits, new ArrayList<>());
        BufferedImage painted = Rasters.decodeForPainting(file, limits);
        BufferedImage bgr = ImageIO.read(new ByteArrayInputStream(file));
        int w = painted.getWidth();
        int h = painted.getHeight();
        WatermarkKey key = new WatermarkKey(0x1234, "benchmark-watermark-key!".getBytes(StandardCharsets.US_ASCII));
        byte[] payload = WatermarkPayload.of(key, 99).toBytes();
        PreparedWatermark prepared = ImageWatermarker.prepare(key, payload, w, h);
        Path dir = Files.createTempDirectory("aigc-imagemark-stages");
        try {
            Marker marker = new Marker(BenchFiles.context(dir.resolve("home")));
            MarkIntent labelOnly = MarkIntent.builder().explicitLabel(null).watermark(false).build();
            Path target = dir.resolve("out.jpeg");
            Map<String, Stage> stages = new LinkedHashMap<>();
            stages.put("ImageIO decode+encode", () -> BenchInputs.encode(ImageIO.read(new ByteArrayInputStream(file)),
                    "jpeg", new ByteArrayOutputStream()));
            stages.put("decode (R, G, B)", () -> Rasters.decodeForPainting(file, limits));
            stages.put("visible label", () -> LabelRenderer.draw(bgr, ExplicitLabelWording.DEFAULT, LabelPlacement.DEFAULT));
            stages.put("watermark tile", () -> ImageWatermarker.prepare(key, payload, w, h));
            // Each embed on the decoded pixels, restored first: re-marking marked pixels drifts them towards 0 and 255,
            // where the rows take their slow path (10-11 ms instead of 4 on the 1 MP photo); the copy is timed alone.
            byte[] px = ((DataBufferByte) painted.getRaster().getDataBuffer()).getData();
            byte[] pristine = px.clone();
            stages.put("pixel copy (subtracted)", () -> System.arraycopy(pristine, 0, px, 0, px.length));
            stages.put("watermark in place", () -> {
                System.arraycopy(pristine, 0, px, 0, px.length);
                ImageWatermarker.embedInPlace(painted, prepared);
            });
            stages.put("re-encode", () -> JpegReencoder.write(file, structure, painted, new ByteArrayOutputStream()));
            stages.put("signed label", () -> marker.mark(source, target, labelOnly));
            Map<String, double[]> ms = new LinkedHashMap<>();
            stages.keySet().forEach(s -> ms.put(s, new double[rounds]));
            for (int round = 1 - WARM_UP; round <= rounds; round++) {
                StringBuilder line = new StringBuilder(round <= 0 ? "warm-up:" : "round " + round + ":");
                for (Map.Entry<String, Stage> e : stages.entrySet()) {
                    ThreadsCpu c0 = ThreadsCpu.start();
                    for (int i = 0; i < n; i++) {
                        e.getValue().run();
                    }
                    double v = c0.elapsed() / 1e6 / n;
                    if (round > 0) {
                        ms.get(e.getKey())[round - 1] = v;
                    }
                    line.append(String.format(Locale.ROOT, " %s %.2f |", e.getKey(), v));
                }
                System.out.println(line.append(String.format(Locale.ROOT, " load %.1f",
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage())));
            }
            double[] copy = ms.remove("pixel copy (subtracted)");
            double[] embed = ms.get("watermark in place");
            for (int r = 0; r < rounds; r++) {
                embed[r] -= copy[r];
            }
            System.out.printf(Locale.ROOT, "%s %d×%d, all threads' CPU ms per stage, median (range) of %d rounds of %d"
                    + " (the pixel copy before each watermark, %.2f ms, taken off it):%n", input, w, h, rounds, n,
                    FfmpegRuns.median(copy));
            double sum = 0;
            for (Map.Entry<String, double[]> e : ms.entrySet()) {
                double[] s = e.getValue().clone();
                Arrays.sort(s);
                double median = FfmpegRuns.median(s);
                if (!e.getKey().startsWith("ImageIO")) {
                    sum += median;
                }
                System.out.printf(Locale.ROOT, "  %-24s %6.2f (%.2f–%.2f)%n", e.getKey(), median, s[0], s[s.length - 1]);
            }
            double imageIo = FfmpegRuns.median(ms.get("ImageIO decode+encode"));
            double added = median(ms, "visible label") + median(ms, "watermark tile") + median(ms, "watermark in place")
                    + median(ms, "signed label");
            double own = median(ms, "decode (R, G, B)") + median(ms, "re-encode");
            System.out.printf(Locale.ROOT, "  the stages' sum %.2f ms; the marker's own decode and re-encode %.2f ms "
                    + "(%.2f× ImageIO's pair); label, watermark and signed label %.2f ms, where the target (1.05× the "
                    + "marker's own decode + encode) leaves %.2f ms for them%n", sum, own, own / imageIo, added, 0.05 * own);
        } finally {
            BenchFiles.delete(dir);
        }
    }

    private static double median(Map<String, double[]> ms, String stage) {
        return FfmpegRuns.median(ms.get(stage));
    }
}
