package dev.aigcmark.video.internal.demux;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.io.UnreadableInputException;
import dev.aigcmark.testing.ExternalTools;
import dev.aigcmark.testing.TestSeed;
import dev.aigcmark.core.internal.bmff.BmffFormatException;
import dev.aigcmark.core.internal.bmff.BoxTypes;
import dev.aigcmark.core.internal.bmff.FourCC;
import dev.aigcmark.video.internal.pipeline.FrameSource;
import dev.aigcmark.video.internal.pipeline.JcodecBackend;
import dev.aigcmark.video.testing.Clips;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Damaged sample tables and fragments: the demuxer either yields samples that all lie inside the file or
 * refuses the file with an {@link UnreadableInputException}; decoding what it yields ends. This is the layer
 * that keeps jcodec's and FFmpeg's own box parsers away from untrusted files (jcodec's looped for ever on a
 * child box of size 0, see {@code ../shared/vectors/hostile}).
 */
class Mp4DemuxerHostileTest {
    @TempDir
    static Path dir;
    static byte[] clip;
    static byte[] fragmented;

    @BeforeAll
    static void clips() throws IOException {
        ExternalTools.assumeTool("ffmpeg");
        Path p = Clips.make(dir, "tiny.mp4", "64x48", 0.4, List.of("-c:v", "libx264", "-bf", "2", "-g", "5",
                "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "32k"));
        clip = Files.readAllBytes(p);
        Path f = dir.resolve("tiny-frag.mp4");
        ExternalTools.run("ffmpeg", "-v", "error", "-y", "-i", p.toString(), "-c", "copy", "-movflags",
                "frag_keyframe+empty_moov+default_base_moof", f.toString()).requireSuccess();
        fragmented = Files.readAllBytes(f);
    }

    @Test
    void mutatedMoovAndMoofBoxesAreRefusedOrYieldSamplesInsideTheFile() {
        assertTimeoutPreemptively(Duration.ofMinutes(3), () -> {
            Random random = TestSeed.random("Mp4DemuxerHostileTest.mutants");
            int refused = 0;
            int decoded = 0;
            for (int round = 0; round < 400; round++) {
                byte[] good = round % 2 == 0 ? clip : fragmented;
                int[] range = metadataRange(good, round % 2 == 0 ? BoxTypes.MOOV : BoxTypes.MOOF);
                byte[] bad = good.clone();
                for (int e = 1 + random.nextInt(6); e > 0; e--) {
                    int at = range[0] + random.nextInt(range[1] - range[0]);
                    bad[at] = switch (random.nextInt(4)) {
                        case 0 -> 0;
                        case 1 -> (byte) 0xFF;
                        default -> (byte) random.nextInt(256);
                    };
                }
                try {
                    decoded += demuxAndDecode(bad);
                } catch (UnreadableInputException expected) {
                    refused++;
                } catch (IOException decoderGaveUp) {
                    assertThat(decoderGaveUp.getMessage()).contains("jcodec");
                }
            }
            assertThat(refused).as("some mutants are refused").isPositive();
            assertThat(decoded).as("some mutants still decode").isPositive();
        });
    }

    /** Frames decoded (at most 4); every indexed sample is checked to lie inside the file first. */
    private static int demuxAndDecode(byte[] file) throws IOException {
        try (MediaInput in = MediaInput.of(file, "mutant")) {
            Movie movie = Mp4Demuxer.open(in, ReadLimits.defaults());
            for (Track t : movie.tracks()) {
                SampleIndex s = t.samples();
                for (int i = 0; i < s.count(); i++) {
                    assertThat(s.offset(i) + s.size(i)).isBetween(0L, (long) file.length);
                }
            }
            int frames = 0;
            try (FrameSource source = FrameSource.open(in, new JcodecBackend(), ReadLimits.defaults())) {
                while (frames < 4 && source.next() != null) {
                    frames++;
                }
            }
            return frames;
        }
    }

    @Test
    void aSampleCountOverTheLimitIsRefusedBeforeAllocating() {
        byte[] bad = clip.clone();
        int stsz = find(bad, FourCC.of("stsz"));
        ByteBuffer.wrap(bad).putInt(stsz + 12, 0x1000); // a constant sample size...
        ByteBuffer.wrap(bad).putInt(stsz + 16, 0x7FFFFFF0); // ...for two billion samples
        assertThatThrownBy(() -> demuxAndDecode(bad)).isInstanceOf(BmffFormatException.class)
                .hasMessageContaining("over the limit");
    }

    @Test
    void aChunkOffsetPastTheEndIsRefused() {
        byte[] bad = clip.clone();
        int stco = find(bad, BoxTypes.STCO);
        ByteBuffer.wrap(bad).putInt(stco + 16, bad.length - 10); // first chunk starts 10 bytes before the end
        assertThatThrownBy(() -> demuxAndDecode(bad)).isInstanceOf(BmffFormatException.class)
                .hasMessageContaining("lies outside the file");
    }

    @Test
    void aTrunDeclaringMoreSamplesThanItHoldsIsRefused() {
        byte[] bad = fragmented.clone();
        int trun = find(bad, FourCC.of("trun"));
        ByteBuffer.wrap(bad).putInt(trun + 12, 0x00FFFFFF); // sample count
        assertThatThrownBy(() -> demuxAndDecode(bad)).isInstanceOf(BmffFormatException.class)
                .hasMessageContaining("holds fewer");
    }

    @Test
    void aChildBoxOfSizeZeroInsideMoovIsRefusedNotLoopedOn() {
        // What made jcodec's parser loop: a box inside moov declaring size 0 ("Broken atom of size 0").
        byte[] bad = clip.clone();
        ByteBuffer.wrap(bad).putInt(find(bad, FourCC.of("tkhd")), 0); // now "to the end of its parent"
        assertThatThrownBy(() -> demuxAndDecode(bad)).isInstanceOf(UnreadableInputException.class);
    }

    /** The [start, end) of the first top-level box of {@code type}'s payload. */
    private static int[] metadataRange(byte[] file, int type) {
        ByteBuffer b = ByteBuffer.wrap(file);
        int p = 0;
        while (p + 8 <= file.length) {
            int size = b.getInt(p);
            if (b.getInt(p + 4) == type) {
                return new int[] {p + 8, p + size};
            }
            p += size;
        }
        throw new AssertionError("no " + FourCC.toString(type) + " box");
    }

    /** The offset of the first box of {@code type} anywhere (where its size field is). */
    private static int find(byte[] file, int type) {
        for (int i = 4; i + 4 <= file.length; i++) {
            if (ByteBuffer.wrap(file).getInt(i) == type) {
                return i - 4;
            }
        }
        throw new AssertionError("no " + FourCC.toString(type));
    }
}
