package dev.aigcmark.video.internal.pipeline;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.label.LabelJson;
import dev.aigcmark.image.internal.watermark.Detection;
import dev.aigcmark.image.internal.watermark.LumaDetector;
import dev.aigcmark.testing.ExternalTools;
import dev.aigcmark.video.internal.frames.FrameMarker;
import dev.aigcmark.video.internal.frames.LabelStyle;
import dev.aigcmark.video.testing.Clips;
import dev.aigcmark.video.testing.TestMarks;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The jcodec pipeline on an x264 High-profile clip with B-frames and AAC audio: frames come out in display
 * order, the label shows on the opening 2 s only, the mark is detectable in ffmpeg's decode of the output,
 * the audio packets are the original ones, the GB label is in the metadata, progress goes to the listener.
 */
class VideoPipelineTest {
    static final int W = 320;
    static final int H = 240;
    @TempDir
    static Path dir;
    static Path input;
    static Path output;
    static VideoPipeline.Result result;
    static final List<String> progress = new CopyOnWriteArrayList<>();
    static final String LABEL = LabelJson.toBareJson(TestMarks.label("pipeline"));

    @BeforeAll
    static void run() throws IOException {
        ExternalTools.assumeTool("ffmpeg");
        input = Clips.make(dir, "in.mp4", W + "x" + H, 3.2,
                List.of("-c:v", "libx264", "-profile:v", "high", "-bf", "3", "-g", "25", "-pix_fmt", "yuv420p",
                        "-c:a", "aac", "-b:a", "64k"),
                "-metadata", "title=kept-title");
        assertThat(Clips.ffprobe(input, "v:0", "stream=has_b_frames")).isNotEqualTo("has_b_frames=0");
        VideoPipeline pipeline = new VideoPipeline(new JcodecBackend(),
                (phase, done, total) -> progress.add(phase + ": " + done + "/" + total), ReadLimits.defaults());
        FrameMarker marker = FrameMarker.builder(TestMarks.KEY, TestMarks.PAYLOAD)
                .label(LabelStyle.defaults("AI生成")).build();
        output = dir.resolve("out.mp4");
        result = pipeline.run(input, output, marker, new VideoPipeline.Options(1, LABEL, null));
    }

    @Test
    void outputIsH264WithTheOriginalAudioPacketsAndMetadata() {
        assertThat(Clips.ffprobe(output, "v:0", "stream=codec_name")).isEqualTo("codec_name=h264");
        assertThat(Clips.ffprobe(output, "a:0", "stream=codec_name")).isEqualTo("codec_name=aac");
        // Same packets decode to the same samples.
        String audioIn = ExternalTools.run("ffmpeg", "-v", "error", "-i", input.toString(), "-map", "0:a",
                "-f", "framemd5", "-").requireSuccess().stdout().lines().filter(l -> !l.startsWith("#")).toList().toString();
        String audioOut = ExternalTools.run("ffmpeg", "-v", "error", "-i", output.toString(), "-map", "0:a",
                "-f", "framemd5", "-").requireSuccess().stdout().lines().filter(l -> !l.startsWith("#")).toList().toString();
        assertThat(audioOut).isEqualTo(audioIn);
        Clips.frameChecksums(output); // decodes without any error
        assertThat(Clips.ffprobeAigcTag(output)).isEqualTo(LABEL);
        String title = ExternalTools.run("ffprobe", "-v", "error", "-show_entries", "format_tags=title",
                "-of", "default=nw=1:nk=1", output.toString()).requireSuccess().stdout().strip();
        assertThat(title).isEqualTo("kept-title");
    }

    @Test
    void framesAreInDisplayOrderLabelledForTwoSecondsAndWatermarked() {
        List<byte[]> in = Clips.lumaFrames(input, W, H);
        List<byte[]> out = Clips.lumaFrames(output, W, H);
        assertThat(out).hasSize(in.size());
        assertThat(result.frames()).isEqualTo(in.size());
        // Compare the top half (the label sits bottom-right): each output frame matches its own input frame best.
        for (int i = 1; i < out.size() - 1; i++) {
            double same = Clips.psnr(top(out.get(i)), top(in.get(i)));
            assertThat(same).as("frame %d", i).isGreaterThan(Clips.psnr(top(out.get(i)), top(in.get(i - 1))))
                    .isGreaterThan(Clips.psnr(top(out.get(i)), top(in.get(i + 1)))).isGreaterThan(28);
        }
        // The label changes the bottom-right corner a lot on every frame before 2 s, and not after 2.5 s.
        for (int i = 0; i < 50; i++) {
            assertThat(cornerDifference(out.get(i), in.get(i))).as("label on frame %d", i).isGreaterThan(25);
        }
        for (int i = 63; i < out.size(); i++) {
            assertThat(cornerDifference(out.get(i), in.get(i))).as("no label on frame %d", i).isLessThan(6);
        }
        Detection d = LumaDetector.detect(out.get(60), W, H, W, TestMarks.KEY);
        assertThat(d.found()).isTrue();
        assertThat(d.payload()).contains(TestMarks.PAYLOAD);
        assertThat(LumaDetector.detect(in.get(60), W, H, W, TestMarks.KEY).found()).isFalse();
    }

    /** A run that fails after the encoder wrote part of its track leaves neither that track nor an output. */
    @Test
    void aFailedRunLeavesNoTemporaryFile(@TempDir Path outDir) throws IOException {
        VideoPipeline failing = new VideoPipeline(new JcodecBackend(), (phase, done, total) -> {
            if (done == 10) {
                throw new IllegalStateException("stopped at frame 10");
            }
        }, ReadLimits.defaults());
        FrameMarker marker = FrameMarker.builder(TestMarks.KEY, TestMarks.PAYLOAD).build();
        assertThatThrownBy(() -> failing.run(input, outDir.resolve("out.mp4"), marker, VideoPipeline.Options.everyFrame()))
                .hasMessageContaining("stopped at frame 10");
        try (Stream<Path> left = Files.list(outDir)) {
            assertThat(left.toList()).isEmpty();
        }
    }

    @Test
    void progressIsReportedAndTimingsAreMeasured() {
        assertThat(progress).contains("decode+mark+encode: 1/80", "decode+mark+encode: 80/80", "remux: 1/1");
        assertThat(result.decodeNanos()).isPositive();
        assertThat(result.markNanos()).isPositive();
        assertThat(result.encodeNanos()).isPositive();
    }

    static byte[] top(byte[] frame) {
        return Arrays.copyOf(frame, W * H / 2);
    }

    /** Mean absolute luma difference in the bottom-right label corner. */
    static double cornerDifference(byte[] out, byte[] in) {
        long sum = 0;
        int n = 0;
        for (int y = H * 88 / 100; y < H * 95 / 100; y++) {
            for (int x = W * 82 / 100; x < W * 96 / 100; x++) {
                sum += Math.abs((out[y * W + x] & 0xFF) - (in[y * W + x] & 0xFF));
                n++;
            }
        }
        return (double) sum / n;
    }
}
