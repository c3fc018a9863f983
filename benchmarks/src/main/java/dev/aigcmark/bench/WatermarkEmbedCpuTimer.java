package dev.aigcmark.bench;

import dev.aigcmark.core.identity.WatermarkKey;
import dev.aigcmark.core.internal.watermark.WatermarkPayload;
import dev.aigcmark.image.internal.watermark.EmbedMask;
import dev.aigcmark.image.internal.watermark.LumaWatermarker;
import dev.aigcmark.image.internal.watermark.PreparedWatermark;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * The image watermark's per-frame embed in thread CPU time (far less disturbed by a loaded machine than the wall time
 * {@link WatermarkBenchmark} measures, which at load 20 spans the bar of 0.5 ms per 1080p luma plane in its
 * error), on the JMH benchmark's photo-like plane: each round times N copies of the plane (the JMH baseline, the
 * memory floor), N uniform embeds and N embeds with a texture mask kept across the GOP, one after the other; 9 rounds
 * after a warm-up. Prints each round's mean per plane and the medians.
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.aigcmark.bench.WatermarkEmbedCpuTimer [WIDTH HEIGHT] [N]</pre>
 */
public final class WatermarkEmbedCpuTimer {
    private static final int ROUNDS = 9;

    private WatermarkEmbedCpuTimer() {
    }

    public static void main(String[] args) {
        TimerArgs a = TimerArgs.of(args, 0, "WatermarkEmbedCpuTimer [WIDTH HEIGHT] [N]");
        int width = a.number(0, 1920);
        int height = a.number(1, 1080);
        int n = a.number(2, 200);
        WatermarkKey key = new WatermarkKey(0x1234, "benchmark-watermark-key!".getBytes(StandardCharsets.US_ASCII));
        PreparedWatermark watermark = LumaWatermarker.prepare(key, WatermarkPayload.of(key, 99).toBytes());
        byte[] pristine = WatermarkBenchmark.photoLike(width, height);
        byte[] frame = pristine.clone();
        EmbedMask mask = new EmbedMask();
        mask.update(pristine, width, height, width);
        for (int i = 0; i < 5 * n; i++) { // warm-up: C2 compiles the SWAR loops (the plane is re-marked in place,
            watermark.embed(frame, width, height, width); // saturating adds cost the same)
            watermark.embed(frame, width, height, width, mask);
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double[] copy = new double[ROUNDS];
        double[] uniform = new double[ROUNDS];
        double[] masked = new double[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            long c0 = mx.getCurrentThreadCpuTime();
            for (int i = 0; i < n; i++) {
                System.arraycopy(pristine, 0, frame, 0, frame.length);
            }
            long c1 = mx.getCurrentThreadCpuTime();
            for (int i = 0; i < n; i++) {
                watermark.embed(frame, width, height, width);
            }
            long c2 = mx.getCurrentThreadCpuTime();
            for (int i = 0; i < n; i++) {
                watermark.embed(frame, width, height, width, mask);
            }
            long c3 = mx.getCurrentThreadCpuTime();
            copy[round] = (c1 - c0) / 1e6 / n;
            uniform[round] = (c2 - c1) / 1e6 / n;
            masked[round] = (c3 - c2) / 1e6 / n;
            System.out.printf(Locale.ROOT, "round %d: copy %.3f ms | embed uniform %.3f ms | embed masked %.3f ms per %d×%d "
                    + "plane | load %.1f%n", round + 1, copy[round], uniform[round], masked[round], width, height,
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
        System.out.printf(Locale.ROOT, "median of %d rounds: copy %.3f ms, embed uniform %.3f ms, embed masked %.3f ms per "
                + "%d×%d luma plane (bar 0.5 ms at 1920×1080)%n", ROUNDS, median(copy), median(uniform), median(masked),
                width, height);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
