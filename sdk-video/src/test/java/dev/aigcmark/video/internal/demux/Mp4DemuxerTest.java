package dev.aigcmark.video.internal.demux;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.testing.ExternalTools;
import dev.aigcmark.video.testing.Clips;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our demuxer against ffprobe, an independent reader: for a progressive MP4 with B-frames, a MOV, and fragmented
 * MP4 with and without {@code default-base-is-moof}, every video and audio sample has the position, size, sync
 * flag and timestamps ffprobe reports (ffprobe applies the edit list, so times may differ by one constant).
 */
class Mp4DemuxerTest {
    @TempDir
    static Path dir;
    static Path progressive;

    @BeforeAll
    static void clip() {
        ExternalTools.assumeTool("ffmpeg");
        progressive = Clips.make(dir, "bframes.mp4", "160x120", 2.2,
                List.of("-c:v", "libx264", "-profile:v", "high", "-bf", "3", "-g", "12", "-pix_fmt", "yuv420p",
                        "-c:a", "aac", "-b:a", "48k"));
    }

    @Test
    void progressiveMp4MatchesFfprobe() throws IOException {
        Movie movie = assertMatchesFfprobe(progressive);
        assertThat(movie.fragmented()).isFalse();
        assertThat(movie.quickTime()).isFalse();
        Track video = movie.video().orElseThrow();
        assertThat(video.entry().videoCodec()).isEqualTo(VideoCodec.H264);
        assertThat(video.entry().width()).isEqualTo(160);
        assertThat(AvcConfig.parse(video.entry().decoderConfig()).lengthSize()).isEqualTo(4);
        assertThat(video.samples().syncSamples()).hasSizeGreaterThan(3);
    }

    @Test
    void movMatchesFfprobe() throws IOException {
        Path mov = dir.resolve("copy.mov");
        ExternalTools.run("ffmpeg", "-v", "error", "-y", "-i", progressive.toString(), "-c", "copy", mov.toString())
                .requireSuccess();
        assertThat(assertMatchesFfprobe(mov).quickTime()).isTrue();
    }

    @Test
    void fragmentedMp4MatchesFfprobe() throws IOException {
        for (String flags : List.of("frag_keyframe+empty_moov+default_base_moof", "frag_keyframe+empty_moov",
                "frag_keyframe")) {
            Path frag = dir.resolve("frag-" + flags.length() + ".mp4");
            ExternalTools.run("ffmpeg", "-v", "error", "-y", "-i", progressive.toString(), "-c", "copy",
                    "-movflags", flags, frag.toString()).requireSuccess();
            Movie movie = assertMatchesFfprobe(frag);
            assertThat(movie.fragmented()).as(flags).isTrue();
        }
    }

    /** Compares every sample of the first video and audio track with {@code ffprobe -show_packets}. */
    static Movie assertMatchesFfprobe(Path file) throws IOException {
        try (MediaInput in = MediaInput.of(file)) {
            Movie movie = Mp4Demuxer.open(in, ReadLimits.defaults());
            for (String select : List.of("v:0", "a:0")) {
                Track t = movie.tracks().stream().filter(select.startsWith("v") ? Track::isVideo : Track::isAudio)
                        .findFirst().orElseThrow();
                List<String[]> packets = ExternalTools.run("ffprobe", "-v", "error", "-select_streams", select,
                                "-show_entries", "packet=pts,dts,size,pos,flags", "-of", "csv=p=0", file.toString())
                        .requireSuccess().stdout().lines().filter(l -> !l.isBlank()).map(l -> l.split(",")).toList();
                SampleIndex s = t.samples();
                assertThat(s.count()).as("%s %s samples", file.getFileName(), select).isEqualTo(packets.size());
                long dtsShift = s.dts(0) - Long.parseLong(packets.get(0)[1]);
                for (int i = 0; i < s.count(); i++) {
                    String[] p = packets.get(i);
                    String what = file.getFileName() + " " + select + " sample " + i;
                    assertThat(s.offset(i)).as(what + " pos").isEqualTo(Long.parseLong(p[3]));
                    assertThat(s.size(i)).as(what + " size").isEqualTo(Integer.parseInt(p[2]));
                    assertThat(s.dts(i) - Long.parseLong(p[1])).as(what + " dts").isEqualTo(dtsShift);
                    assertThat(s.cts(i) - Long.parseLong(p[0])).as(what + " pts").isEqualTo(dtsShift);
                    assertThat(s.isSync(i)).as(what + " sync").isEqualTo(p[4].startsWith("K"));
                }
            }
            return movie;
        }
    }
}
