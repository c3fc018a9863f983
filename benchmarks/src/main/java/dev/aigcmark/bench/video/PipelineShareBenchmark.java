package dev.aigcmark.bench.video;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.identity.WatermarkKey;
import dev.aigcmark.core.internal.watermark.WatermarkPayload;
import dev.aigcmark.video.internal.frames.FrameMarker;
import dev.aigcmark.video.internal.frames.LabelStyle;
import dev.aigcmark.video.internal.pipeline.EncoderSettings;
import dev.aigcmark.video.internal.pipeline.JcodecBackend;
import dev.aigcmark.video.ProgressListener;
import dev.aigcmark.video.internal.pipeline.VideoCodecBackend;
import dev.aigcmark.video.internal.pipeline.VideoFrame;
import dev.aigcmark.video.internal.pipeline.VideoPipeline;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The whole jcodec pipeline on a generated clip (moving gradient, 12 frames), and the share of its time spent
 * marking versus decoding and encoding. JMH times the run; the phase shares are printed at the end of the
 * trial (medians of the measured runs), since that is the question this benchmark answers.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
@Fork(1)
public class PipelineShareBenchmark {
    static final int FRAMES = 12;

    @Param({"720p"})
    public String size;

    private Path dir;
    private Path input;
    private FrameMarker marker;
    private final List<VideoPipeline.Result> results = new ArrayList<>();

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        int w = size.equals("1080p") ? 1920 : 1280;
        int h = size.equals("1080p") ? 1080 : 720;
        dir = Files.createTempDirectory("aigc-bench-video");
        input = dir.resolve("in.mp4");
        try (VideoCodecBackend.Encoder enc = new JcodecBackend().openEncoder(input, EncoderSettings.h264(w, h, 25))) {
            VideoFrame f = new VideoFrame(w, h);
            for (int i = 0; i < FRAMES; i++) {
                byte[] b = f.i420();
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        b[y * w + x] = (byte) (100 + 80 * Math.sin((x + 8 * i) / 50.0) * Math.cos(y / 35.0));
                    }
                }
                Arrays.fill(b, w * h, b.length, (byte) 128);
                f.pts(i * 40_000L); // microseconds, the timescale of EncoderSettings.h264
                f.duration(40_000L);
                enc.encode(f);
            }
            enc.finish();
        }
        WatermarkKey key = new WatermarkKey(7, "benchmark-watermark-key".getBytes(StandardCharsets.UTF_8));
        marker = FrameMarker.builder(key, WatermarkPayload.of(key, 42)).label(LabelStyle.defaults("AI生成")).build();
    }

    @Benchmark
    public VideoPipeline.Result pipeline() throws IOException {
        Path out = dir.resolve("out.mp4");
        VideoPipeline.Result r = new VideoPipeline(new JcodecBackend(), ProgressListener.NONE, ReadLimits.defaults())
                .run(input, out, marker, VideoPipeline.Options.everyFrame());
        results.add(r);
        return r;
    }

    @TearDown(Level.Trial)
    public void report() throws IOException {
        // Shares over the last three runs (the measured ones).
        List<VideoPipeline.Result> measured = results.subList(Math.max(0, results.size() - 3), results.size());
        double decode = 0;
        double mark = 0;
        double encode = 0;
        double remux = 0;
        int frames = 0;
        for (VideoPipeline.Result r : measured) {
            decode += r.decodeNanos();
            mark += r.markNanos();
            encode += r.encodeNanos();
            remux += r.remuxNanos();
            frames += r.frames();
        }
        double total = decode + mark + encode + remux;
        System.out.printf("%n[pipeline %s] per frame: decode %.1f ms, mark %.2f ms, encode %.1f ms; share of time:"
                        + " mark %.2f %%, decode %.1f %%, encode %.1f %%, remux %.2f %%%n",
                size, decode / frames / 1e6, mark / frames / 1e6, encode / frames / 1e6,
                100 * mark / total, 100 * decode / total, 100 * encode / total, 100 * remux / total);
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(dir);
    }
}
