package dev.aigcmark.video.ffmpeg.internal;

import dev.aigcmark.core.MarkIntent;
import dev.aigcmark.core.MarkResult;
import dev.aigcmark.core.MarkStep;
import dev.aigcmark.core.Marker;
import dev.aigcmark.testing.ExternalTools;
import dev.aigcmark.testing.TestSeed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Matroska video with two audio tracks of which one cannot be marked (a mono Vorbis track: FFmpeg's own Vorbis
 * encoder, the only one in the natives, takes only stereo): the other is marked, this one is copied packet for packet,
 * and the steps say so, track by track and in the video's note ("1 of 2 audio tracks; the others copied unmarked",
 * never "all 2 audio tracks").
 */
class AudioTrackKeptUnmarkedTest {
    @TempDir
    static Path dir;
    @RegisterExtension
    static final TrustedMarking MARKING = TrustedMarking.assuming("ffmpeg");

    @Test
    void theVideoNoteCountsOnlyTheMarkedTracks() throws Exception {
        Random random = TestSeed.random("AudioTrackKeptUnmarkedTest");
        Path in = dir.resolve("in.mkv");
        ExternalTools.run(List.of("ffmpeg", "-v", "error", "-y",
                "-f", "lavfi", "-i", "testsrc2=size=160x120:rate=25:duration=12",
                "-f", "lavfi", "-i", "anoisesrc=color=pink:amplitude=0.3:seed=" + (1 + random.nextInt(1 << 20))
                        + ":sample_rate=48000:duration=12",
                "-f", "lavfi", "-i", "anoisesrc=color=pink:amplitude=0.3:seed=" + (1 + random.nextInt(1 << 20))
                        + ":sample_rate=44100:duration=12",
                "-map", "0:v", "-map", "1:a", "-map", "2:a", "-c:v", "libx264", "-preset", "ultrafast",
                "-c:a:0", "libopus", "-b:a:0", "64k", "-c:a:1", "libvorbis", "-q:a:1", "3", "-ac:a:1", "1",
                "-t", "12", in.toString())).requireSuccess();
        Path out = dir.resolve("marked.mkv");

        MarkResult r = new Marker(MARKING.context()).mark(in, out, MarkIntent.builder().c2pa(false).build());

        String steps = r.steps().toString();
        assertThat(steps).contains("audio track 1 of 2: audio: watermark", "audio track 2 of 2: not marked, kept as it was",
                "frames not marked", "its sound is (1 of 2 audio tracks; the others copied unmarked)");
        assertThat(steps).doesNotContain("all 2 audio tracks", "audio track 2 of 2: audio: watermark");
        assertThat(r.steps()).anySatisfy(s -> {
            assertThat(s.kind()).isEqualTo(MarkStep.Kind.NOT_SUPPORTED);
            assertThat(s.detail()).startsWith("audio track 2 of 2: not marked, kept as it was")
                    .contains("encodes stereo only (this sound has 1 channel)");
        });
        // refused before marking: no step of marking that track (its prompt or its watermark)
        assertThat(steps).doesNotContain("audio track 2 of 2: audio: explicit prompt");
        // the track kept unmarked is the same, packet for packet; the marked one is not
        assertThat(MatroskaVideoSoundTest.packetHashes(out, "a:1")).isEqualTo(MatroskaVideoSoundTest.packetHashes(in, "a:1"));
        assertThat(MatroskaVideoSoundTest.packetHashes(out, "a:0")).isNotEqualTo(MatroskaVideoSoundTest.packetHashes(in, "a:0"));
    }

    /**
     * An Ogg file of mono Vorbis: its sound is not marked (FFmpeg's Vorbis encoder takes only stereo), the report says
     * why in a not-supported step, and the file still gets its label, its packets copied as they were.
     */
    @Test
    void aMonoVorbisFileIsLabelledAndTheReportSaysWhyItsSoundIsNotMarked() throws Exception {
        Random random = TestSeed.random("AudioTrackKeptUnmarkedTest.mono");
        Path in = dir.resolve("mono.ogg");
        ExternalTools.run(List.of("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
                "anoisesrc=color=pink:amplitude=0.3:seed=" + (1 + random.nextInt(1 << 20))
                        + ":sample_rate=44100:duration=6", "-c:a", "libvorbis", "-q:a", "3", "-ac", "1",
                in.toString())).requireSuccess();
        Path out = dir.resolve("mono-marked.ogg");

        MarkResult r = new Marker(MARKING.context()).mark(in, out, MarkIntent.builder().c2pa(false).build());

        assertThat(r.steps()).anySatisfy(s -> {
            assertThat(s.kind()).isEqualTo(MarkStep.Kind.NOT_SUPPORTED);
            assertThat(s.detail()).contains("the audio is not marked: it cannot be encoded again here",
                    "FFmpeg's own Vorbis encoder", "encodes stereo only (this sound has 1 channel)");
        });
        assertThat(r.steps().toString()).doesNotContain("Operation not permitted", "audio: watermark",
                "audio: explicit prompt");
        assertThat(packets(out)).as("the sound's packets").isEqualTo(packets(in));
        String probe = FfmpegAudioMarkTest.probe(out).toString();
        assertThat(probe).as("ffprobe reads our label").contains(r.label().produceId());
    }

    /**
     * Each audio packet's size and MD5 (ffmpeg framemd5), without the side data: the first packet of an Ogg stream
     * carries the comment header, where the label goes.
     */
    private static List<String> packets(Path f) {
        List<String> hashes = new ArrayList<>();
        for (String line : ExternalTools.run("ffmpeg", "-v", "error", "-i", f.toString(), "-map", "0:a", "-c", "copy",
                "-f", "framemd5", "-").requireSuccess().stdout().split("\n")) {
            String[] cols = line.split(",");
            if (!line.startsWith("#") && cols.length >= 6) {
                hashes.add(cols[4].trim() + " " + cols[5].trim());
            }
        }
        assertThat(hashes).hasSizeGreaterThan(100);
        return hashes;
    }
}
