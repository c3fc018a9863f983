package dev.aigcmark.video.internal.audio.pcm;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.io.UnreadableInputException;
import dev.aigcmark.testing.ExternalTools;
import dev.aigcmark.video.internal.audio.watermark.TestAudio;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Our WAV sample reader and writer against ffmpeg's, for every PCM sample format ffmpeg writes. */
class WavPcmTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"pcm_u8", "pcm_s16le", "pcm_s24le", "pcm_s32le", "pcm_f32le"})
    void readsWhatFfmpegWritesAsFfmpegDecodesIt(String codec) throws Exception {
        ExternalTools.assumeTool("ffmpeg");
        Path src = TestAudio.writeWav(TestAudio.music(1.5, 22050, "WavPcmTest"), tmp.resolve("src.wav"));
        Path wav = tmp.resolve(codec + ".wav");
        ExternalTools.run("ffmpeg", "-v", "error", "-y", "-i", src.toString(), "-c:a", codec, wav.toString()).requireSuccess();
        Pcm ours;
        try (MediaInput in = MediaInput.of(wav)) {
            ours = WavPcm.read(in, WavPcm.format(in, ReadLimits.defaults()), 1 << 20);
        }
        Pcm theirs = TestAudio.decode(wav, 22050, 2);
        assertThat(ours.channels().length).isEqualTo(2);
        assertThat(ours.frames()).isEqualTo(theirs.frames());
        float tolerance = codec.equals("pcm_u8") ? 1 / 127f : 1e-6f;
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < ours.frames(); i += 7) {
                assertThat(ours.channels()[c][i]).isCloseTo(theirs.channels()[c][i], Offset.offset(tolerance));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"pcm_s16le", "pcm_s24le", "pcm_f32le"})
    void encodedSamplesDecodeBackThroughFfmpeg(String codec) throws Exception {
        ExternalTools.assumeTool("ffmpeg");
        Path src = TestAudio.writeWav(TestAudio.music(1, 48000, "WavPcmTest.encode"), tmp.resolve("src.wav"));
        Path wav = tmp.resolve(codec + ".wav");
        ExternalTools.run("ffmpeg", "-v", "error", "-y", "-i", src.toString(), "-c:a", codec, wav.toString()).requireSuccess();
        Pcm pcm;
        WavPcm.Format f;
        try (MediaInput in = MediaInput.of(wav)) {
            f = WavPcm.format(in, ReadLimits.defaults());
            pcm = WavPcm.read(in, f, 1 << 20);
        }
        for (float[] ch : pcm.channels()) { // a change ffmpeg must see: half the level
            for (int i = 0; i < ch.length; i++) {
                ch[i] *= 0.5f;
            }
        }
        byte[] file = Files.readAllBytes(wav);
        byte[] data = WavPcm.encode(pcm, f);
        assertThat((long) data.length).isEqualTo(f.dataSize());
        System.arraycopy(data, 0, file, (int) f.dataOffset(), data.length);
        Path halved = Files.write(tmp.resolve("halved.wav"), file);
        Pcm back = TestAudio.decode(halved, 48000, 2);
        for (int i = 0; i < pcm.frames(); i += 11) {
            assertThat(back.channels()[1][i]).isCloseTo(pcm.channels()[1][i], Offset.offset(2e-5f));
        }
    }

    @Test
    void refusesCompressedWavAndTooManyFrames() throws Exception {
        ExternalTools.assumeTool("ffmpeg");
        Path src = TestAudio.writeWav(TestAudio.noise(1, 8000, "WavPcmTest.refuse"), tmp.resolve("src.wav"));
        Path alaw = tmp.resolve("alaw.wav");
        ExternalTools.run("ffmpeg", "-v", "error", "-y", "-i", src.toString(), "-c:a", "pcm_alaw", alaw.toString()).requireSuccess();
        try (MediaInput in = MediaInput.of(alaw)) {
            assertThatThrownBy(() -> WavPcm.format(in, ReadLimits.defaults())).isInstanceOf(UnreadableInputException.class)
                    .hasMessageContaining("not PCM");
        }
        try (MediaInput in = MediaInput.of(src)) {
            WavPcm.Format f = WavPcm.format(in, ReadLimits.defaults());
            assertThatThrownBy(() -> WavPcm.read(in, f, 4000)).isInstanceOf(UnreadableInputException.class)
                    .hasMessageContaining("over the limit");
        }
    }
}
