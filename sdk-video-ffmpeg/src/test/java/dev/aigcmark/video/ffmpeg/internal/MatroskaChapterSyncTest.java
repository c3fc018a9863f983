package dev.aigcmark.video.ffmpeg.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aigcmark.core.MarkIntent;
import dev.aigcmark.core.Marker;
import dev.aigcmark.testing.ExternalTools;
import dev.aigcmark.video.internal.audio.pcm.Pcm;
import dev.aigcmark.video.internal.audio.prompt.MorsePrompt;
import dev.aigcmark.video.internal.audio.watermark.TestAudio;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The chapters of a sound-only Matroska file stay on the sound they pointed at after marking (session 18). The file
 * is made by ffmpeg (libvorbis q4 at 44.1 kHz, libopus 96k at 48 kHz; seeded stereo low-passed noise; chapters at
 * 0, 5 s and 12.3 s from an ffmetadata file); after the {@link Marker} inserted the Morse prompt, each chapter must
 * start where the original's sound at its old time now plays, found by cross-correlating the two decodes on the
 * files' own timelines (ffmpeg with {@code -copyts}, so a sample's index is its time). Before, the chapters moved by the prompt
 * alone and were ahead of their sound by our encoder's lead-in less the original's decoder delay: 7 ms (Vorbis: 10 ms
 * of lead-in, 3 ms of libvorbis delay) and 10 ms (Opus, whose pre-skip the container's CodecDelay takes away).
 * Session 19 added AAC (FFmpeg's aac), MP3 (libmp3lame) and FLAC in Matroska, at 44.1 and 48 kHz: with the lead-in
 * rule alone AAC's chapters were 23.23 / 21.33 ms and MP3's 25.05 / 23.02 ms ahead of their sound (the encoder's
 * priming, 1024 and 1105 samples, which Matroska does not declare and the decoder gives as sound); FLAC's were exact.
 */
class MatroskaChapterSyncTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Half a millisecond: Matroska's own unit is a millisecond, the chapters' a nanosecond. */
    private static final double TOLERANCE = 0.0005;
    @TempDir
    static Path dir;
    @RegisterExtension
    static final TrustedMarking MARKING = TrustedMarking.assuming("ffmpeg", "ffprobe");

    @ParameterizedTest(name = "{0} at {1} Hz")
    @CsvSource({"libvorbis, 44100, -q:a, 4", "libopus, 48000, -b:a, 96k", "aac, 44100, -b:a, 96k",
            "libmp3lame, 44100, -b:a, 128k", "flac, 44100, -compression_level, 5", "aac, 48000, -b:a, 128k",
            "libmp3lame, 48000, -b:a, 192k", "flac, 48000, -compression_level, 5"})
    void chaptersStartWhereTheirSoundNowPlays(String encoder, int rate, String option, String value) throws Exception {
        float[] left = lowPass(TestAudio.noise(20, rate, "MatroskaChapterSyncTest.left." + encoder).channels()[0]);
        float[] right = lowPass(TestAudio.noise(20, rate, "MatroskaChapterSyncTest.right." + encoder).channels()[0]);
        Path wav = TestAudio.writeWav(new Pcm(new float[][]{left, right}, rate), dir.resolve(encoder + ".wav"));
        double[] starts = {0, 5, 12.3};
        Path meta = Files.writeString(dir.resolve(encoder + ".ffmeta"), ";FFMETADATA1\n"
                + chapter(starts[0], starts[1], "one") + chapter(starts[1], starts[2], "two")
                + chapter(starts[2], 19, "three"));
        Path in = dir.resolve(encoder + ".mka");
        ExternalTools.run("ffmpeg", "-v", "error", "-y", "-i", wav.toString(), "-i", meta.toString(),
                "-map_chapters", "1", "-c:a", encoder, option, value, in.toString()).requireSuccess();
        assertThat(chapters(in).get(1).path("start_time").asDouble()).isEqualTo(starts[1]);
        Path out = dir.resolve(encoder + ".marked.mka");

        new Marker(MARKING.context()).mark(in, out, MarkIntent.builder().c2pa(false).build());

        JsonNode ch = chapters(out);
        assertThat(ch).hasSize(3);
        assertThat(ch.get(0).path("start_time").asDouble()).as("the first chapter still opens the file").isEqualTo(0);
        float[] was = MatroskaVideoSoundTest.sound(in, 0, rate, dir);
        float[] now = MatroskaVideoSoundTest.sound(out, 0, rate, dir);
        int prompt = MorsePrompt.tone(rate).length;
        float[] after = Arrays.copyOfRange(now, prompt, now.length);
        for (int i = 1; i < 3; i++) {
            int from = (int) Math.round(starts[i] * rate);
            // where the original's second from the chapter's old start plays now (samples = seconds on both timelines)
            double heard = starts[i] + (prompt + MatroskaVideoSoundTest.lag(was, after, from, rate, rate / 20))
                    / (double) rate;
            double start = ch.get(i).path("start_time").asDouble();
            System.out.printf("%s chapter %d: %.6f s -> %.6f s, its sound at %.6f s (%+.2f ms)%n", encoder, i,
                    starts[i], start, heard, (start - heard) * 1000);
            assertThat(start).as("chapter %d starts with its sound", i).isCloseTo(heard, within(TOLERANCE));
            assertThat(ch.get(i - 1).path("end_time").asDouble()).as("chapter %d ends where %d starts", i - 1, i)
                    .isEqualTo(start);
        }
    }

    /**
     * Noise with its energy low, where the codecs keep the waveform (white noise through libopus 96k keeps its
     * spectrum, not its waveform: its decode correlated 0.54 with the original's).
     */
    private static float[] lowPass(float[] x) {
        float[] y = new float[x.length];
        double state = 0;
        for (int i = 0; i < x.length; i++) {
            state = 0.9 * state + 0.1 * x[i];
            y[i] = (float) (3 * state);
        }
        return y;
    }

    private static String chapter(double start, double end, String title) {
        return "[CHAPTER]\nTIMEBASE=1/1000\nSTART=" + Math.round(start * 1000) + "\nEND=" + Math.round(end * 1000)
                + "\ntitle=" + title + "\n";
    }

    private static JsonNode chapters(Path f) throws Exception {
        return JSON.readTree(ExternalTools.run("ffprobe", "-v", "error", "-show_chapters", "-of", "json", f.toString())
                .requireSuccess().stdout()).path("chapters");
    }
}
