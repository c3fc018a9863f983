package dev.aigcmark.video.ffmpeg.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigcmark.core.MarkIntent;
import dev.aigcmark.core.MarkResult;
import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.Marker;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.testing.CountingInput;
import dev.aigcmark.testing.ExternalTools;
import dev.aigcmark.testing.TestSeed;
import dev.aigcmark.video.internal.audio.pcm.Pcm;
import dev.aigcmark.video.internal.audio.prompt.MorsePrompt;
import dev.aigcmark.video.internal.pipeline.DecodedAudio;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Movies with many dubs. An MP4 with H.264, eight AAC tracks (eight languages, seeded noises) and a mov_text
 * subtitle is marked with the read budget at its tightest (once the file, plus the fixed slack): every sound is
 * marked and put back in one merge, each decode reads only its own track's packets. When each track had its own
 * merge and every decode read the whole movie, this file read ~22× its size and the mark failed with {@code
 * asset.limit.bytesRead} (it fails here so on the old code; measured with the CLI: 122.6 MB read for a 5.6 MB
 * file, 74.1 MB with one merge alone, 32.5 MB with the decodes skipping the other streams too). After marking: the
 * same streams, codecs and languages (ffprobe), the subtitle's packets unchanged (framemd5), the picture as many
 * frames, each sound in sync with the picture and as long as it was, and verify reporting the payload on all eight
 * tracks. The audio-only Matroska file with several tracks (the in-sync path with the Morse prompt) too.
 */
class ManyAudioTracksTest {
    private static final int TRACKS = 8;
    private static final int RATE = 48000;
    private static final List<String> LANGUAGES = List.of("eng", "fre", "ger", "spa", "ita", "jpn", "chi", "rus");

    @TempDir
    static Path dir;
    @RegisterExtension
    static final TrustedMarking MARKING = TrustedMarking.assuming("ffmpeg", "ffprobe", "mkvmerge");

    /** {@code n} seeded stereo pink noises of {@code seconds} at 48 kHz, as ffmpeg inputs. */
    private static List<String> noises(Random random, int n, int seconds) {
        List<String> inputs = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            inputs.addAll(List.of("-f", "lavfi", "-i", "anoisesrc=color=pink:amplitude=0.3:seed="
                    + (1 + random.nextInt(1 << 20)) + ":sample_rate=" + RATE + ":duration=" + seconds
                    + ",aformat=channel_layouts=stereo"));
        }
        return inputs;
    }

    @Test
    void eightDubsOfAnMp4AreMarkedInOneMergeWithinTheTightestReadBudget() throws Exception {
        Random random = TestSeed.random("ManyAudioTracksTest.mp4");
        Path srt = Files.writeString(dir.resolve("sub.srt"),
                "1\n00:00:02,000 --> 00:00:04,000\nHello\n\n2\n00:00:09,000 --> 00:00:11,500\nWorld\n");
        Path in = dir.resolve("dubs.mp4");
        List<String> make = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
                "testsrc2=size=160x120:rate=25:duration=16"));
        make.addAll(noises(random, TRACKS, 16));
        make.addAll(List.of("-i", srt.toString(), "-map", "0:v"));
        for (int k = 0; k < TRACKS; k++) {
            make.addAll(List.of("-map", (k + 1) + ":a", "-metadata:s:a:" + k, "language=" + LANGUAGES.get(k)));
        }
        // 320 kb/s per dub: the sound is most of the file, so the file (4.5 MB) is large against the 64 MB slack
        make.addAll(List.of("-map", (TRACKS + 1) + ":s", "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac",
                "-b:a", "320k", "-c:s", "mov_text", "-t", "16", in.toString()));
        ExternalTools.run(make).requireSuccess();
        Path out = dir.resolve("dubs-marked.mp4");
        SdkContext context = MARKING.context();
        SdkContext tight = context.toBuilder().limits(context.limits().toBuilder().maxReadFactor(1).build()).build();

        MarkResult r = new Marker(tight).mark(in, out, MarkIntent.builder().c2pa(false).build());

        for (int k = 1; k <= TRACKS; k++) {
            assertThat(r.steps().toString()).contains("audio track " + k + " of " + TRACKS + ": audio: watermark");
        }
        JsonNode was = FfmpegAudioMarkTest.probe(in).path("streams");
        JsonNode now = FfmpegAudioMarkTest.probe(out).path("streams");
        assertThat(now).hasSize(TRACKS + 2);
        for (int i = 0; i < TRACKS + 2; i++) {
            assertThat(now.get(i).path("codec_name").asText()).isEqualTo(was.get(i).path("codec_name").asText());
            assertThat(now.get(i).path("tags").path("language").asText())
                    .isEqualTo(was.get(i).path("tags").path("language").asText());
        }
        assertThat(MatroskaVideoSoundTest.packetHashes(out, "s")).isEqualTo(MatroskaVideoSoundTest.packetHashes(in, "s"));
        assertThat(MatroskaVideoSoundTest.packetHashes(out, "v")).hasSameSizeAs(MatroskaVideoSoundTest.packetHashes(in,
                "v"));
        double moved = (MatroskaVideoSoundTest.videoStart(out) - MatroskaVideoSoundTest.videoStart(in)) * RATE;
        for (int k = 0; k < TRACKS; k++) {
            inSync(in, out, k, moved, false);
        }
        MARKING.verifiedOnEveryTrack(out, r, TRACKS);
    }

    /**
     * Each dub's decode reads its own packets (and the headers), not the movie: ffmpeg interleaves a many-track MP4
     * packet by packet, so a buffered reader that does not skip the other streams reads the whole file for each track
     * (it failed so with the other streams read, or skipped through a 64 KB buffer).
     */
    @Test
    void eachDubsDecodeReadsItsOwnPacketsNotTheWholeMovie() throws Exception {
        Random random = TestSeed.random("ManyAudioTracksTest.decode");
        Path in = dir.resolve("dubs-decode.mp4");
        List<String> make = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
                "testsrc2=size=160x120:rate=25:duration=12"));
        make.addAll(noises(random, TRACKS, 12));
        make.addAll(List.of("-map", "0:v"));
        for (int k = 0; k < TRACKS; k++) {
            make.addAll(List.of("-map", (k + 1) + ":a"));
        }
        make.addAll(List.of("-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", "-b:a", "128k", "-t", "12",
                in.toString()));
        ExternalTools.run(make).requireSuccess();
        long size = Files.size(in);
        for (int k = 0; k < TRACKS; k++) {
            CountingInput counted = new CountingInput(MediaInput.of(in));
            DecodedAudio d = FfmpegAudio.decodeStream(counted, k, 60L * RATE, ReadLimits.defaults());
            assertThat(d.pcm().frames()).isGreaterThan(11 * RATE);
            System.out.printf("track %d: %d of %d bytes read%n", k, counted.count(), size);
            assertThat(counted.count()).as("bytes read to decode track %d of a %d-byte file", k, size)
                    .isLessThan(size / 3);
        }
    }

    @Test
    void everyTrackOfAnAudioOnlyMatroskaFileIsMarkedWithItsPrompt() throws Exception {
        Random random = TestSeed.random("ManyAudioTracksTest.mka");
        Path in = dir.resolve("two.mka");
        List<String> make = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-y"));
        make.addAll(noises(random, 2, 12));
        make.addAll(List.of("-map", "0:a", "-map", "1:a", "-c:a", "libopus", "-b:a", "96k",
                "-metadata:s:a:0", "language=eng", "-metadata:s:a:1", "language=fre", in.toString()));
        ExternalTools.run(make).requireSuccess();
        Path out = dir.resolve("two-marked.mka");

        MarkResult r = new Marker(MARKING.context()).mark(in, out, MarkIntent.builder().c2pa(false).build());

        assertThat(r.steps().toString()).contains("audio track 1 of 2: audio: explicit prompt",
                "audio track 2 of 2: audio: explicit prompt", "audio track 1 of 2: audio: watermark",
                "audio track 2 of 2: audio: watermark");
        JsonNode before = MatroskaAudioKeepsDataTest.mkvmerge(in);
        JsonNode after = MatroskaAudioKeepsDataTest.mkvmerge(out);
        assertThat(after.path("errors")).as("%s", after.path("errors")).isEmpty();
        assertThat(after.path("tracks")).hasSize(2);
        for (int i = 0; i < 2; i++) {
            assertThat(after.path("tracks").get(i).path("codec").asText())
                    .isEqualTo(before.path("tracks").get(i).path("codec").asText());
            assertThat(after.path("tracks").get(i).path("properties").path("language").asText())
                    .isEqualTo(before.path("tracks").get(i).path("properties").path("language").asText());
        }
        // no picture: the file may start later as a whole (FFmpeg's Opus encoder moves it 480 samples, 10 ms, as in
        // a video), the two sounds together
        int lead = inSync(in, out, 0, Double.NaN, true);
        assertThat(Math.abs(lead)).as("the sound's move as a whole").isLessThanOrEqualTo(RATE / 50);
        inSync(in, out, 1, lead, true);
        MARKING.verifiedOnEveryTrack(out, r, 2);
    }

    /**
     * Audio track {@code track} of {@code out} against {@code in}'s, on the files' own timelines: moved by {@code
     * moved} samples (the picture's move, or the first sound's; NaN: not checked) to within 2, as long as it was, the
     * prompt over its start when {@code prompt}.
     *
     * @return its lag
     */
    private static int inSync(Path in, Path out, int track, double moved, boolean prompt) throws Exception {
        float[] was = MatroskaVideoSoundTest.sound(in, track, RATE, dir);
        float[] now = MatroskaVideoSoundTest.sound(out, track, RATE, dir);
        int lag = MatroskaVideoSoundTest.lag(was, now, 3 * RATE, 2 * RATE, 2000);
        System.out.printf("track %d: lag %d samples, expected %.1f%n", track, lag, moved);
        if (!Double.isNaN(moved)) {
            assertThat(lag - moved).as("track %d against the picture or the first sound, in samples (lag %d, "
                    + "expected %.1f)", track, lag, moved).isCloseTo(0, within(2.0));
        }
        assertThat(now.length - lag).as("length of track %d", track).isCloseTo(was.length, within(RATE / 50));
        Pcm head = new Pcm(new float[][]{Arrays.copyOfRange(now, Math.max(0, lag), now.length)}, RATE);
        assertThat(MorsePrompt.presentAt(head, MorsePrompt.Position.START)).as("prompt on track %d", track)
                .isEqualTo(prompt);
        return lag;
    }

}
