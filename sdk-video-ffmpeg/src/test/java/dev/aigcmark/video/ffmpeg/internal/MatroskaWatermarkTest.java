package dev.aigcmark.video.ffmpeg.internal;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.mark.Watermark;
import dev.aigcmark.core.report.StatusCodes;
import dev.aigcmark.testing.ExternalTools;
import dev.aigcmark.video.internal.frames.FrameMarker;
import dev.aigcmark.video.internal.frames.LabelStyle;
import dev.aigcmark.video.ProgressListener;
import dev.aigcmark.video.internal.pipeline.VideoPipeline;
import dev.aigcmark.video.testing.Clips;
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
 * Our watermark found in Matroska and WebM: an MP4 marked by the FFmpeg pipeline, then turned by the real ffmpeg
 * into an MKV (stream copy: the same H.264 packets in EBML blocks), a WebM re-encoded to VP9 and to VP8, and an
 * MKV re-encoded to AV1. The frames reach the decoder only through our EBML demuxer. An unmarked WebM reports no
 * watermark.
 */
class MatroskaWatermarkTest {
    static final FfmpegBackend BACKEND = new FfmpegBackend();
    static final String PAYLOAD = HexFormat.of().formatHex(TestMarks.PAYLOAD.toBytes());
    @TempDir
    static Path dir;
    static Path original;
    static Path marked;
    static TestVerifier verifier;

    @BeforeAll
    static void markAClip() throws IOException {
        ExternalTools.assumeTool("ffmpeg");
        assertThat(BACKEND.unavailable()).isNull();
        original = Clips.make(dir, "original.mp4", "640x360", 2.0, Clips.H264_AAC, "-g", "25");
        marked = dir.resolve("marked.mp4");
        FrameMarker marker = FrameMarker.builder(TestMarks.KEY, TestMarks.PAYLOAD)
                .label(LabelStyle.defaults("AI生成")).build();
        new VideoPipeline(BACKEND, ProgressListener.NONE, ReadLimits.defaults())
                .run(original, marked, marker, VideoPipeline.Options.everyFrame());
        verifier = new TestVerifier(BACKEND);
    }

    static Path convert(Path in, String name, String args) {
        Path out = dir.resolve(name);
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-y", "-i", in.toString()));
        cmd.addAll(List.of(args.trim().split(" +")));
        cmd.add(out.toString());
        ExternalTools.run(cmd, null, 300).requireSuccess();
        return out;
    }

    static final String VP9 = "-c:v libvpx-vp9 -deadline realtime -cpu-used 8 -b:v 1500k -c:a libopus";

    /** H.264 stream-copied to MKV and VP9 WebM in every run; VP8 WebM and AV1 MKV in the full matrix. */
    static Stream<Arguments> conversions() {
        return Matrix.cases(List.of(
                Arguments.of("copy.mkv", "h264", "-c copy"),
                Arguments.of("vp9.webm", "vp9", VP9)), List.of(
                Arguments.of("vp8.webm", "vp8", "-c:v libvpx -deadline realtime -cpu-used 8 -b:v 1500k -c:a libopus"),
                Arguments.of("av1.mkv", "av1", "-c:v libsvtav1 -preset 12 -b:v 1500k -c:a copy")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("conversions")
    void payloadIsReadFromMatroskaAndWebm(String name, String codec, String args) {
        Path out = convert(marked, name, args);
        assertThat(Clips.ffprobe(out, "v:0", "stream=codec_name")).isEqualTo("codec_name=" + codec);
        Watermark w = verifier.watermark(out);
        assertThat(w.payloadHex()).isEqualTo(PAYLOAD);
        assertThat(w.details()).containsEntry("issuer", "Test Platform");
        assertThat(w.confidence()).isGreaterThan(0.9);
    }

    @Test
    void anUnmarkedWebmReportsNoWatermarkAndNoDecodingProblem() {
        Path out = convert(original, "unmarked.webm", VP9);
        var report = verifier.verify(out);
        assertThat(report.findings(Watermark.class)).isEmpty();
        assertThat(report.diagnostics()).noneMatch(d -> d.code().equals(StatusCodes.WM_VIDEO_UNDECODABLE));
    }
}
