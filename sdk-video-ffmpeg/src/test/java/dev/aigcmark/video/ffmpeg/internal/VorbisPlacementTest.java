package dev.aigcmark.video.ffmpeg.internal;

import dev.aigcmark.core.MarkIntent;
import dev.aigcmark.core.MarkResult;
import dev.aigcmark.core.Marker;
import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.internal.c2pa.TestIdentity;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.testing.ExternalTools;
import dev.aigcmark.testing.TestSeed;
import dev.aigcmark.video.internal.pipeline.DecodedAudio;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Where a Vorbis sound re-encoded into a Matroska intermediate lands when {@link FfmpegRemux} puts it back in a video
 * (session 15 review, N3): the probe of the original's first decoded sample keeps to the caller's limits; when it
 * finds none, the sound is still placed (our own lead-in taken away, by the streams' start times) and the remux says
 * the placement is approximate instead of leaving the sound late by the whole lead-in without a word; and the lead-in
 * stays a few milliseconds at a rate with few factors in common with 1000 (it was a whole second at 96,001 Hz).
 * Files made by the real ffmpeg (libx264 + libvorbis) from the seed.
 */
class VorbisPlacementTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void tools() {
        ExternalTools.assumeTool("ffmpeg");
        ExternalTools.assumeTool("ffprobe");
        assertThat(new FfmpegBackend().unavailable()).isNull();
    }

    @Test
    void theLeadInIsAWholeNumberOfMillisecondsUpToTwentyAndHalfAFrameBeyond() {
        int half = FfmpegAudioEncoder.VORBIS_FRAME / 2;
        assertThat(FfmpegAudioEncoder.vorbisLeadIn(44_100, half)).isEqualTo(441); // 10 ms, as in session 15
        assertThat(FfmpegAudioEncoder.vorbisLeadIn(48_000, half)).isEqualTo(48);
        assertThat(FfmpegAudioEncoder.vorbisLeadIn(96_001, half)).as("a crafted rate: was 96001, a second")
                .isEqualTo(half);
        assertThat(FfmpegAudioEncoder.vorbisLeadIn(44_056, half)).as("was 5507 samples, 125 ms").isEqualTo(half);
        for (int rate = 1000; rate <= 192_000; rate++) {
            int lead = FfmpegAudioEncoder.vorbisLeadIn(rate, half);
            boolean wholeMs = lead * 1000L % rate == 0;
            assertThat(lead).as("%d Hz", rate).isGreaterThanOrEqualTo(half);
            assertThat(wholeMs || lead == half).as("%d Hz: whole milliseconds or half a frame", rate).isTrue();
            assertThat(lead * 1000L).as("%d Hz: at most 20 ms or half a frame", rate)
                    .isLessThanOrEqualTo(Math.max(20L * rate, half * 1000L));
        }
    }

    @Test
    void theProbeKeepsToTheCallersLimitsAndAMissingFirstSampleIsPlacedAndSaid() throws Exception {
        Path in = video(44_100, TestSeed.random("VorbisPlacementTest.limits"), "limits");
        FfmpegBackend backend = new FfmpegBackend();
        Path sound = dir.resolve("sound.mka");
        try (MediaInput original = MediaInput.of(in)) {
            DecodedAudio d = backend.decodeAudioStream(original, 0, 44_100 * 20, ReadLimits.defaults());
            backend.encodeAudio(d.pcm(), d.coding(), "matroska", sound);
        }
        float[] was = MatroskaVideoSoundTest.sound(in, 0, 44_100, dir);

        Path exact = dir.resolve("exact.mkv");
        List<String> said;
        try (MediaInput original = MediaInput.of(in)) {
            said = FfmpegRemux.replaceAudio(original, List.of(sound), "matroska", exact, ReadLimits.defaults());
        }
        assertThat(said).containsExactly((String) null);
        double exactLag = againstThePicture(in, was, exact);
        assertThat(exactLag).as("placed to the sample where the first decoded samples are known").isCloseTo(0,
                within(2.0));

        // limits under one sample's worth of memory: neither probe decodes anything (before, the probe read with the
        // default limits, whatever the caller's)
        ReadLimits tiny = ReadLimits.defaults().toBuilder().maxInMemoryBytes(1).build();
        Path approximate = dir.resolve("approximate.mkv");
        try (MediaInput original = MediaInput.of(in)) {
            said = FfmpegRemux.replaceAudio(original, List.of(sound), "matroska", approximate, tiny);
        }
        assertThat(said).hasSize(1);
        assertThat(said.get(0)).as("the report says the placement is approximate")
                .contains("first decoded sample has no time", "off by the original decoder's delay");
        double lag = againstThePicture(in, was, approximate);
        // placed by the start times: early by the original's decoder delay (its first decoded sample after its
        // stream's start), not late by our 441-sample lead-in (where session 15 left it when nothing was probed)
        int delay = (int) Math.round((firstFrameSeconds(in) - startSeconds(in)) * 44_100);
        System.out.printf("exact lag %.1f, approximate lag %.1f, the original's decoder delay %d samples%n",
                exactLag, lag, delay);
        assertThat(lag).isCloseTo(-delay, within(2.0));
    }

    /**
     * How many samples (44.1 kHz) later than in {@code in} the sound {@code was} plays in {@code out}, against the
     * picture (a sound moved before 0 makes the muxer move every stream).
     */
    private static double againstThePicture(Path in, float[] was, Path out) throws Exception {
        int lag = MatroskaVideoSoundTest.lag(was, MatroskaVideoSoundTest.sound(out, 0, 44_100, dir), 44_100,
                2 * 44_100, 3000);
        return lag - (MatroskaVideoSoundTest.videoStart(out) - MatroskaVideoSoundTest.videoStart(in)) * 44_100;
    }

    @Test
    void aVorbisSoundAtAnOddRateIsMarkedInSyncWithoutASecondOfLeadIn() throws Exception {
        int rate = 96_001;
        Path in = video(rate, TestSeed.random("VorbisPlacementTest.odd"), "odd");
        TestIdentity dev = TestIdentity.create(dir.resolve("aigc-home"));
        SdkContext context = dev.trustingContext("VorbisPlacementTest");
        Path out = dir.resolve("odd-marked.mkv");

        MarkResult r = new Marker(context).mark(in, out, MarkIntent.builder().c2pa(false).build());

        assertThat(r.steps().toString()).contains("audio: watermark").doesNotContain("lead-in", "approximate",
                "no time");
        float[] was = MatroskaVideoSoundTest.sound(in, 0, rate, dir);
        float[] now = MatroskaVideoSoundTest.sound(out, 0, rate, dir);
        double moved = (MatroskaVideoSoundTest.videoStart(out) - MatroskaVideoSoundTest.videoStart(in)) * rate;
        int lag = MatroskaVideoSoundTest.lag(was, now, 2 * rate, rate, 3000);
        System.out.printf("%d Hz: lag %d samples, the picture moved %.1f%n", rate, lag, moved);
        // the lead-in is not whole milliseconds here: the move is rounded to Matroska's millisecond
        assertThat(lag - moved).as("against the picture, in samples").isCloseTo(0, within(rate / 2000.0 + 2));
        assertThat(now.length - lag).as("as long as it was").isCloseTo(was.length, within(rate / 50));
    }

    /** 6 s of 160×120 H.264 and seeded stereo pink noise at {@code rate} in libvorbis, muxed by ffmpeg. */
    private static Path video(int rate, Random random, String name) {
        Path in = dir.resolve(name + ".mkv");
        ExternalTools.run("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=160x120:rate=25:duration=6",
                "-f", "lavfi", "-i", "anoisesrc=color=pink:amplitude=0.3:seed=" + (1 + random.nextInt(1 << 20))
                        + ":sample_rate=" + rate + ":duration=6,aformat=channel_layouts=stereo",
                "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "libvorbis", "-q:a", "3", "-t", "6", in.toString())
                .requireSuccess();
        return in;
    }

    static double startSeconds(Path f) {
        return Double.parseDouble(ExternalTools.run("ffprobe", "-v", "error", "-select_streams", "a", "-show_entries",
                "stream=start_time", "-of", "csv=p=0", f.toString()).requireSuccess().stdout().trim());
    }

    /** The time of the first decoded audio frame (ffprobe's best-effort timestamp). */
    static double firstFrameSeconds(Path f) {
        String first = ExternalTools.run("ffprobe", "-v", "error", "-select_streams", "a", "-read_intervals", "%+0.2",
                "-show_entries", "frame=best_effort_timestamp_time", "-of", "csv=p=0", f.toString()).requireSuccess()
                .stdout().trim().split("\n")[0];
        return Double.parseDouble(first.replace(",", ""));
    }
}
