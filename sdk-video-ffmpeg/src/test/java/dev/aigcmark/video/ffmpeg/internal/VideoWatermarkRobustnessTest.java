package dev.aigcmark.video.ffmpeg.internal;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.mark.Watermark;
import dev.aigcmark.testing.ExternalTools;
import dev.aigcmark.video.internal.detect.VideoWatermarkCodec;
import dev.aigcmark.video.internal.frames.FrameMarker;
import dev.aigcmark.video.internal.frames.LabelStyle;
import dev.aigcmark.video.ProgressListener;
import dev.aigcmark.video.internal.pipeline.VideoPipeline;
import dev.aigcmark.video.testing.TestMarks;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 6 s clip with motion (ffmpeg's mandelbrot zoom, 640x360, x264 High with B-frames, keyframe every 2 s, AAC)
 * marked with the FFmpeg backend, then attacked with the real ffmpeg: re-encoded at CRF 35, scaled to half size,
 * cut to a 2 s excerpt from the middle ({@code -ss 3 -t 2}), converted to another frame rate, stripped of its
 * metadata. The verifier must still report the payload, read no more than it needs on the marked file itself, and
 * report nothing on the unmarked original.
 */
class VideoWatermarkRobustnessTest {
    static final FfmpegBackend BACKEND = new FfmpegBackend();
    @TempDir
    static Path dir;
    static Path original;
    static Path marked;
    static TestVerifier verifier;

    @BeforeAll
    static void markAClip() throws IOException {
        ExternalTools.assumeTool("ffmpeg");
        assertThat(BACKEND.unavailable()).isNull();
        original = dir.resolve("original.mp4");
        ExternalTools.run(List.of("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "mandelbrot=size=640x360:rate=25",
                "-f", "lavfi", "-i", "sine=frequency=500:sample_rate=48000", "-t", "6",
                "-c:v", "libx264", "-profile:v", "high", "-bf", "3", "-g", "50", "-crf", "18", "-pix_fmt", "yuv420p",
                "-c:a", "aac", "-b:a", "64k", original.toString()), null, 300).requireSuccess();
        marked = dir.resolve("marked.mp4");
        FrameMarker marker = FrameMarker.builder(TestMarks.KEY, TestMarks.PAYLOAD)
                .label(LabelStyle.defaults("AI生成")).build();
        new VideoPipeline(BACKEND, ProgressListener.NONE, ReadLimits.defaults())
                .run(original, marked, marker, VideoPipeline.Options.everyFrame());
        verifier = new TestVerifier(BACKEND);
    }

    static Path attack(String name, String... args) {
        Path out = dir.resolve(name + ".mp4");
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-y"));
        int i = List.of(args).indexOf("-i");
        cmd.addAll(List.of(args).subList(0, i));
        cmd.addAll(List.of("-i", marked.toString()));
        cmd.addAll(List.of(args).subList(i + 1, args.length));
        cmd.add(out.toString());
        ExternalTools.run(cmd, null, 300).requireSuccess();
        return out;
    }

    static Watermark found(Path file) {
        return verifier.watermark(file);
    }

    @Test
    void theMarkedFileIsJudgedFromItsKeyframesAlone() {
        Watermark w = found(marked);
        assertThat(w.scheme()).isEqualTo(VideoWatermarkCodec.SCHEME);
        assertThat(w.payloadHex()).isEqualTo(HexFormat.of().formatHex(TestMarks.PAYLOAD.toBytes()));
        assertThat(w.confidence()).isGreaterThan(0.9);
        assertThat(w.details()).containsEntry("issuer", "Test Platform").containsEntry("serial", TestMarks.PAYLOAD.serial());
        // Three keyframes in 150 frames: two that agree settle it, no consecutive frame is decoded.
        assertThat((Integer) w.details().get("framesRead")).isLessThanOrEqualTo(3);
        assertThat((Integer) w.details().get("keyframesRead")).isBetween(2, 3);
    }

    /** The three bars in every run; the frame-rate change and stripped metadata in the full matrix. */
    static Stream<Arguments> attacks() {
        return Matrix.cases(List.of(
                Arguments.of("crf35", "-i -c:v libx264 -crf 35 -c:a copy"),
                Arguments.of("half-size", "-i -vf scale=iw/2:ih/2 -c:v libx264 -crf 23 -c:a copy"),
                Arguments.of("excerpt-3s-2s", "-ss 3 -t 2 -i -c:v libx264 -crf 23 -c:a copy")), List.of(
                Arguments.of("frame-rate-15", "-i -r 15 -c:v libx264 -crf 23 -c:a copy"),
                Arguments.of("metadata-stripped", "-i -map_metadata -1 -c:v libx264 -crf 23 -c:a copy")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void payloadSurvives(String name, String args) {
        Path attacked = attack(name, args.trim().split(" +"));
        Watermark w = found(attacked);
        assertThat(w.payloadHex()).isEqualTo(HexFormat.of().formatHex(TestMarks.PAYLOAD.toBytes()));
    }

    @Test
    void unmarkedOriginalReportsNothing() {
        assertThat(verifier.verify(original).findings(Watermark.class)).isEmpty();
    }
}
