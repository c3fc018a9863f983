package dev.aigcmark.video.ffmpeg.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigcmark.core.MarkIntent;
import dev.aigcmark.core.MarkResult;
import dev.aigcmark.core.Marker;
import dev.aigcmark.testing.ExternalTools;
import dev.aigcmark.testing.TestSeed;
import dev.aigcmark.video.internal.audio.pcm.Pcm;
import dev.aigcmark.video.internal.audio.prompt.MorsePrompt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A video with two audio tracks (two languages, two codecs) gets both marked: files made by ffmpeg from the seed
 * (Matroska: H.264 + Opus (eng) + Vorbis (fre) + SRT; WebM: VP8 + Opus + Vorbis; MP4: H.264 + AAC (eng) + MP3 (fre)).
 * After {@code Marker.mark}: the same tracks, codecs, names and languages (mkvmerge -J, ffprobe), every video and
 * subtitle packet of a Matroska file the same (ffmpeg framemd5), each sound in sync with the picture (cross-correlated
 * on the files' own timelines), as long as it was, with the Morse prompt over its start (Matroska), FFmpeg's {@code
 * ENCODER} tag of each sound naming the new encoder, and verify reporting the payload once per track. Vorbis goes
 * through a Matroska intermediate (the MP4 one put it 29 ms early).
 */
class SeveralAudioTracksTest {
    @TempDir
    static Path dir;
    @RegisterExtension
    static final TrustedMarking MARKING = TrustedMarking.assuming("ffmpeg", "ffprobe", "mkvmerge", "mkvextract");

    /** Two seeded noises (a mono one at 48 kHz, a stereo one at 44.1 kHz: FFmpeg's Vorbis encoder takes only stereo). */
    private static List<String> sounds(Random random) {
        return List.of("-f", "lavfi", "-i", "anoisesrc=color=pink:amplitude=0.3:seed=" + (1 + random.nextInt(1 << 20))
                        + ":sample_rate=48000:duration=12",
                "-f", "lavfi", "-i", "anoisesrc=color=pink:amplitude=0.3:seed=" + (1 + random.nextInt(1 << 20))
                        + ":sample_rate=44100:duration=12,aformat=channel_layouts=stereo");
    }

    @ParameterizedTest
    @ValueSource(strings = {"mkv", "webm"})
    void bothSoundsOfAMatroskaVideoAreMarkedInSync(String ext) throws Exception {
        boolean webm = ext.equals("webm");
        Random random = TestSeed.random("SeveralAudioTracksTest." + ext);
        Path srt = Files.writeString(dir.resolve("sub.srt"), "1\n00:00:02,000 --> 00:00:04,000\nHello\n");
        Path in = dir.resolve("in." + ext);
        List<String> make = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
                "testsrc2=size=160x120:rate=25:duration=12"));
        make.addAll(sounds(random));
        if (!webm) {
            make.addAll(List.of("-i", srt.toString()));
        }
        make.addAll(List.of("-map", "0:v", "-map", "1:a", "-map", "2:a"));
        if (!webm) {
            make.addAll(List.of("-map", "3:s", "-c:s", "srt"));
        }
        make.addAll(List.of("-c:v", webm ? "libvpx" : "libx264", "-preset", "ultrafast", "-deadline", "realtime",
                "-c:a:0", "libopus", "-b:a:0", "64k", "-c:a:1", "libvorbis", "-q:a:1", "3",
                "-metadata:s:a:0", "language=eng", "-metadata:s:a:0", "title=Voice",
                "-metadata:s:a:1", "language=fre", "-metadata:s:a:1", "title=Doublage", "-t", "12", in.toString()));
        ExternalTools.run(make).requireSuccess();
        String tagsBefore = tags(in);
        assertThat(tagsBefore).contains("libopus", "libvorbis"); // FFmpeg's ENCODER tags of the two sounds
        Path out = dir.resolve("marked." + ext);

        MarkResult r = new Marker(MARKING.context()).mark(in, out, MarkIntent.builder().c2pa(false).build());

        assertThat(r.steps().toString()).contains("audio track 1 of 2: audio: explicit prompt",
                "audio track 2 of 2: audio: explicit prompt", "audio track 1 of 2: audio: watermark",
                "audio track 2 of 2: audio: watermark", "all 2 audio tracks", "frames not marked");
        assertThat(r.steps().toString()).as("the Vorbis track is in sync: no step says it is late")
                .doesNotContain("lead-in");
        JsonNode before = MatroskaAudioKeepsDataTest.mkvmerge(in);
        JsonNode after = MatroskaAudioKeepsDataTest.mkvmerge(out);
        assertThat(after.path("errors")).as("%s", after.path("errors")).isEmpty();
        assertThat(after.path("tracks")).hasSize(webm ? 3 : 4);
        for (int i = 0; i < before.path("tracks").size(); i++) {
            JsonNode was = before.path("tracks").get(i);
            JsonNode now = after.path("tracks").get(i);
            assertThat(now.path("type").asText()).isEqualTo(was.path("type").asText());
            assertThat(now.path("codec").asText()).isEqualTo(was.path("codec").asText());
            assertThat(now.path("properties").path("language").asText())
                    .isEqualTo(was.path("properties").path("language").asText());
            assertThat(now.path("properties").path("track_name").asText())
                    .isEqualTo(was.path("properties").path("track_name").asText());
        }
        assertThat(after.path("tracks").get(1).path("properties").path("track_name").asText()).isEqualTo("Voice");
        assertThat(after.path("tracks").get(2).path("properties").path("language").asText()).isEqualTo("fre");
        assertThat(MatroskaVideoSoundTest.packetHashes(out, "v")).isEqualTo(MatroskaVideoSoundTest.packetHashes(in, "v"));
        if (!webm) {
            assertThat(MatroskaVideoSoundTest.packetHashes(out, "s"))
                    .isEqualTo(MatroskaVideoSoundTest.packetHashes(in, "s"));
        }
        String tagsAfter = tags(out);
        assertThat(tagsAfter).doesNotContain("libvorbis").contains("<String>libopus (aigcmark",
                "<String>vorbis (aigcmark");
        assertThat(tagsAfter).as("no tag names the sounds' old encoders").doesNotContainPattern("Lavc[^<]*lib(opus|vorbis)");

        // Opus through an MP4 intermediate: in sync to 2 samples; Vorbis through a Matroska one, its packets moved so
        // that its first sample lands where the original's first decoded sample was: in sync to 2 samples too (it was
        // 277 samples, 6.3 ms, early before session 15)
        syncedAndPrompted(in, out, 0, 48000, 2, true);
        syncedAndPrompted(in, out, 1, 44100, 2, true);
        MARKING.verifiedOnEveryTrack(out, r, 2);
    }

    @Test
    void bothSoundsOfAnMp4VideoAreMarkedInSync() throws Exception {
        Random random = TestSeed.random("SeveralAudioTracksTest.mp4");
        Path in = dir.resolve("in.mp4");
        List<String> make = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
                "testsrc2=size=160x120:rate=25:duration=12"));
        make.addAll(sounds(random));
        make.addAll(List.of("-map", "0:v", "-map", "1:a", "-map", "2:a", "-c:v", "libx264", "-preset", "ultrafast",
                "-c:a:0", "aac", "-b:a:0", "96k", "-c:a:1", "libmp3lame", "-b:a:1", "128k",
                "-metadata:s:a:0", "language=eng", "-metadata:s:a:1", "language=fre", "-t", "12", in.toString()));
        ExternalTools.run(make).requireSuccess();
        Path out = dir.resolve("marked.mp4");

        MarkResult r = new Marker(MARKING.context()).mark(in, out, MarkIntent.builder().c2pa(false).build());

        assertThat(r.steps().toString()).contains("audio track 1 of 2: audio: watermark",
                "audio track 2 of 2: audio: watermark", "re-encoded with aac", "re-encoded with libmp3lame");
        JsonNode was = FfmpegAudioMarkTest.probe(in).path("streams");
        JsonNode now = FfmpegAudioMarkTest.probe(out).path("streams");
        assertThat(now).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(now.get(i).path("codec_name").asText()).isEqualTo(was.get(i).path("codec_name").asText());
            assertThat(now.get(i).path("tags").path("language").asText())
                    .isEqualTo(was.get(i).path("tags").path("language").asText());
        }
        // the edit list keeps each encoder's lead-in before the picture's start: both in sync to 2 samples
        syncedAndPrompted(in, out, 0, 48000, 2, false);
        syncedAndPrompted(in, out, 1, 44100, 2, false);
        MARKING.verifiedOnEveryTrack(out, r, 2);
    }

    /**
     * Audio track {@code track} of {@code out} against {@code in}'s: within {@code tolerance} samples of the picture
     * (the whole file may start later), as long as it was, the prompt at its start when {@code prompt} (a Matroska
     * video's sound; an MP4's carries the watermark alone).
     */
    private static void syncedAndPrompted(Path in, Path out, int track, int rate, double tolerance, boolean prompt)
            throws Exception {
        float[] was = MatroskaVideoSoundTest.sound(in, track, rate, dir);
        float[] now = MatroskaVideoSoundTest.sound(out, track, rate, dir);
        double moved = (MatroskaVideoSoundTest.videoStart(out) - MatroskaVideoSoundTest.videoStart(in)) * rate;
        int lag = MatroskaVideoSoundTest.lag(was, now, 3 * rate, 2 * rate, 3000);
        System.out.printf("track %d: lag %d samples, the picture moved %.1f%n", track, lag, moved);
        assertThat(lag - moved).as("track %d against the picture, in samples (lag %d, the file moved %.1f)", track,
                lag, moved).isCloseTo(0, within(tolerance));
        assertThat(now.length - lag).as("length of track %d", track).isCloseTo(was.length, within(rate / 50));
        Pcm head = new Pcm(new float[][]{Arrays.copyOfRange(now, Math.max(0, lag), now.length)}, rate);
        assertThat(MorsePrompt.presentAt(head, MorsePrompt.Position.START)).as("prompt on track %d", track)
                .isEqualTo(prompt);
        assertThat(MorsePrompt.presentAt(new Pcm(new float[][]{was}, rate), MorsePrompt.Position.START)).isFalse();
    }

    private static String tags(Path f) throws Exception {
        Path xml = dir.resolve(f.getFileName() + ".tags.xml");
        ExternalTools.run("mkvextract", f.toString(), "tags", xml.toString()).requireSuccess();
        return Files.readString(xml, StandardCharsets.UTF_8);
    }
}
