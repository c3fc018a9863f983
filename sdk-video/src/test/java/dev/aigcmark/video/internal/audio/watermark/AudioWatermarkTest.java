package dev.aigcmark.video.internal.audio.watermark;

import dev.aigcmark.core.identity.WatermarkKey;
import dev.aigcmark.core.internal.watermark.WatermarkPayload;
import dev.aigcmark.testing.TestSeed;
import dev.aigcmark.video.internal.audio.pcm.Pcm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audio mark's deterministic subset for {@code mvn verify}: a 20 s noise-like host at 44.1 kHz, marked and
 * written as 16-bit WAV, then each attack of the issue through the real ffmpeg encoders (libmp3lame 128k, aac 96k,
 * libopus 48k), resampling to 48 kHz, -10 % gain, a 10 s excerpt and white noise at 20 dB SNR: the payload must come
 * back exactly. The same on 30 s of espeak-ng speech (pauses, formants moving every few milliseconds: what the
 * perceptual shaping and the 16 ms interleave are for) after the attacks it survives today: clean, libmp3lame 128k,
 * aac 96k, libopus 48k (speech host, key and payload do not depend on the seed, so these hold for every seed), and
 * white noise at 20 dB SNR (the noise from the seed: until session 11 the payload came back for some noise
 * realisations and not for others, seeds 2 and 20261207 failing; the detector's noise-floor reading reads it), and
 * (session 17) 10 s excerpts cut at 0 s and 16 s, read since the detector takes away what the other bands predict of
 * each cell ({@link CrossBandHost}; before, no 10 s excerpt of this speech read: codeword z 6.7–9.4 at eight cuts,
 * 9.7–11.6 with it, four of the eight read), and (session 18) the cut at 1 s, read by the detector's fourth reading
 * (the host predicted from the near and the far bands apart; before it, not read: of 20 cuts at 0–19 s, 1 s and 2 s
 * were read only with it), and (session 19) the cuts at 4 s and 10 s, read since each alignment pools its neighbouring
 * sub-block offsets ({@link SubBlockOffsets}; session 18's detector reads neither, codeword z 9.81 and 9.65; pooled,
 * the cuts at 4, 8, 9, 10, 11, 12, 13 and 14 s read, z 10.6–11.9).
 * Plus the negatives (unmarked audio, another issuer's key) and the
 * inaudibility measure on both hosts. The full table over more hosts is {@code benchmarks/audio-robustness.sh}
 * (docs/audio-watermark.md).
 */
class AudioWatermarkTest {
    static final WatermarkKey KEY = new WatermarkKey(0x2A17, "audio-test-key-0123456789".getBytes(StandardCharsets.UTF_8));
    static final WatermarkKey OTHER = new WatermarkKey(0x2A18, "another-issuer-key-987654".getBytes(StandardCharsets.UTF_8));
    private static final WatermarkPayload PAYLOAD = WatermarkPayload.of(KEY, 0xC0FFEEL);
    static final byte[] PAYLOAD_BYTES = PAYLOAD.toBytes();

    @TempDir
    static Path tmp;
    private static Pcm host;
    private static Path wav;
    private static Pcm speech;
    private static Path speechWav;
    private static Path chordWav;

    @BeforeAll
    static void markOnce() throws Exception {
        host = TestAudio.noise(20, 44100, "AudioWatermarkTest");
        wav = TestAudio.writeWav(marked(host), tmp.resolve("marked.wav"));
    }

    /** The speech host, marked on first use (so a machine without espeak-ng skips only the speech cases). */
    private static synchronized Path speechWav() throws Exception {
        if (speechWav == null) {
            speech = TestAudio.speech(Files.createDirectories(tmp.resolve("speech")), 30, 44100);
            speechWav = TestAudio.writeWav(marked(speech), tmp.resolve("speech-marked.wav"));
        }
        return speechWav;
    }

    @Test
    void inaudibleByOurMeasureAndAbsentWhereNotEmbedded() {
        Pcm clean = TestAudio.decode(wav, 44100, 1);
        assertThat(TestAudio.segmentalSnr(host.channels()[0], clean.channels()[0], 44100)).isGreaterThan(30);
        assertThat(detect(host)).isEmpty();
        assertThat(new AudioDetector().detect(clean.channels()[0], 44100, List.of(OTHER))).isEmpty();
    }

    @Test
    void speechInaudibleByOurMeasureAndAbsentWhereNotEmbedded() throws Exception {
        Pcm clean = TestAudio.decode(speechWav(), 44100, 1);
        assertThat(TestAudio.segmentalSnr(speech.channels()[0], clean.channels()[0], 44100)).isGreaterThan(30);
        assertThat(detect(speech)).isEmpty();
        assertThat(new AudioDetector().detect(clean.channels()[0], 44100, List.of(OTHER))).isEmpty();
    }

    /**
     * The excerpt-length diagnostic ({@link AudioDetector#codewordEvidence}): the marked noise holds its codeword with
     * a matched-filter z far over the ~10 a 32-bit serial needs; the unmarked host holds it no more than chance does
     * at the best of 4,096 alignments, and the marked file holds another payload's codeword no better.
     */
    @Test
    void codewordEvidenceSeesTheMarkAndNotItsAbsence() {
        float[] clean = TestAudio.decode(wav, 44100, 1).channels()[0];
        double[] marked = AudioDetector.codewordEvidence(clean, 44100, KEY, PAYLOAD_BYTES);
        assertThat(marked[0]).isGreaterThan(15);
        assertThat(marked[1]).isGreaterThan(0.9);
        assertThat(AudioDetector.codewordEvidence(host.channels()[0], 44100, KEY, PAYLOAD_BYTES)[0]).isLessThan(6);
        byte[] other = WatermarkPayload.of(KEY, 0xBADCAFEL).toBytes();
        assertThat(AudioDetector.codewordEvidence(clean, 44100, KEY, other)[0]).isLessThan(10);
    }

    @ParameterizedTest(name = "speech {0}")
    @ValueSource(strings = {"clean", "libmp3lame-128k", "aac-96k", "libopus-48k", "white-noise-20dB", "excerpt-10s-at-0s",
            "excerpt-10s-at-1s", "excerpt-10s-at-4s", "excerpt-10s-at-10s", "excerpt-10s-at-16s"})
    void payloadSurvivesOnSpeech(String attack) throws Exception {
        Path marked = speechWav();
        Pcm attacked = switch (attack) {
            case "clean" -> TestAudio.decode(marked, 44100, 1);
            case "libmp3lame-128k" -> TestAudio.decode(TestAudio.encode(marked, "libmp3lame", "128k", "mp3"), 44100, 1);
            case "aac-96k" -> TestAudio.decode(TestAudio.encode(marked, "aac", "96k", "m4a"), 44100, 1);
            case "libopus-48k" -> TestAudio.decode(TestAudio.encode(marked, "libopus", "48k", "opus"), 48000, 1);
            case "white-noise-20dB" -> noisy(TestAudio.decode(marked, 44100, 1), 20);
            case "excerpt-10s-at-0s", "excerpt-10s-at-1s", "excerpt-10s-at-4s", "excerpt-10s-at-10s",
                 "excerpt-10s-at-16s" -> {
                int from = Integer.parseInt(attack.substring("excerpt-10s-at-".length(), attack.length() - 1)) * 44100;
                float[] x = TestAudio.decode(marked, 44100, 1).channels()[0];
                yield new Pcm(new float[][]{Arrays.copyOfRange(x, from, from + 10 * 44100)}, 44100);
            }
            default -> throw new IllegalArgumentException(attack);
        };
        assertThat(detect(attacked)).contains(PAYLOAD);
    }

    /**
     * Steady tones: 8 sines leave 5 of the 14 bands with energy, and a note 47 Hz under a band edge leaks into the
     * band above through the detector's block window. Session 4's design read 0 of 10 attacks on this chord (that
     * band voted at random with full weight); the edge-leakage rule of {@link CellStrengths} restored it. White noise
     * at 20 dB fills the nine empty bands with unmarked noise: read since session 9 by the band-weighted second
     * reading ({@link AudioDetector#bandWeights}).
     */
    @ParameterizedTest(name = "chord {0}")
    @ValueSource(strings = {"clean", "libmp3lame-128k", "aac-96k", "libopus-48k", "excerpt-10s", "white-noise-20dB"})
    void payloadSurvivesOnSteadyTones(String attack) throws Exception {
        synchronized (AudioWatermarkTest.class) {
            if (chordWav == null) {
                chordWav = TestAudio.writeWav(marked(TestAudio.chord(30, 44100)), tmp.resolve("chord-marked.wav"));
            }
        }
        Pcm attacked = switch (attack) {
            case "clean" -> TestAudio.decode(chordWav, 44100, 1);
            case "libmp3lame-128k" -> TestAudio.decode(TestAudio.encode(chordWav, "libmp3lame", "128k", "mp3"), 44100, 1);
            case "aac-96k" -> TestAudio.decode(TestAudio.encode(chordWav, "aac", "96k", "m4a"), 44100, 1);
            case "libopus-48k" -> TestAudio.decode(TestAudio.encode(chordWav, "libopus", "48k", "opus"), 48000, 1);
            case "excerpt-10s" -> {
                float[] x = TestAudio.decode(chordWav, 44100, 1).channels()[0];
                yield new Pcm(new float[][]{Arrays.copyOfRange(x, (int) (7.3 * 44100), (int) (17.3 * 44100))}, 44100);
            }
            case "white-noise-20dB" -> noisy(TestAudio.decode(chordWav, 44100, 1), 20);
            default -> throw new IllegalArgumentException(attack);
        };
        assertThat(detect(attacked)).contains(PAYLOAD);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"clean", "libmp3lame-128k", "aac-96k", "libopus-48k", "resample-48k", "gain-10%",
            "excerpt-10s", "white-noise-20dB"})
    void payloadSurvives(String attack) {
        Pcm attacked = switch (attack) {
            case "clean" -> TestAudio.decode(wav, 44100, 1);
            case "libmp3lame-128k" -> TestAudio.decode(TestAudio.encode(wav, "libmp3lame", "128k", "mp3"), 44100, 1);
            case "aac-96k" -> TestAudio.decode(TestAudio.encode(wav, "aac", "96k", "m4a"), 44100, 1);
            case "libopus-48k" -> TestAudio.decode(TestAudio.encode(wav, "libopus", "48k", "opus"), 48000, 1);
            case "resample-48k" -> TestAudio.decode(wav, 48000, 1);
            case "gain-10%" -> scaled(TestAudio.decode(wav, 44100, 1), 0.9f);
            case "excerpt-10s" -> {
                float[] x = TestAudio.decode(wav, 44100, 1).channels()[0];
                yield new Pcm(new float[][]{Arrays.copyOfRange(x, (int) (6.3 * 44100), (int) (16.3 * 44100))}, 44100);
            }
            case "white-noise-20dB" -> noisy(TestAudio.decode(wav, 44100, 1), 20);
            default -> throw new IllegalArgumentException(attack);
        };
        assertThat(detect(attacked)).contains(PAYLOAD);
    }

    private static Pcm scaled(Pcm pcm, float gain) {
        float[] x = pcm.channels()[0].clone();
        for (int i = 0; i < x.length; i++) {
            x[i] *= gain;
        }
        return new Pcm(new float[][]{x}, pcm.sampleRate());
    }

    private static Pcm noisy(Pcm pcm, double snrDb) {
        float[] x = pcm.channels()[0].clone();
        double power = 0;
        for (float v : x) {
            power += v * v;
        }
        double sigma = Math.sqrt(power / x.length / Math.pow(10, snrDb / 10));
        Random r = TestSeed.random("AudioWatermarkTest.noise");
        for (int i = 0; i < x.length; i++) {
            x[i] += (float) (r.nextGaussian() * sigma);
        }
        return new Pcm(new float[][]{x}, pcm.sampleRate());
    }

    static Pcm marked(Pcm host) {
        float[][] copy = new float[host.channels().length][];
        for (int c = 0; c < copy.length; c++) {
            copy[c] = host.channels()[c].clone();
        }
        new AudioWatermarker(KEY, PAYLOAD.toBytes()).embed(copy, host.sampleRate());
        return new Pcm(copy, host.sampleRate());
    }

    static Optional<WatermarkPayload> detect(Pcm pcm) {
        return new AudioDetector().detect(pcm.mono(), pcm.sampleRate(), List.of(KEY)).map(AudioDetection::payload);
    }
}
