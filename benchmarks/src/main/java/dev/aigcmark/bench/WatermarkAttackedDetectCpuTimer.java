package dev.aigcmark.bench;

import dev.aigcmark.core.identity.WatermarkKey;
import dev.aigcmark.core.internal.watermark.WatermarkPayload;
import dev.aigcmark.image.internal.watermark.Detection;
import dev.aigcmark.image.internal.watermark.ImageWatermarker;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Watermark detection of marked pictures that the detector cannot read at the nominal lattice (turned, cropped,
 * scaled), so it pays the lattice search, in thread CPU time beside an ImageIO decode of the same JPEG. The photo is
 * resized to 1920×1080 (bicubic) and marked; the attacks are made with Java 2D: turned 3° (bicubic) and cropped to
 * the largest upright rectangle inside, cropped to 40 % of the area at an odd offset, scaled 0.6× (bicubic); each
 * picture, the untouched marked one and the unmarked photo are written as JPEGs (quality {@link BenchInputs#JPEG_QUALITY})
 * and decoded once for detection. Each round, per picture: N decodes of its JPEG, then N detections of its pixels;
 * the first round warms the JIT and is not counted. It checks that every marked picture gives the exact payload and
 * the unmarked one none, and prints per picture the median and range of the counted rounds and the ratio to the
 * decode. (Until session 17 the README's figure for attacked pictures came from a scratch probe of this shape.)
 * <pre>java -XX:+UseSerialGC -cp benchmarks/target/benchmarks.jar dev.aigcmark.bench.WatermarkAttackedDetectCpuTimer PHOTO [N] [ROUNDS]</pre>
 */
public final class WatermarkAttackedDetectCpuTimer {
    private static final int WIDTH = 1920;
    private static final int HEIGHT = 1080;

    private WatermarkAttackedDetectCpuTimer() {
    }

    /** One picture's JPEG and its decoded pixels. */
    private record Picture(byte[] jpeg, BufferedImage pixels, boolean marked) {
        static Picture of(BufferedImage img, boolean marked) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BenchInputs.encode(img, "jpeg", out);
            byte[] jpeg = out.toByteArray();
            return new Picture(jpeg, ImageIO.read(new ByteArrayInputStream(jpeg)), marked);
        }
    }

    public static void main(String[] args) throws IOException {
        TimerArgs a = TimerArgs.of(args, 1, "WatermarkAttackedDetectCpuTimer PHOTO [N] [ROUNDS]");
        int n = a.number(1, 4);
        int rounds = a.number(2, 6);
        if (n < 1 || rounds < 2) { // round 0 is the warm-up: at least one counted round of at least one detection
            System.err.println("usage: WatermarkAttackedDetectCpuTimer PHOTO [N >= 1] [ROUNDS >= 2]");
            System.exit(64);
        }
        BufferedImage photo = BenchInputs.resizedBicubic(ImageIO.read(new File(args[0])), WIDTH, HEIGHT);
        WatermarkKey key = new WatermarkKey(0x1234, "benchmark-watermark-key!".getBytes(StandardCharsets.US_ASCII));
        WatermarkPayload payload = WatermarkPayload.of(key, 99);
        BufferedImage marked = ImageWatermarker.embed(photo, key, payload.toBytes());
        Map<String, Picture> pictures = new LinkedHashMap<>();
        pictures.put("marked", Picture.of(marked, true));
        pictures.put("rotate 3° + crop", Picture.of(turnedAndCropped(marked, 3), true));
        pictures.put("crop 40 %", Picture.of(marked.getSubimage(301, 157, 1216, 684), true));
        pictures.put("scale 0.6×", Picture.of(BenchInputs.resizedBicubic(marked, 1152, 648), true));
        pictures.put("unmarked", Picture.of(photo, false));
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Map<String, double[]> decode = new LinkedHashMap<>();
        Map<String, double[]> detect = new LinkedHashMap<>();
        pictures.keySet().forEach(name -> {
            decode.put(name, new double[rounds - 1]);
            detect.put(name, new double[rounds - 1]);
        });
        boolean allRight = true;
        for (int round = 0; round < rounds; round++) {
            StringBuilder line = new StringBuilder(round == 0 ? "warm-up:" : "round " + round + ":");
            for (Map.Entry<String, Picture> e : pictures.entrySet()) {
                Picture p = e.getValue();
                long c0 = mx.getCurrentThreadCpuTime();
                for (int i = 0; i < n; i++) {
                    ImageIO.read(new ByteArrayInputStream(p.jpeg()));
                }
                long c1 = mx.getCurrentThreadCpuTime();
                boolean right = true;
                for (int i = 0; i < n; i++) {
                    Detection d = ImageWatermarker.detect(p.pixels(), key);
                    right &= p.marked() ? d.payload().map(payload::equals).orElse(false) : !d.found();
                }
                long c2 = mx.getCurrentThreadCpuTime();
                allRight &= right;
                double dec = (c1 - c0) / 1e6 / n;
                double det = (c2 - c1) / 1e6 / n;
                if (round > 0) {
                    decode.get(e.getKey())[round - 1] = dec;
                    detect.get(e.getKey())[round - 1] = det;
                }
                line.append(String.format(Locale.ROOT, " %s %.1f ms (decode %.1f, %s)", e.getKey(), det, dec,
                        right ? (p.marked() ? "exact" : "none") : "WRONG"));
            }
            System.out.println(line.append(String.format(Locale.ROOT, " | load %.1f",
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage())));
        }
        System.out.printf(Locale.ROOT, "thread CPU per picture, median (range) of rounds 1–%d, %d detections a round:%n",
                rounds - 1, n);
        for (Map.Entry<String, Picture> e : pictures.entrySet()) {
            double[] det = detect.get(e.getKey());
            double[] dec = decode.get(e.getKey());
            BufferedImage img = e.getValue().pixels();
            System.out.printf(Locale.ROOT, "  %-17s %4d×%-4d detect %.1f ms (%.1f–%.1f) | JPEG decode %.1f ms (%.1f–%.1f) |"
                            + " %.2f× the decode%n", e.getKey(), img.getWidth(), img.getHeight(), FfmpegRuns.median(det),
                    min(det), max(det), FfmpegRuns.median(dec), min(dec), max(dec),
                    FfmpegRuns.median(det) / FfmpegRuns.median(dec));
        }
        System.out.println(allRight ? "every marked picture gave the exact payload, the unmarked one none"
                : "WRONG: a marked picture was not read exactly, or the unmarked one gave a payload");
        if (!allRight) {
            System.exit(1);
        }
    }

    /** {@code src} turned by {@code degrees} about its centre (bicubic), cropped to the largest upright rectangle inside. */
    private static BufferedImage turnedAndCropped(BufferedImage src, double degrees) {
        int w = src.getWidth();
        int h = src.getHeight();
        BufferedImage turned = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = turned.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.drawImage(src, AffineTransform.getRotateInstance(Math.toRadians(degrees), w / 2.0, h / 2.0), null);
        g.dispose();
        double r = Math.toRadians(degrees);
        double k = 1 / (Math.cos(r) + ((double) w / h) * Math.sin(r));
        int cw = (int) (w * k) & ~1;
        int ch = (int) (h * k) & ~1;
        return turned.getSubimage((w - cw) / 2, (h - ch) / 2, cw, ch);
    }

    private static double min(double[] xs) {
        double m = Double.POSITIVE_INFINITY;
        for (double x : xs) {
            m = Math.min(m, x);
        }
        return m;
    }

    private static double max(double[] xs) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : xs) {
            m = Math.max(m, x);
        }
        return m;
    }
}
