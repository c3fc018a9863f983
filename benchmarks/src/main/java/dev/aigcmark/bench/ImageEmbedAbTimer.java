package dev.aigcmark.bench;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Two builds of the image watermark embedder in one JVM, each in its own class loader, alternated round by round in
 * thread CPU time: the in-place watermark of a decoded JPEG as the marker does it ({@code Rasters.decodeForPainting},
 * the tile prepared beforehand, then {@code ImageWatermarker.embedInPlace}: mask statistics, gains and rows), N times a
 * round on a fresh copy of the pixels. Each round also checks that both builds wrote the same bytes (a speed change
 * must not move a bit: {@code EmbedderPinTest}). Run with {@code -Daigc.image.parallel=false} so the rows stay on the
 * timed thread.
 * <pre>java -XX:+UseSerialGC -Daigc.image.parallel=false -cp benchmarks/target/benchmarks.jar dev.aigcmark.bench.ImageEmbedAbTimer OLD_JAR,NEW_JAR PHOTO.jpg [N] [ROUNDS]</pre>
 * Each JAR must hold sdk-core and sdk-image (a benchmarks.jar of that build does).
 */
public final class ImageEmbedAbTimer {
    private ImageEmbedAbTimer() {
    }

    public static void main(String[] args) throws Exception {
        TimerArgs a = TimerArgs.of(args, 2, "ImageEmbedAbTimer OLD_JAR,NEW_JAR PHOTO.jpg [N] [ROUNDS]");
        String[] jars = args[0].split(",");
        byte[] file = Files.readAllBytes(Path.of(args[1]));
        int n = a.number(2, 20);
        int rounds = a.number(3, 12);
        int k = jars.length;
        Method[] embed = new Method[k];
        Object[] prepared = new Object[k];
        BufferedImage[] images = new BufferedImage[k];
        byte[] original = null;
        for (int i = 0; i < k; i++) {
            ClassLoader cl = new URLClassLoader(new URL[] {new File(jars[i]).toURI().toURL()}, ClassLoader.getPlatformClassLoader());
            Class<?> limits = cl.loadClass("dev.aigcmark.core.ReadLimits");
            images[i] = (BufferedImage) cl.loadClass("dev.aigcmark.image.internal.container.Rasters")
                    .getMethod("decodeForPainting", byte[].class, limits).invoke(null, file, limits.getMethod("defaults").invoke(null));
            Class<?> keyClass = cl.loadClass("dev.aigcmark.core.identity.WatermarkKey");
            Object key = keyClass.getConstructor(int.class, byte[].class)
                    .newInstance(0x1234, "benchmark-watermark-key!".getBytes(StandardCharsets.US_ASCII));
            Class<?> payloads = cl.loadClass("dev.aigcmark.core.internal.watermark.WatermarkPayload");
            byte[] payload = (byte[]) payloads.getMethod("toBytes").invoke(payloads.getMethod("of", keyClass, long.class).invoke(null, key, 99L));
            Class<?> watermarker = cl.loadClass("dev.aigcmark.image.internal.watermark.ImageWatermarker");
            prepared[i] = watermarker.getMethod("prepare", keyClass, byte[].class, int.class, int.class)
                    .invoke(null, key, payload, images[i].getWidth(), images[i].getHeight());
            embed[i] = watermarker.getMethod("embedInPlace", BufferedImage.class, prepared[i].getClass());
            original = pixels(images[i]).clone();
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double[][] ms = new double[k][rounds];
        boolean same = true;
        for (int r = -3; r < rounds; r++) { // three rounds of warm-up
            String[] digests = new String[k];
            for (int j = 0; j < k; j++) {
                int i = Math.floorMod(r + j, k);
                byte[] px = pixels(images[i]);
                long t0 = mx.getCurrentThreadCpuTime();
                for (int c = 0; c < n; c++) {
                    System.arraycopy(original, 0, px, 0, px.length);
                    embed[i].invoke(null, images[i], prepared[i]);
                }
                long t1 = mx.getCurrentThreadCpuTime();
                if (r >= 0) {
                    ms[i][r] = (t1 - t0) / 1e6 / n;
                }
                digests[i] = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(px));
            }
            same &= Arrays.stream(digests).distinct().count() == 1;
            if (r >= 0) {
                System.out.printf(Locale.ROOT, "round %d:%s | new/old %.2f | same bytes %b | load %.1f%n", r,
                        line(ms, r), ms[k - 1][r] / ms[0][r], same, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            }
        }
        double[] ratios = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            ratios[r] = ms[k - 1][r] / ms[0][r];
        }
        Arrays.sort(ratios);
        System.out.printf(Locale.ROOT, "new/old median %.2f (range %.2f-%.2f), every round the same bytes: %b%n",
                ratios[rounds / 2], ratios[0], ratios[rounds - 1], same);
    }

    private static String line(double[][] ms, int r) {
        StringBuilder s = new StringBuilder();
        for (double[] m : ms) {
            s.append(String.format(Locale.ROOT, " %.2f ms", m[r]));
        }
        return s.toString();
    }

    private static byte[] pixels(BufferedImage image) {
        return ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
    }
}
