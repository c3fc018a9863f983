package dev.aigcmark.video.internal.format;

import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.crypto.SignatureAlgorithm;
import dev.aigcmark.core.crypto.Signer;
import dev.aigcmark.core.identity.PlatformIdentity;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.spi.ContentEdit;
import dev.aigcmark.image.internal.watermark.LumaDetector;
import dev.aigcmark.testing.ExternalTools;
import dev.aigcmark.testing.TestContexts;
import dev.aigcmark.video.internal.pipeline.JcodecBackend;
import dev.aigcmark.video.ProgressListener;
import dev.aigcmark.video.testing.Clips;
import dev.aigcmark.video.testing.TestMarks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code ContentMarker.markContent}: what {@code aigc mark in.mp4 -o out.mp4} calls for the content marks. */
class Mp4MarkContentTest {

    /** Content marking needs only the identity's watermark key; the signer is never called here. */
    static PlatformIdentity identity() {
        Signer unused = new Signer() {
            public SignatureAlgorithm algorithm() {
                throw new UnsupportedOperationException();
            }

            public PublicKey publicKey() {
                throw new UnsupportedOperationException();
            }

            public List<X509Certificate> certificateChain() {
                return List.of();
            }

            public byte[] sign(byte[] message) {
                throw new UnsupportedOperationException();
            }
        };
        return new PlatformIdentity("test", "Test", TestMarks.PRODUCER, unused, null, TestMarks.KEY, true);
    }

    @Test
    void marksContentFromAStreamAndReportsProgress(@TempDir Path dir) throws IOException {
        ExternalTools.assumeTool("ffmpeg");
        Path plain = Clips.make(dir, "plain.mp4", "320x240", 1.0, Clips.H264_AAC);
        Path in = dir.resolve("in.mp4"); // a phone-style rotated clip: the rotation must survive re-encoding
        ExternalTools.run("ffmpeg", "-v", "error", "-y", "-i", plain.toString(), "-c", "copy",
                "-metadata:s:v:0", "rotate=90", in.toString()).requireSuccess();
        String rotation = Clips.ffprobe(in, "v:0", "stream_side_data=rotation");
        assertThat(rotation).contains("rotation=");
        List<String> progress = new ArrayList<>();
        Mp4Handler handler = new Mp4Handler(new JcodecBackend(), (phase, done, total) -> progress.add(phase + " " + done));
        SdkContext context = TestContexts.builder().handlers(List.of(handler)).codecs(List.of()).identity(identity()).build();
        Path out = dir.resolve("out.mp4");
        byte[] bytes = Files.readAllBytes(in);
        try (OutputStream os = Files.newOutputStream(out)) {
            handler.markContent(MediaInput.of(bytes, "upload"), os,
                    new ContentEdit("AI生成", "top-left", TestMarks.PAYLOAD.toBytes(), null), context);
        }
        assertThat(progress).contains("decode+mark+encode 25", "remux 1");
        assertThat(Clips.ffprobe(out, "a:0", "stream=codec_name")).isEqualTo("codec_name=aac");
        assertThat(Clips.ffprobe(out, "v:0", "stream_side_data=rotation")).isEqualTo(rotation);
        List<byte[]> frames = Clips.lumaFrames(out, 320, 240, List.of("-noautorotate"));
        assertThat(frames).hasSize(25);
        assertThat(LumaDetector.detect(frames.get(12), 320, 240, 320, TestMarks.KEY).payload()).contains(TestMarks.PAYLOAD);
        assertThat(handler.sniff(bytes, 12, "in.mp4")).isTrue();
        assertThat(ProgressListener.NONE).isNotNull();
    }

    /** A stream that is no movie: copied into the work folder, refused by the demuxer, and the folder is gone. */
    @Test
    void aFailedMarkingLeavesNoTemporaryFile(@TempDir Path dir) throws IOException {
        Path work = Files.createDirectories(dir.resolve("work"));
        Mp4Handler handler = new Mp4Handler(new JcodecBackend(), ProgressListener.NONE);
        SdkContext context = TestContexts.builder().handlers(List.of(handler)).codecs(List.of()).identity(identity())
                .workFolder(work).build();
        byte[] notAMovie = new byte[4096];
        notAMovie[7] = 8;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThatThrownBy(() -> handler.markContent(MediaInput.of(notAMovie, "upload"), out,
                new ContentEdit("AI生成", "top-left", TestMarks.PAYLOAD.toBytes(), null), context))
                .isInstanceOf(IOException.class);
        assertThat(out.size()).isZero();
        try (Stream<Path> left = Files.list(work)) {
            assertThat(left.toList()).isEmpty();
        }
    }
}
