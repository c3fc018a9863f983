package dev.aigcmark.bench;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * Two (or more) builds of the detector in one JVM, each in its own class loader, their detections alternated call by
 * call, in thread CPU time: what a before/after comparison needs on a shared machine, where two runs minutes apart
 * see different loads (a whole JMH run's error there is wider than the change). The photo is resized to W×H
 * (bicubic), marked by the first jar, written and decoded as a JPEG (so both read a decoded JPEG's packed bytes, as
 * a verifier does); its unmarked twin goes through the same JPEG round trip. Each round times, per jar, one
 * detection of the marked and one of the unmarked picture, the jars' order rotating; then a copy of the decoded
 * pixels (the baseline: what merely touching the picture costs). Prints medians and quartiles.
 * <pre>java -XX:+UseSerialGC -cp benchmarks/target/benchmarks.jar dev.aigcmark.bench.WatermarkDetectAbTimer JAR1,JAR2 PHOTO W H [ROUNDS]</pre>
 * Each JAR must hold sdk-core and sdk-image (a benchmarks.jar of that build does).
 */
public final class WatermarkDetectAbTimer {
    private WatermarkDetectAbTimer() {
    }

    public static void main(String[] args) throws Exception {
        TimerArgs a = TimerArgs.of(args, 4, "WatermarkDetectAbTimer JAR1,JAR2[,...] PHOTO WIDTH HEIGHT [ROUNDS]");
        String[] jars = args[0].split(",");
        BufferedImage src = ImageIO.read(new File(args[1]));
        int w = a.number(2, 0);
        int h = a.number(3, 0);
        int n = a.number(4, 30);
        BufferedImage photo = BenchInputs.resizedBicubic(src, w, h);
        int k = jars.length;
        Method[] detect = new Method[k];
        Method[] found = new Method[k];
        Object[] keys = new Object[k];
        BufferedImage marked = null;
        BufferedImage unmarked = null;
        for (int i = 0; i < k; i++) {
            ClassLoader cl = new URLClassLoader(new URL[] {new File(jars[i]).toURI().toURL()}, ClassLoader.getPlatformClassLoader());
            Class<?> keyClass = cl.loadClass("dev.aigcmark.core.identity.WatermarkKey");
            keys[i] = keyClass.getConstructor(int.class, byte[].class)
                    .newInstance(0x1234, "benchmark-watermark-key!".getBytes(StandardCharsets.US_ASCII));
            Class<?> watermarker = cl.loadClass("dev.aigcmark.image.internal.watermark.ImageWatermarker");
            detect[i] = watermarker.getMethod("detect", BufferedImage.class, keyClass);
            found[i] = cl.loadClass("dev.aigcmark.image.internal.watermark.Detection").getMethod("found");
            if (i == 0) {
                Class<?> payloads = cl.loadClass("dev.aigcmark.core.internal.watermark.WatermarkPayload");
                Object payload = payloads.getMethod("of", keyClass, long.class).invoke(null, keys[0], 99L);
                byte[] bytes = (byte[]) payloads.getMethod("toBytes").invoke(payload);
                marked = jpegRoundTrip((BufferedImage) watermarker.getMethod("embed", BufferedImage.class, keyClass, byte[].class)
                        .invoke(null, photo, keys[0], bytes));
                unmarked = jpegRoundTrip(photo);
            }
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long[][] timeMarked = new long[k][n];
        long[][] timeUnmarked = new long[k][n];
        long[] copy = new long[n];
        boolean[] allFound = new boolean[k];
        boolean[] anyFalse = new boolean[k];
        Arrays.fill(allFound, true);
        byte[] pixels = ((DataBufferByte) marked.getRaster().getDataBuffer()).getData();
        for (int r = -3; r < n; r++) { // three rounds of warm-up
            for (int j = 0; j < k; j++) {
                int i = Math.floorMod(r + j, k);
                long t0 = mx.getCurrentThreadCpuTime();
                Object dm = detect[i].invoke(null, marked, keys[i]);
                long t1 = mx.getCurrentThreadCpuTime();
                Object du = detect[i].invoke(null, unmarked, keys[i]);
                long t2 = mx.getCurrentThreadCpuTime();
                if (r >= 0) {
                    timeMarked[i][r] = t1 - t0;
                    timeUnmarked[i][r] = t2 - t1;
                    allFound[i] &= (Boolean) found[i].invoke(dm);
                    anyFalse[i] |= (Boolean) found[i].invoke(du);
                }
            }
            long c0 = mx.getCurrentThreadCpuTime();
            byte[] c = pixels.clone();
            long c1 = mx.getCurrentThreadCpuTime();
            if (r >= 0) {
                copy[r] = c1 - c0 + (c.length == 0 ? 1 : 0);
            }
        }
        System.out.printf(Locale.ROOT, "%dx%d, %d alternated rounds, load %.1f; copy of the decoded pixels (baseline) median %.2f ms%n",
                w, h, n, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), quantile(copy, 0.5));
        for (int i = 0; i < k; i++) {
            System.out.printf(Locale.ROOT, "%s: marked median %.1f ms (q1 %.1f, q3 %.1f; found %b) | unmarked median %.1f ms"
                            + " (q1 %.1f, q3 %.1f; found %b)%n", jars[i], quantile(timeMarked[i], 0.5), quantile(timeMarked[i], 0.25),
                    quantile(timeMarked[i], 0.75), allFound[i], quantile(timeUnmarked[i], 0.5), quantile(timeUnmarked[i], 0.25),
                    quantile(timeUnmarked[i], 0.75), anyFalse[i]);
        }
    }

    private static double quantile(long[] v, double p) {
        long[] s = v.clone();
        Arrays.sort(s);
        return s[(int) Math.min(s.length - 1, Math.round(p * (s.length - 1)))] / 1e6;
    }

    private static BufferedImage jpegRoundTrip(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpeg", out);
        return ImageIO.read(new ByteArrayInputStream(out.toByteArray()));
    }
}
