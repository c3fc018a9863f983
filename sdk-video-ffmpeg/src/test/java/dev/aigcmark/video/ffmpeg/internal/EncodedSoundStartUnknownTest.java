package dev.aigcmark.video.ffmpeg.internal;

import dev.aigcmark.testing.TestSeed;
import dev.aigcmark.video.internal.audio.pcm.Pcm;
import dev.aigcmark.video.internal.pipeline.AudioCoding;
import dev.aigcmark.video.internal.pipeline.EncodedAudio;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where the sound starts in our own encoded output is looked up afterwards, only for the chapters of sound-only
 * Matroska; not finding it leaves the start unknown ({@link Long#MIN_VALUE}) and does not fail the sound, which is
 * encoded (review A1 of session 18). Played by libavformat's {@code null} muxer: the encoder runs and the muxer takes
 * its packets, but writes no file that could be read back, so the look-up fails with an IOException, which the old
 * code passed on as the sound's failure.
 */
class EncodedSoundStartUnknownTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void natives() {
        assertThat(new FfmpegBackend().unavailable()).isNull();
    }

    @Test
    void aSoundWhoseOutputCannotBeReadBackIsEncodedWithItsStartUnknown() throws Exception {
        Random random = TestSeed.random("EncodedSoundStartUnknownTest");
        float[] samples = new float[48_000];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (random.nextFloat() - 0.5f) * 0.2f;
        }
        Pcm pcm = new Pcm(new float[][]{samples}, 48_000);

        EncodedAudio encoded = FfmpegAudioEncoder.encode(pcm, new AudioCoding("flac", 48_000, 1, 0, 16), "null",
                dir.resolve("sound.flac"));

        assertThat(encoded.startMicros()).isEqualTo(Long.MIN_VALUE);
        assertThat(encoded.encoder()).contains("flac");
    }
}
