package dev.aigcmark.bench;

import dev.aigcmark.core.identity.WatermarkKey;
import dev.aigcmark.core.internal.watermark.WatermarkPayload;
import dev.aigcmark.image.internal.watermark.Detection;
import dev.aigcmark.image.internal.watermark.EmbedMask;
import dev.aigcmark.image.internal.watermark.LumaDetector;
import dev.aigcmark.image.internal.watermark.LumaWatermarker;
import dev.aigcmark.image.internal.watermark.PreparedWatermark;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Per-frame cost of our mark on raw 8-bit luma planes: embed (prepared payload; uniform, and with a perceptual
 * mask computed once per GOP), mask computation, and full detection (working plane, lattice synchronisation,
 * fold, FFT sync, decode) on marked and unmarked frames. {@link #baselineCopy} is the memory floor the embed
 * figures are read against, measured in the same run.
 * Planes are photo-like (smoothed noise), so neither path is flattered by a flat frame.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class WatermarkBenchmark {
    @Param({"720p", "1080p", "4k"})
    public String size;

    private int width;
    private int height;
    private byte[] pristine;
    private byte[] frame;
    private byte[] marked;
    private PreparedWatermark watermark;
    private EmbedMask mask;
    private WatermarkKey key;

    @Setup(Level.Trial)
    public void setup() {
        switch (size) {
            case "720p" -> { width = 1280; height = 720; }
            case "1080p" -> { width = 1920; height = 1080; }
            default -> { width = 3840; height = 2160; }
        }
        key = new WatermarkKey(0x1234, "benchmark-watermark-key!".getBytes(StandardCharsets.US_ASCII));
        pristine = photoLike(width, height);
        frame = pristine.clone();
        watermark = LumaWatermarker.prepare(key, WatermarkPayload.of(key, 99).toBytes());
        mask = new EmbedMask();
        mask.update(pristine, width, height, width);
        marked = pristine.clone();
        watermark.embed(marked, width, height, width, mask);
    }

    /** The physical floor on this machine, now: read and write the plane once (memory bandwidth). */
    @Benchmark
    public byte[] baselineCopy() {
        System.arraycopy(pristine, 0, frame, 0, frame.length);
        return frame;
    }

    /** One frame at uniform strength (the plane is re-marked in place: saturating adds cost the same). */
    @Benchmark
    public byte[] embedUniform() {
        watermark.embed(frame, width, height, width);
        return frame;
    }

    /** One frame with a texture mask reused across the GOP. */
    @Benchmark
    public byte[] embedMasked() {
        watermark.embed(frame, width, height, width, mask);
        return frame;
    }

    /**
     * The first frame of a GOP: a fresh texture mask, then the masked embed, which gathers the per-block deltas
     * once for that mask (later frames of the GOP reuse them: {@link #embedMasked}).
     */
    @Benchmark
    public byte[] gopFirstFrame() {
        mask.update(pristine, width, height, width);
        watermark.embed(frame, width, height, width, mask);
        return frame;
    }

    /** The texture mask (once per GOP or scene). */
    @Benchmark
    public EmbedMask maskUpdate() {
        mask.update(pristine, width, height, width);
        return mask;
    }

    /** Full detection of a marked frame: working plane, lattice from the autocorrelation, fold, sync, decode. */
    @Benchmark
    public Detection detect() {
        return LumaDetector.detect(marked, width, height, width, key);
    }

    /** Detection on an unmarked frame: every hypothesis is tried and rejected (the common case on a platform). */
    @Benchmark
    public Detection detectUnmarked() {
        return LumaDetector.detect(pristine, width, height, width, key);
    }

    static byte[] photoLike(int w, int h) {
        SplittableRandom rnd = new SplittableRandom(42);
        int cell = 16;
        int gw = w / cell + 2;
        int gh = h / cell + 2;
        double[] grid = new double[gw * gh];
        for (int i = 0; i < grid.length; i++) {
            grid[i] = rnd.nextDouble() * 160 + 40;
        }
        byte[] y = new byte[w * h];
        for (int r = 0; r < h; r++) {
            double gy = (double) r / cell;
            int iy = (int) gy;
            double fy = gy - iy;
            for (int c = 0; c < w; c++) {
                double gx = (double) c / cell;
                int ix = (int) gx;
                double fx = gx - ix;
                double v = (grid[iy * gw + ix] * (1 - fx) + grid[iy * gw + ix + 1] * fx) * (1 - fy)
                        + (grid[(iy + 1) * gw + ix] * (1 - fx) + grid[(iy + 1) * gw + ix + 1] * fx) * fy;
                y[r * w + c] = (byte) Math.max(0, Math.min(255, (int) (v + rnd.nextInt(7) - 3)));
            }
        }
        return y;
    }
}
