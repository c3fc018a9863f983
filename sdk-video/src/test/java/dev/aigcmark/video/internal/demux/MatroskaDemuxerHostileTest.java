package dev.aigcmark.video.internal.demux;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.internal.ebml.EbmlElement;
import dev.aigcmark.core.internal.ebml.EbmlIds;
import dev.aigcmark.core.internal.ebml.EbmlReader;
import dev.aigcmark.core.internal.ebml.MatroskaFile;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.testing.ExternalTools;
import dev.aigcmark.testing.TestSeed;
import dev.aigcmark.video.internal.pipeline.FramePool;
import dev.aigcmark.video.internal.pipeline.FrameSource;
import dev.aigcmark.video.internal.pipeline.JcodecBackend;
import dev.aigcmark.video.testing.Clips;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Seeded mutants of a small H.264 Matroska file, damaged where the frame demuxer reads (the EBML header, Info and
 * Tracks, and every Cluster child's header and block header): each is refused with an IOException or yields
 * frames that all lie inside the file, and decoding what it yields ends. Nothing hangs.
 */
class MatroskaDemuxerHostileTest {
    @TempDir
    static Path dir;
    static byte[] clip;
    static int[] structure;

    @BeforeAll
    static void clip() throws IOException {
        ExternalTools.assumeTool("ffmpeg");
        Path mp4 = Clips.make(dir, "tiny.mp4", "64x48", 0.6, List.of("-c:v", "libx264", "-profile:v", "baseline",
                "-g", "5", "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "32k"));
        Path mkv = dir.resolve("tiny.mkv");
        ExternalTools.run("ffmpeg", "-v", "error", "-y", "-i", mp4.toString(), "-c", "copy", mkv.toString())
                .requireSuccess();
        clip = Files.readAllBytes(mkv);
        structure = structuralBytes(mkv);
    }

    /** Offsets of the bytes a demuxer interprets: everything before the first Cluster, and each block's headers. */
    private static int[] structuralBytes(Path mkv) throws IOException {
        List<Integer> at = new ArrayList<>();
        try (MediaInput in = MediaInput.of(mkv)) {
            MatroskaFile file = MatroskaFile.read(in, ReadLimits.defaults());
            for (int i = 0; i < file.firstClusterOffset(); i++) {
                at.add(i);
            }
            EbmlReader reader = new EbmlReader(in, ReadLimits.defaults());
            for (EbmlElement cluster : file.all(EbmlIds.CLUSTER)) {
                for (EbmlElement e : reader.children(cluster.dataOffset(), cluster.end(), Set.of(), 2)) {
                    for (long i = e.offset(); i < Math.min(e.end(), e.dataOffset() + 4); i++) {
                        at.add((int) i);
                    }
                }
            }
        }
        return at.stream().mapToInt(Integer::intValue).toArray();
    }

    @Test
    void mutantsAreRefusedOrYieldFramesInsideTheFile() {
        assertTimeoutPreemptively(Duration.ofMinutes(3), () -> {
            Random random = TestSeed.random("MatroskaDemuxerHostileTest.mutants");
            int refused = 0;
            int decoded = 0;
            for (int round = 0; round < 300; round++) {
                byte[] bad = clip.clone();
                for (int e = 1 + random.nextInt(4); e > 0; e--) {
                    int at = structure[random.nextInt(structure.length)];
                    bad[at] = switch (random.nextInt(4)) {
                        case 0 -> 0;
                        case 1 -> (byte) 0xFF;
                        default -> (byte) random.nextInt(256);
                    };
                }
                try {
                    decoded += demuxAndDecode(bad);
                } catch (IOException expected) {
                    refused++;
                } catch (RuntimeException decoderGaveUp) {
                    // jcodec on a damaged frame; the watermark codec reports these as undecodable
                    assertThat(decoderGaveUp.getStackTrace()[0].getClassName()).startsWith("org.jcodec");
                }
            }
            assertThat(refused).as("some mutants are refused").isPositive();
            assertThat(decoded).as("some mutants still decode").isPositive();
        });
    }

    /** Frames decoded (at most 4); every indexed frame is checked to lie inside the file first. */
    private static int demuxAndDecode(byte[] file) throws IOException {
        try (MediaInput in = MediaInput.of(file, "mutant")) {
            Track t = MatroskaDemuxer.videoTrack(in, ReadLimits.defaults());
            SampleIndex s = t.samples();
            for (int i = 0; i < s.count(); i++) {
                assertThat(s.offset(i) + s.size(i)).isBetween(0L, (long) file.length);
            }
            int frames = 0;
            try (FrameSource source = FrameSource.open(t, in, new JcodecBackend(), ReadLimits.defaults(), FramePool.NONE)) {
                while (frames < 4 && source.next() != null) {
                    frames++;
                }
            }
            return frames;
        }
    }
}
