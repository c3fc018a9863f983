package dev.aigcmark.video.ffmpeg.internal;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.label.LabelJson;
import dev.aigcmark.testing.ExternalTools;
import dev.aigcmark.video.internal.demux.Movie;
import dev.aigcmark.video.internal.demux.Mp4Demuxer;
import dev.aigcmark.video.internal.frames.FrameMarker;
import dev.aigcmark.video.internal.frames.LabelStyle;
import dev.aigcmark.video.EncoderChoice;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Marking with the FFmpeg backend keeps everything but the video pixels, checked with ffmpeg/ffprobe (independent
 * readers): audio and subtitle packets byte for byte, chapters, every frame's presentation time and duration
 * (B-frames, variable frame rate), duration, rotation, colour description, the brand (a MOV stays a MOV) and the
 * fragmented layout; progressive MP4, fragmented MP4, an iPhone-like HEVC MOV with rotation, VP9 and AV1 in MP4.
 */
class FfmpegRoundTripTest {
    static final FfmpegBackend BACKEND = new FfmpegBackend();
    static final String LABEL = LabelJson.toBareJson(TestMarks.label("ffmpeg-round-trip"));
    @TempDir
    static Path dir;

    @BeforeAll
    static void natives() {
        ExternalTools.assumeTool("ffmpeg");
        assertThat(BACKEND.unavailable()).as("the FFmpeg natives load (Maven Central classifier)").isNull();
    }

    static VideoPipeline.Result mark(Path in, Path out) throws IOException {
        FrameMarker marker = FrameMarker.builder(TestMarks.KEY, TestMarks.PAYLOAD)
                .label(LabelStyle.defaults("AI生成")).build();
        return new VideoPipeline(BACKEND, null, ReadLimits.defaults())
                .run(in, out, marker, new VideoPipeline.Options(1, LABEL, EncoderChoice.SAME_AS_INPUT));
    }

    /** What must not change: every non-video packet, the frame timing, the duration, the stream layout. */
    static void assertKept(Path in, Path out) {
        assertThat(Clips.packetChecksums(out, "0:a")).as("audio packets").isEqualTo(Clips.packetChecksums(in, "0:a"))
                .isNotEmpty();
        assertThat(Clips.frameTimes(out)).as("frame times").isEqualTo(Clips.frameTimes(in));
        assertThat(Clips.duration(out)).as("duration").isEqualTo(Clips.duration(in));
        assertThat(Clips.ffprobe(out, "v:0", "stream_side_data=rotation"))
                .isEqualTo(Clips.ffprobe(in, "v:0", "stream_side_data=rotation"));
        ExternalTools.Result decode = ExternalTools.run("ffmpeg", "-v", "error", "-i", out.toString(), "-map", "0:v",
                "-map", "0:a", "-f", "null", "-").requireSuccess();
        assertThat(decode.stderr()).as("decoding errors").isBlank();
        assertThat(Clips.ffprobeAigcTag(out)).isEqualTo(LABEL);
    }

    @Test
    void mp4WithBFramesSubtitlesChaptersAndTags() throws IOException {
        Path srt = Files.writeString(dir.resolve("subs.srt"), "1\n00:00:00,200 --> 00:00:01,000\nhello\n\n"
                + "2\n00:00:01,200 --> 00:00:02,000\nworld\n", StandardCharsets.UTF_8);
        Path chapters = Files.writeString(dir.resolve("chapters.txt"), ";FFMETADATA1\ntitle=kept title\n"
                + "[CHAPTER]\nTIMEBASE=1/1000\nSTART=0\nEND=1000\ntitle=one\n"
                + "[CHAPTER]\nTIMEBASE=1/1000\nSTART=1000\nEND=2400\ntitle=two\n", StandardCharsets.UTF_8);
        Path plain = Clips.make(dir, "plain.mp4", "320x240", 2.4, List.of("-c:v", "libx264", "-profile:v", "high",
                "-bf", "3", "-g", "12", "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "64k"));
        Path in = dir.resolve("rich.mp4");
        ExternalTools.run("ffmpeg", "-v", "error", "-y", "-i", plain.toString(), "-i", srt.toString(),
                "-i", chapters.toString(), "-map", "0", "-map", "1", "-map_metadata", "2", "-map_chapters", "2",
                "-c:v", "copy", "-c:a", "copy", "-c:s", "mov_text", in.toString()).requireSuccess();
        Path out = dir.resolve("rich-marked.mp4");
        VideoPipeline.Result r = mark(in, out);

        assertKept(in, out);
        assertThat(Clips.packetChecksums(out, "0:s")).as("subtitle packets")
                .isEqualTo(Clips.packetChecksums(in, "0:s")).hasSizeGreaterThanOrEqualTo(2);
        assertThat(chapters(out)).isEqualTo(chapters(in)).hasSize(2);
        assertThat(String.join("\n", chapters(out))).contains(",one").contains(",two");
        assertThat(Clips.ffprobe(out, "v:0", "stream=codec_name")).isEqualTo("codec_name=h264");
        String title = ExternalTools.run("ffprobe", "-v", "error", "-show_entries", "format_tags=title",
                "-of", "default=nw=1:nk=1", out.toString()).requireSuccess().stdout().strip();
        assertThat(title).isEqualTo("kept title");
        assertThat(r.backend()).startsWith("ffmpeg 7.1");
        assertThat(r.encoder()).containsAnyOf("libx264", "libopenh264");
        assertThat(r.fragmented()).isFalse();
    }

    @Test
    void fragmentedMp4StaysFragmented() throws IOException {
        Path plain = Clips.make(dir, "forfrag.mp4", "320x240", 2.4, Clips.H264_AAC, "-g", "12");
        Path in = dir.resolve("frag.mp4");
        ExternalTools.run("ffmpeg", "-v", "error", "-y", "-i", plain.toString(), "-c", "copy", "-movflags",
                "frag_keyframe+empty_moov+default_base_moof", in.toString()).requireSuccess();
        Path out = dir.resolve("frag-marked.mp4");
        VideoPipeline.Result r = mark(in, out);
        assertThat(r.fragmented()).isTrue();
        assertKept(in, out);
        try (MediaInput m = MediaInput.of(out)) {
            Movie movie = Mp4Demuxer.open(m, ReadLimits.defaults());
            assertThat(movie.fragmented()).isTrue();
            assertThat(movie.video().orElseThrow().samples().count()).isEqualTo(60);
        }
    }

    @Test
    void iphoneLikeHevcMovWithRotationStaysAMov() throws IOException {
        Path encoded = dir.resolve("hevc.mov");
        ExternalTools.run(List.of("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=30",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100", "-t", "2",
                "-c:v", "libx265", "-x265-params", "log-level=error", "-tag:v", "hvc1", "-pix_fmt", "yuv420p",
                "-color_primaries", "bt709", "-color_trc", "bt709", "-colorspace", "bt709",
                "-c:a", "aac", "-b:a", "64k", "-metadata", "creation_time=2026-01-02T03:04:05Z",
                encoded.toString()), null, 300).requireSuccess();
        Path in = dir.resolve("IMG_0001.MOV"); // ffmpeg 5.1 writes the display matrix only when stream-copying
        ExternalTools.run("ffmpeg", "-v", "error", "-y", "-i", encoded.toString(), "-c", "copy",
                "-metadata:s:v:0", "rotate=90", "-movflags", "+faststart", in.toString()).requireSuccess();
        Path out = dir.resolve("IMG_0001-marked.MOV");
        VideoPipeline.Result r = mark(in, out);

        assertKept(in, out);
        assertThat(Clips.ffprobe(out, "v:0", "stream_side_data=rotation")).isEqualTo("rotation=90");
        assertThat(new String(Files.readAllBytes(out), 8, 4, StandardCharsets.ISO_8859_1)).isEqualTo("qt  ");
        assertThat(Clips.ffprobe(out, "v:0", "stream=color_primaries")).isEqualTo("color_primaries=bt709");
        if (BACKEND.encoders().contains("libx265")) {
            assertThat(Clips.ffprobe(out, "v:0", "stream=codec_name")).isEqualTo("codec_name=hevc");
        } else {
            assertThat(Clips.ffprobe(out, "v:0", "stream=codec_name")).isEqualTo("codec_name=h264");
            assertThat(r.encoder()).contains("no HEVC encoder in the LGPL FFmpeg natives: writing H.264");
        }
    }

    @Test
    void variableFrameRateKeepsEveryTimestamp() throws IOException {
        Path in = dir.resolve("vfr.mp4");
        // Frames 0-9, then every third: presentation times 0.04 s apart, then 0.12 s apart.
        ExternalTools.run(List.of("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-t", "2",
                "-vf", "select='lt(n\\,10)+not(mod(n\\,3))'", "-fps_mode", "vfr",
                "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", in.toString()), null, 300).requireSuccess();
        List<String> times = Clips.frameTimes(in);
        assertThat(times).hasSizeBetween(20, 30);
        Path out = dir.resolve("vfr-marked.mp4");
        mark(in, out);
        assertKept(in, out);
    }

    /**
     * VP9 and AV1 in MP4 (what browsers and AV1 camera apps write) decode, stay in their codec where the natives
     * have its encoder, keep audio and timing, and carry a payload the verifier reads back.
     */
    /** AV1 in every run (the "stays in its codec" path); VP9, whose libvpx encode costs 3× more, in the full matrix. */
    static Stream<Arguments> vp9AndAv1() {
        return Matrix.cases(List.of(Arguments.of("av1", "libsvtav1", "-c:v libsvtav1 -preset 12 -b:v 1500k")),
                List.of(Arguments.of("vp9", "libvpx-vp9", "-c:v libvpx-vp9 -deadline realtime -cpu-used 8 -b:v 1500k")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vp9AndAv1")
    void vp9AndAv1InMp4(String codec, String encoder, String args) throws IOException {
        List<String> codecArgs = new ArrayList<>(List.of(args.trim().split(" +")));
        codecArgs.addAll(List.of("-g", "25", "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "64k"));
        Path in = Clips.make(dir, codec + ".mp4", "640x360", 2.0, codecArgs);
        assertThat(Clips.ffprobe(in, "v:0", "stream=codec_name")).isEqualTo("codec_name=" + codec);
        Path out = dir.resolve(codec + "-marked.mp4");
        VideoPipeline.Result r = mark(in, out);

        assertKept(in, out);
        assertThat(r.encoder()).startsWith(encoder);
        assertThat(Clips.ffprobe(out, "v:0", "stream=codec_name")).isEqualTo("codec_name=" + codec);
        assertThat(new TestVerifier(BACKEND).watermark(out).payloadHex())
                .isEqualTo(HexFormat.of().formatHex(TestMarks.PAYLOAD.toBytes()));
    }

    static List<String> chapters(Path file) {
        List<String> out = new ArrayList<>(ExternalTools.run("ffprobe", "-v", "error", "-show_chapters", "-of",
                "csv=p=0", file.toString()).requireSuccess().stdout().lines().toList());
        return out;
    }
}
