package dev.aigcmark.video.internal.audio.watermark;

import dev.aigcmark.core.identity.WatermarkKey;
import dev.aigcmark.core.internal.watermark.WatermarkPayload;
import dev.aigcmark.video.internal.audio.pcm.Pcm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audio mark's deterministic subset for {@code mvn verify}: one noise-like host, marked, written as 16-bit WAV,
 * then read back clean, as a 10 s excerpt from the middle, and after libmp3lame 128k (a real encoder); plus the
 * negatives (unmarked audio, another issuer's key). The full attack table is {@code AudioRobustnessTable}.
 */
class AudioWatermarkTest {
    static final WatermarkKey KEY = new WatermarkKey(0x2A17, "audio-test-key-0123456789".getBytes(StandardCharsets.UTF_8));
    static final WatermarkKey OTHER = new WatermarkKey(0x2A18, "another-issuer-key-987654".getBytes(StandardCharsets.UTF_8));
    private static final WatermarkPayload PAYLOAD = WatermarkPayload.of(KEY, 0xC0FFEEL);

    @TempDir
    Path tmp;

    @Test
    void markIsInaudibleByOurMeasureAndSurvivesExcerptAndMp3() throws Exception {
        Pcm host = TestAudio.noise(20, 44100, "AudioWatermarkTest");
        Pcm marked = marked(host);
        assertThat(TestAudio.segmentalSnr(host.channels()[0], marked.channels()[0], 44100)).isGreaterThan(30);
        Path wav = TestAudio.writeWav(marked, tmp.resolve("marked.wav"));
        Pcm clean = TestAudio.decode(wav, 44100, 1);
        assertThat(detect(clean)).contains(PAYLOAD);
        float[] x = clean.channels()[0];
        assertThat(detect(new Pcm(new float[][]{Arrays.copyOfRange(x, 7 * 44100, 17 * 44100)}, 44100))).contains(PAYLOAD);
        assertThat(detect(TestAudio.decode(TestAudio.encode(wav, "libmp3lame", "128k", "mp3"), 44100, 1))).contains(PAYLOAD);
        assertThat(new AudioDetector().detect(x, 44100, List.of(OTHER))).isEmpty();
        assertThat(detect(host)).isEmpty();
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
