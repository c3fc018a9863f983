package dev.aigcmark.video.internal.audio.prompt;

import dev.aigcmark.testing.ExternalTools;
import dev.aigcmark.video.internal.audio.pcm.Pcm;
import dev.aigcmark.video.internal.audio.watermark.TestAudio;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Our BS.1770 meter against ffmpeg's {@code ebur128} (an independent implementation), and the Morse prompt: its
 * rhythm read back from the samples ("A" = short-long, "I" = short-short), its loudness relative to the programme as
 * ffmpeg measures it, and the programme intact around it.
 */
class MorsePromptTest {
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0} at {1} Hz")
    @CsvSource({"music,44100", "music,48000", "noise,32000", "speech-like,22050"})
    void integratedLoudnessMatchesFfmpegEbur128(String kind, int rate) throws Exception {
        Pcm pcm = switch (kind) {
            case "music" -> TestAudio.music(6, rate, "MorsePromptTest");
            case "noise" -> TestAudio.noise(6, rate, "MorsePromptTest");
            default -> bursts(TestAudio.noise(6, rate, "MorsePromptTest.bursts")); // long pauses: the gates matter
        };
        Path wav = TestAudio.writeWav(pcm, tmp.resolve(kind + ".wav"));
        double ours = Loudness.integrated(TestAudio.decode(wav, rate, pcm.channels().length));
        assertThat(ours).isCloseTo(ffmpegLufs(wav), within(0.15));
    }

    @Test
    void promptHasTheMorseRhythmOfAiAndIsInsertedAtTheAskedLevelWithTheProgrammeKept() throws Exception {
        int rate = 44100;
        Pcm programme = TestAudio.music(8, rate, "MorsePromptTest.insert");
        Pcm marked = MorsePrompt.insert(programme, List.of(MorsePrompt.Position.START, MorsePrompt.Position.END), -3);
        int len = MorsePrompt.tone(rate).length;
        assertThat(marked.frames()).isEqualTo(programme.frames() + 2 * len);

        float[] head = Arrays.copyOf(marked.channels()[0], len);
        assertThat(rhythm(head, rate)).containsExactly(1, 1, 3, 3, 1, 1, 1);

        Path whole = TestAudio.writeWav(programme, tmp.resolve("programme.wav"));
        Path prompt = TestAudio.writeWav(new Pcm(new float[][]{head, Arrays.copyOf(marked.channels()[1], len)}, rate),
                tmp.resolve("prompt.wav"));
        assertThat(ffmpegLufs(prompt) - ffmpegLufs(whole)).isCloseTo(-3, within(0.5));

        int fade = rate * MorsePrompt.FADE_MS / 1000;
        for (int i = fade; i < programme.frames() - fade; i += 97) { // between the fades, sample for sample
            assertThat(marked.channels()[0][len + i]).isEqualTo(programme.channels()[0][i]);
        }
    }

    /**
     * A video's sound: the prompt played over the programme keeps its length and every sample outside the prompt's
     * span; under the prompt only the rhythm is heard (found by {@link MorsePrompt#presentAt}), at the asked level.
     */
    @Test
    void promptOverlaidKeepsTheLengthAndEverySampleOutsideIt() throws Exception {
        int rate = 48000;
        Pcm programme = TestAudio.music(8, rate, "MorsePromptTest.overlay");
        assertThat(MorsePrompt.presentAt(programme, MorsePrompt.Position.START)).isFalse();
        Pcm marked = MorsePrompt.overlay(programme, List.of(MorsePrompt.Position.START, MorsePrompt.Position.MIDDLE), -3);
        int len = MorsePrompt.tone(rate).length;
        int n = programme.frames();
        assertThat(marked.frames()).isEqualTo(n);
        float[] head = Arrays.copyOf(marked.channels()[0], len);
        int fade = rate * MorsePrompt.FADE_MS / 1000; // the programme comes back over the last 30 ms of the span
        assertThat(rhythm(Arrays.copyOf(head, len - fade), rate)).containsExactly(1, 1, 3, 3, 1, 1, 1);
        assertThat(MorsePrompt.presentAt(marked, MorsePrompt.Position.START)).isTrue();
        assertThat(MorsePrompt.presentAt(marked, MorsePrompt.Position.MIDDLE)).isTrue();
        assertThat(MorsePrompt.presentAt(marked, MorsePrompt.Position.END)).isFalse();
        int middle = (n - len) / 2;
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < n; i++) {
                if (i >= len && (i < middle || i >= middle + len)) {
                    assertThat(marked.channels()[c][i]).as("sample %d", i).isEqualTo(programme.channels()[c][i]);
                }
            }
        }
        Path whole = TestAudio.writeWav(programme, tmp.resolve("overlay-programme.wav"));
        Path prompt = TestAudio.writeWav(new Pcm(new float[][]{head, Arrays.copyOf(marked.channels()[1], len)}, rate),
                tmp.resolve("overlay-prompt.wav"));
        assertThat(ffmpegLufs(prompt) - ffmpegLufs(whole)).isCloseTo(-3, within(0.5));
    }

    /**
     * What keeps a second prompt out of a file marked again: the prompt is found where {@link MorsePrompt#insert}
     * put it (also after libmp3lame at 128k, and -12 dB), nowhere else, and never in programmes without it: music,
     * noise, a chord with an 880 Hz note, a steady 880 Hz tone, and 880 Hz beeps of the wrong rhythm.
     */
    @Test
    void promptIsFoundWhereItWasInsertedAndNowhereElse() throws Exception {
        int rate = 44100;
        Pcm music = TestAudio.music(8, rate, "MorsePromptTest.find");
        for (MorsePrompt.Position at : MorsePrompt.Position.values()) {
            Pcm marked = MorsePrompt.insert(music, List.of(at), -3);
            for (MorsePrompt.Position p : MorsePrompt.Position.values()) {
                assertThat(MorsePrompt.presentAt(marked, p)).as("inserted at %s, looked at %s", at, p).isEqualTo(p == at);
            }
        }
        Pcm marked = MorsePrompt.insert(music, List.of(MorsePrompt.Position.START), -3);
        Path mp3 = TestAudio.encode(TestAudio.writeWav(marked, tmp.resolve("marked.wav")), "libmp3lame", "128k", "mp3");
        Pcm coded = TestAudio.decode(mp3, rate, 2);
        float[][] quiet = new float[2][];
        for (int c = 0; c < 2; c++) {
            quiet[c] = coded.channels()[c].clone();
            for (int i = 0; i < quiet[c].length; i++) {
                quiet[c][i] *= 0.25f;
            }
        }
        assertThat(MorsePrompt.presentAt(new Pcm(quiet, rate), MorsePrompt.Position.START)).isTrue();

        float[] a880 = new float[8 * rate];
        float[] beeps = new float[8 * rate];
        for (int i = 0; i < a880.length; i++) {
            a880[i] = (float) (0.3 * Math.sin(2 * Math.PI * 880 * i / rate));
            beeps[i] = (i / (rate * 8 / 100)) % 2 == 0 ? a880[i] : 0; // 80 ms on, 80 ms off: all dots
        }
        List<Pcm> without = List.of(music, TestAudio.noise(8, rate, "MorsePromptTest.find"), TestAudio.chord(8, rate),
                new Pcm(new float[][]{a880}, rate), new Pcm(new float[][]{beeps}, rate));
        for (Pcm p : without) {
            for (MorsePrompt.Position at : MorsePrompt.Position.values()) {
                assertThat(MorsePrompt.presentAt(p, at)).isFalse();
            }
        }
    }

    /** Tone and gap lengths in units, from the envelope (10 ms hops, on above a tenth of the peak). */
    private static List<Integer> rhythm(float[] x, int rate) {
        int hop = rate / 100;
        List<Integer> runs = new ArrayList<>();
        boolean on = false;
        int length = 0;
        float peak = 0;
        for (float v : x) {
            peak = Math.max(peak, Math.abs(v));
        }
        boolean started = false;
        for (int s = 0; s + hop <= x.length; s += hop) {
            float m = 0;
            for (int i = s; i < s + hop; i++) {
                m = Math.max(m, Math.abs(x[i]));
            }
            boolean now = m > peak / 10;
            if (!started && !now) {
                continue;
            }
            started = true;
            if (now == on) {
                length++;
            } else {
                runs.add(length);
                on = now;
                length = 1;
            }
        }
        if (on) {
            runs.add(length);
        }
        runs.remove(0); // the empty run before the first tone
        return runs.stream().map(r -> Math.round(r * 10f / MorsePrompt.UNIT_MS)).toList();
    }

    private static Pcm bursts(Pcm noise) {
        float[] x = noise.channels()[0].clone();
        int second = noise.sampleRate();
        for (int i = 0; i < x.length; i++) {
            if ((i / second) % 2 == 1) {
                x[i] *= 0.001f; // -60 dB: below the relative gate
            }
        }
        return new Pcm(new float[][]{x}, noise.sampleRate());
    }

    private static double ffmpegLufs(Path wav) {
        ExternalTools.assumeTool("ffmpeg");
        String log = ExternalTools.run("ffmpeg", "-hide_banner", "-nostats", "-i", wav.toString(), "-af", "ebur128",
                "-f", "null", "-").requireSuccess().stderr();
        Matcher m = Pattern.compile("Integrated loudness:\\s+I:\\s+(-?[0-9.]+) LUFS").matcher(log);
        assertThat(m.find()).as(log).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
