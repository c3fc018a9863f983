package dev.aigcmark.bench.video;

import dev.aigcmark.core.identity.WatermarkKey;
import dev.aigcmark.core.internal.watermark.WatermarkPayload;
import dev.aigcmark.video.internal.frames.FrameMarker;
import dev.aigcmark.video.internal.frames.FrameStream;
import dev.aigcmark.video.internal.frames.LabelStyle;
import dev.aigcmark.video.internal.frames.PixelFormat;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Per-frame cost of the frame-level API on raw planes, one thread: the watermark alone (uniform strength,
 * a luma plane), the watermark with the per-stream texture mask (refreshed every 12 frames, I420), and an
 * opening frame that also gets the explicit label.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class FrameEmbedBenchmark {
    @Param({"720p", "1080p", "4k"})
    public String size;

    private int width;
    private int height;
    private byte[] frame;
    private FrameMarker marker;
    private FrameStream stream;
    private long pts;

    @Setup
    public void setUp() {
        switch (size) {
            case "720p" -> { width = 1280; height = 720; }
            case "1080p" -> { width = 1920; height = 1080; }
            default -> { width = 3840; height = 2160; }
        }
        frame = new byte[PixelFormat.I420.frameBytes(width, height)];
        Random r = new Random(1);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                frame[y * width + x] = (byte) (120 + 60 * Math.sin(x / 40.0) * Math.cos(y / 30.0) + r.nextInt(9));
            }
        }
        WatermarkKey key = new WatermarkKey(7, "benchmark-watermark-key".getBytes(StandardCharsets.UTF_8));
        marker = FrameMarker.builder(key, WatermarkPayload.of(key, 42)).label(LabelStyle.defaults("AI生成")).build();
        stream = marker.newStream();
        marker.markI420(frame.clone(), width, height, 0); // render the label overlay once, outside the measurement
    }

    /** Watermark only (a frame after the label's 2.5 s), uniform strength, luma plane. */
    @Benchmark
    public byte[] watermarkLuma() {
        marker.markLuma(frame, width, height, width, 10_000_000L);
        return frame;
    }

    /** Watermark with the stream's texture mask (recomputed every 12th frame), I420. */
    @Benchmark
    public byte[] watermarkMaskedStream() {
        stream.mark(frame, PixelFormat.I420, width, height, 10_000_000L);
        return frame;
    }

    /** An opening frame: label (luma and chroma) plus watermark. */
    @Benchmark
    public byte[] labelAndWatermark() {
        pts = (pts + 40_000) % 2_000_000;
        marker.markI420(frame, width, height, pts);
        return frame;
    }
}
