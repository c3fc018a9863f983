package dev.aigcmark.video.internal.demux;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.internal.ebml.EbmlElement;
import dev.aigcmark.core.internal.ebml.EbmlIds;
import dev.aigcmark.core.internal.ebml.EbmlReader;
import dev.aigcmark.core.internal.ebml.MatroskaFile;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.testing.ExternalTools;
import dev.aigcmark.video.internal.pipeline.FramePool;
import dev.aigcmark.video.internal.pipeline.FrameSource;
import dev.aigcmark.video.internal.pipeline.JcodecBackend;
import dev.aigcmark.video.internal.pipeline.VideoFrame;
import dev.aigcmark.video.testing.Clips;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our Matroska frame index against ffprobe's packet list (an independent demuxer) on files written by ffmpeg and
 * mkvmerge: every frame's size, presentation time and keyframe flag in file order; laced blocks (mkvmerge laces
 * audio) split into the same packets; and H.264 decoded from the MKV equal, frame for frame, to the MP4 it was
 * copied from.
 */
class MatroskaDemuxerTest {
    @TempDir
    static Path dir;
    static Path mp4;

    @BeforeAll
    static void clip() {
        ExternalTools.assumeTool("ffmpeg");
        mp4 = Clips.make(dir, "bframes.mp4", "96x64", 1.2, List.of("-c:v", "libx264", "-profile:v", "baseline",
                "-g", "10", "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "32k"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"ffmpeg,libx264 -bf 2", "mkvmerge,libx264 -bf 2", "ffmpeg,libvpx-vp9 -deadline realtime", "live,libvpx-vp9 -deadline realtime",
            "ffmpeg,libvpx -deadline realtime"})
    void framesMatchFfprobesPackets(String muxer, String codec) throws IOException {
        List<String> args = new ArrayList<>(List.of("-c:v"));
        args.addAll(List.of(codec.split(" ")));
        args.addAll(List.of("-g", "10", "-pix_fmt", "yuv420p", "-an"));
        if (muxer.equals("live")) {
            args.addAll(List.of("-live", "1")); // unknown-sized Segment and Clusters
        }
        boolean webm = codec.startsWith("libvpx");
        Path source = Clips.make(dir, muxer + "-" + codec.split(" ")[0] + (webm ? ".webm" : ".mp4"), "96x64", 1.2, args);
        Path mkv = source;
        if (muxer.equals("mkvmerge")) {
            ExternalTools.assumeTool("mkvmerge");
            mkv = dir.resolve("mkvmerge.mkv");
            ExternalTools.run("mkvmerge", "-q", "-o", mkv.toString(), source.toString()).requireSuccess();
        } else if (!webm) {
            mkv = dir.resolve("ffmpeg.mkv");
            ExternalTools.run("ffmpeg", "-v", "error", "-y", "-i", source.toString(), "-c", "copy", mkv.toString())
                    .requireSuccess();
        }
        try (MediaInput in = MediaInput.of(mkv)) {
            Track t = MatroskaDemuxer.videoTrack(in, ReadLimits.defaults());
            assertThat(t.entry().videoCodec()).isEqualTo(codec.startsWith("libx264") ? VideoCodec.H264
                    : codec.startsWith("libvpx-vp9") ? VideoCodec.VP9 : VideoCodec.VP8);
            assertThat(ours(t)).isEqualTo(ffprobe(mkv, "v:0"));
            assertThat(t.samples().syncSamples()).hasSizeGreaterThan(1);
        }
    }

    @Test
    void lacedAudioBlocksSplitIntoFfprobesPackets() throws IOException {
        ExternalTools.assumeTool("mkvmerge");
        Path mkv = dir.resolve("laced.mkv");
        ExternalTools.run("mkvmerge", "-q", "-o", mkv.toString(), mp4.toString()).requireSuccess();
        try (MediaInput in = MediaInput.of(mkv)) {
            MatroskaFile file = MatroskaFile.read(in, ReadLimits.defaults());
            EbmlReader reader = new EbmlReader(in, ReadLimits.defaults());
            long audioTrack = 2; // mkvmerge numbers tracks in input order: video 1, audio 2
            MatroskaBlocks blocks = new MatroskaBlocks(reader, audioTrack, 0);
            for (EbmlElement cluster : file.all(EbmlIds.CLUSTER)) {
                blocks.cluster(cluster);
            }
            List<String> theirs = ffprobe(mkv, "a:0");
            assertThat(blocks.count()).as("audio frames").isEqualTo(theirs.size());
            long blocksHolding = ExternalTools.run("ffprobe", "-v", "error", "-select_streams", "a:0", "-show_entries",
                    "packet=pos", "-of", "csv=p=0", mkv.toString()).requireSuccess().stdout().strip().lines().distinct().count();
            SampleIndex s = blocks.index(in.size(), "audio", 1);
            List<Integer> sizes = new ArrayList<>();
            for (int i = 0; i < s.count(); i++) {
                sizes.add(s.size(i));
            }
            assertThat(sizes).isEqualTo(theirs.stream().map(x -> Integer.parseInt(x.split(",")[1])).toList());
            assertThat(blocksHolding).as("mkvmerge laced several audio frames per block").isLessThan(theirs.size());
        }
    }

    @Test
    void h264FromMatroskaDecodesLikeTheMp4ItWasCopiedFrom() throws IOException {
        Path mkv = dir.resolve("copy.mkv");
        ExternalTools.run("ffmpeg", "-v", "error", "-y", "-i", mp4.toString(), "-c", "copy", mkv.toString())
                .requireSuccess();
        List<String> fromMp4;
        try (MediaInput in = MediaInput.of(mp4);
             FrameSource s = FrameSource.open(in, new JcodecBackend(), ReadLimits.defaults())) {
            fromMp4 = frames(s);
        }
        try (MediaInput in = MediaInput.of(mkv);
             FrameSource s = FrameSource.open(MatroskaDemuxer.videoTrack(in, ReadLimits.defaults()), in,
                     new JcodecBackend(), ReadLimits.defaults(), FramePool.NONE)) {
            assertThat(frames(s)).hasSize(30).isEqualTo(fromMp4);
        }
    }

    /** Each frame as "pts in ms, luma hash". */
    private static List<String> frames(FrameSource s) throws IOException {
        List<String> out = new ArrayList<>();
        for (VideoFrame f; (f = s.next()) != null; ) {
            out.add(f.ptsMicros() / 1000 + "," + Arrays.hashCode(f.i420()));
        }
        return out;
    }

    /** Our index as ffprobe prints packets: "pts in µs,size,K_ or __". */
    private static List<String> ours(Track t) {
        List<String> out = new ArrayList<>();
        SampleIndex s = t.samples();
        for (int i = 0; i < s.count(); i++) {
            out.add(t.micros(s.cts(i)) + "," + s.size(i) + "," + (s.isSync(i) ? "K" : "_"));
        }
        return out;
    }

    private static List<String> ffprobe(Path f, String stream) {
        String csv = ExternalTools.run("ffprobe", "-v", "error", "-select_streams", stream, "-show_entries",
                "packet=pts_time,size,flags", "-of", "csv=p=0", f.toString()).requireSuccess().stdout();
        List<String> out = new ArrayList<>();
        for (String line : csv.strip().split("\n")) {
            String[] p = line.split(",");
            out.add(Math.round(Double.parseDouble(p[0]) * 1e6) + "," + p[1] + "," + (p[2].startsWith("K") ? "K" : "_"));
        }
        return out;
    }
}
