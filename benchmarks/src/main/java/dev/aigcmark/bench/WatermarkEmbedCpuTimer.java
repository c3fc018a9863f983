package dev.aigcmark.bench;

import dev.aigcmark.core.identity.WatermarkKey;
import dev.aigcmark.core.internal.watermark.WatermarkPayload;
import dev.aigcmark.image.internal.watermark.EmbedMask;
import dev.aigcmark.image.internal.watermark.LumaWatermarker;
import dev.aigcmark.image.internal.watermark.PreparedWatermark;
import dev.aigcmark.video.internal.frames.FrameMarker;
import dev.aigcmark.video.internal.frames.FrameStream;
import dev.aigcmark.video.internal.frames.PixelFormat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * The image watermark's per-frame embed in thread CPU time (far less disturbed by a loaded machine than the wall time
 * {@link WatermarkBenchmark} measures, which at load 20 spans the bar of 0.5 ms per 1080p luma plane in its
 * error), on the JMH benchmark's photo-like plane: each round times N copies of the plane (the JMH baseline, the
 * memory floor), N uniform embeds, N embeds with one texture mask kept (a frame inside a GOP: the per-pixel deltas
 * gathered for that mask are reused) and N frames marked the way the video pipeline marks them ({@link FrameStream}:
 * the mask recomputed and the deltas gathered again every {@link FrameStream#MASK_REFRESH_FRAMES} frames, so this
 * column is the per-frame cost with the GOP's mask update amortised; N is rounded up to whole GOPs), one after the
 * other; 9 rounds after a warm-up. Prints each round's mean per plane, the medians and the ranges. (Until session 17
 * only the kept-mask column was measured, which left the once-per-GOP update out; review N5 of session 16.)
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
        int gop = FrameStream.MASK_REFRESH_FRAMES;
        int n = (a.number(2, 200) + gop - 1) / gop * gop;
        WatermarkKey key = new WatermarkKey(0x1234, "benchmark-watermark-key!".getBytes(StandardCharsets.US_ASCII));
        PreparedWatermark watermark = LumaWatermarker.prepare(key, WatermarkPayload.of(key, 99).toBytes());
        byte[] pristine = WatermarkBenchmark.photoLike(width, height);
        byte[] frame = pristine.clone();
        EmbedMask mask = new EmbedMask();
        mask.update(pristine, width, height, width);
        // The video path, strength and all: FrameMarker at the video default, one stream (no label: a frame past it).
        FrameStream stream = FrameMarker.builder(key, WatermarkPayload.of(key, 99)).build().newStream();
        long pts = 60_000_000;
        for (int i = 0; i < 5 * n; i++) { // warm-up: C2 compiles the SWAR loops (the plane is re-marked in place,
            watermark.embed(frame, width, height, width); // saturating adds cost the same)
            watermark.embed(frame, width, height, width, mask);
            stream.mark(frame, PixelFormat.LUMA, width, height, pts);
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double[] copy = new double[ROUNDS];
        double[] uniform = new double[ROUNDS];
        double[] masked = new double[ROUNDS];
        double[] video = new double[ROUNDS];
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
            for (int i = 0; i < n; i++) {
                stream.mark(frame, PixelFormat.LUMA, width, height, pts);
            }
            long c4 = mx.getCurrentThreadCpuTime();
            copy[round] = (c1 - c0) / 1e6 / n;
            uniform[round] = (c2 - c1) / 1e6 / n;
            masked[round] = (c3 - c2) / 1e6 / n;
            video[round] = (c4 - c3) / 1e6 / n;
            System.out.printf(Locale.ROOT, "round %d: copy %.3f ms | embed uniform %.3f ms | embed masked, mask kept %.3f ms"
                    + " | video stream, mask every %d frames %.3f ms per %d×%d plane | load %.1f%n", round + 1, copy[round],
                    uniform[round], masked[round], gop, video[round], width, height,
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
        System.out.printf(Locale.ROOT, "median (range) of %d rounds of %d frames, per %d×%d luma plane: copy %s ms, embed "
                + "uniform %s ms, embed masked with the mask kept %s ms, video stream (mask update every %d frames "
                + "amortised) %s ms (bar 0.5 ms at 1920×1080)%n", ROUNDS, n, width, height, spread(copy),
                spread(uniform), spread(masked), gop, spread(video));
    }

    private static String spread(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "%.3f (%.3f–%.3f)", sorted[sorted.length / 2], sorted[0],
                sorted[sorted.length - 1]);
    }
}
