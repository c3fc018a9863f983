package dev.aigcmark.bench.video;

import dev.aigcmark.bench.Alternation;
import dev.aigcmark.bench.FileBenchmark;
import dev.aigcmark.bench.Paired;
import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.identity.WatermarkKey;
import dev.aigcmark.core.internal.watermark.WatermarkPayload;
import dev.aigcmark.video.ProgressListener;
import dev.aigcmark.video.internal.frames.FrameMarker;
import dev.aigcmark.video.internal.frames.LabelStyle;
import dev.aigcmark.video.internal.pipeline.EncoderSettings;
import dev.aigcmark.video.internal.pipeline.JcodecBackend;
import dev.aigcmark.video.internal.pipeline.VideoBackends;
import dev.aigcmark.video.internal.pipeline.VideoCodecBackend;
import dev.aigcmark.video.internal.pipeline.VideoFrame;
import dev.aigcmark.video.internal.pipeline.VideoPipeline;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The video pipeline per codec backend (FFmpeg through JavaCPP, jcodec): marking a generated H.264 clip
 * (watermark on every frame, visible label) against transcoding it through the same pipeline and backend without
 * marking (decode + encode, the floor of any re-encoding marker), alternated within each invocation in one fork
 * ({@link Paired}, the process's CPU time: the pipeline decodes, marks and encodes on three threads, and FFmpeg's
 * encoder may run its own). The marking run's decode / mark / encode / remux split (each stage's work time, not its
 * waiting, from {@link VideoPipeline.Result}) is counted per frame in {@link Split}; the suite prints it beside the
 * row. The input is encoded with jcodec (H.264 Baseline), so both backends read the same file and no tool is needed;
 * FFmpeg re-encodes "same as input" with the encoder its natives have (libopenh264, or libx264 with {@code -Pgpl}).
 */
public class VideoPipelineBenchmark extends FileBenchmark {
    /** Frames in the clip (25 fps). */
    public static final int FRAMES = 12;

    @Param({"ffmpeg", "jcodec"})
    public String backend;

    /** 360p (640x360), 720p (1280x720) or 1080p (1920x1080). */
    @Param({"720p"})
    public String size;

    private Path input;
    private VideoPipeline pipeline;
    private FrameMarker marker;
    private FrameMarker nothing;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        int w = switch (size) {
            case "360p" -> 640;
            case "720p" -> 1280;
            case "1080p" -> 1920;
            default -> throw new IllegalArgumentException(size);
        };
        int h = w * 9 / 16;
        VideoCodecBackend codecs = backend.equals("jcodec") ? new JcodecBackend() : VideoBackends.choose(backend);
        folder("pipeline");
        input = dir.resolve("in.mp4");
        clip(input, w, h);
        pipeline = new VideoPipeline(codecs, ProgressListener.NONE, ReadLimits.defaults());
        WatermarkKey key = new WatermarkKey(7, "benchmark-watermark-key".getBytes(StandardCharsets.UTF_8));
        marker = FrameMarker.builder(key, WatermarkPayload.of(key, 42)).label(LabelStyle.defaults("AI生成")).build();
        nothing = FrameMarker.builder(null, null).build();
        System.out.println("backend " + codecs.describe() + ": " + run(marker, "check.mp4").describe());
    }

    /** {@link #FRAMES} frames of a moving textured gradient, H.264 through jcodec. */
    private static void clip(Path file, int w, int h) throws IOException {
        try (VideoCodecBackend.Encoder enc = new JcodecBackend().openEncoder(file, EncoderSettings.h264(w, h, 25))) {
            VideoFrame f = new VideoFrame(w, h);
            for (int i = 0; i < FRAMES; i++) {
                byte[] b = f.i420();
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        b[y * w + x] = (byte) (100 + 80 * Math.sin((x + 8 * i) / 50.0) * Math.cos(y / 35.0)
                                + ((x * 7 + y * 13 + i) & 15));
                    }
                }
                Arrays.fill(b, w * h, b.length, (byte) 128);
                f.pts(i * 40_000L); // microseconds, the timescale of EncoderSettings.h264
                f.duration(40_000L);
                enc.encode(f);
            }
            enc.finish();
        }
    }

    private VideoPipeline.Result run(FrameMarker m, String name) throws IOException {
        return pipeline.run(input, dir.resolve(name), m, VideoPipeline.Options.everyFrame());
    }

    /** Marking and a plain transcode through the same backend, alternated; the marking run's split counted. */
    @Benchmark
    public VideoPipeline.Result markPaired(Paired p, Split split) throws Exception {
        VideoPipeline.Result r = Alternation.runAllThreads(p, () -> run(nothing, "plain.mp4"), () -> run(marker, "marked.mp4"));
        split.add(r);
        return r;
    }

    /**
     * The marking runs' work per stage, summed over an iteration (JMH reports each as a secondary result); the suite
     * divides by {@code partFrames}. Wall time of each stage's work on its own thread, so a loaded machine inflates
     * it; read it as shares.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Split {
        public long partFrames;
        public long partDecodeNanos;
        public long partMarkNanos;
        public long partEncodeNanos;
        public long partRemuxNanos;

        @Setup(Level.Iteration)
        public void reset() {
            Alternation.zero(this);
        }

        void add(VideoPipeline.Result r) {
            partFrames += r.frames();
            partDecodeNanos += r.decodeNanos();
            partMarkNanos += r.markNanos();
            partEncodeNanos += r.encodeNanos();
            partRemuxNanos += r.remuxNanos();
        }
    }
}
