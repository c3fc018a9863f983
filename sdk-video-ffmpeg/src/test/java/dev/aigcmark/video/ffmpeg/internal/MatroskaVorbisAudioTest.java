package dev.aigcmark.video.ffmpeg.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigcmark.core.MarkIntent;
import dev.aigcmark.core.MarkResult;
import dev.aigcmark.core.Marker;
import dev.aigcmark.testing.ExternalTools;
import dev.aigcmark.video.internal.audio.pcm.Pcm;
import dev.aigcmark.video.internal.audio.prompt.MorsePrompt;
import dev.aigcmark.video.internal.audio.watermark.TestAudio;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A sound-only Matroska file (MKA) of Vorbis, the way ffmpeg makes one (libvorbis q4, stereo 44.1 kHz, seeded noise
 * that differs between the channels, a title): marked by the {@link Marker}, it stays one Vorbis track at the same
 * rate and channel count that mkvmerge reads without error and ffmpeg decodes without a message; the original sound
 * follows the inserted Morse prompt to the sample, after our encoder's lead-in of silence less the original's decoder
 * delay (309 samples, 7 ms at 44.1 kHz: a sound-only file has no picture to keep in step with, so the lead-in stays,
 * as in every sound-only format but MP4); and verify finds the label (valid) and the watermark with the label's
 * payload.
 */
class MatroskaVorbisAudioTest {
    private static final int RATE = 44_100;
    @TempDir
    static Path dir;
    @RegisterExtension
    static final TrustedMarking MARKING = TrustedMarking.assuming("ffmpeg", "ffprobe", "mkvmerge");

    @Test
    void aVorbisMkaIsMarkedDecodesAndKeepsItsSoundInStepWithThePrompt() throws Exception {
        float[] left = TestAudio.noise(20, RATE, "MatroskaVorbisAudioTest.left").channels()[0];
        float[] right = TestAudio.noise(20, RATE, "MatroskaVorbisAudioTest.right").channels()[0];
        Path wav = TestAudio.writeWav(new Pcm(new float[][]{left, right}, RATE), dir.resolve("host.wav"));
        Path in = dir.resolve("in.mka");
        ExternalTools.run("ffmpeg", "-v", "error", "-y", "-i", wav.toString(), "-metadata", "title=Host",
                "-c:a", "libvorbis", "-q:a", "4", in.toString()).requireSuccess();
        Path out = dir.resolve("marked.mka");

        MarkResult r = new Marker(MARKING.context()).mark(in, out, MarkIntent.builder().c2pa(false).build());

        assertThat(r.steps().toString()).contains("audio: explicit prompt", "audio: watermark", "re-encoded with vorbis")
                .doesNotContain("not supported");
        JsonNode mkv = MatroskaAudioKeepsDataTest.mkvmerge(out);
        assertThat(mkv.path("errors")).as("%s", mkv.path("errors")).isEmpty();
        assertThat(mkv.path("tracks")).hasSize(1);
        assertThat(mkv.path("tracks").get(0).path("codec").asText()).isEqualTo("Vorbis");
        JsonNode stream = FfmpegAudioMarkTest.probe(out).path("streams").get(0);
        assertThat(stream.path("codec_name").asText()).isEqualTo("vorbis");
        assertThat(stream.path("sample_rate").asInt()).isEqualTo(RATE);
        assertThat(stream.path("channels").asInt()).isEqualTo(2);
        assertThat(FfmpegAudioMarkTest.probe(out).toString()).as("the title is kept").contains("Host");
        ExternalTools.Result decoded = ExternalTools.run("ffmpeg", "-v", "warning", "-i", out.toString(), "-f", "null",
                "-").requireSuccess();
        assertThat(decoded.stderr()).as("ffmpeg decodes every packet without a message").isBlank();

        // the sound on the files' own timelines: the original's follows the prompt to the sample, after our encoder's
        // lead-in (a whole number of ms: 441 samples) less the original's own decoder delay (libvorbis's first packet
        // decodes to nothing: its sound starts a few ms into its file), as every sound-only file but MP4 starts with
        // the encoder's lead-in (docs/audio-watermark.md)
        float[] was = MatroskaVideoSoundTest.sound(in, 0, RATE, dir);
        float[] now = MatroskaVideoSoundTest.sound(out, 0, RATE, dir);
        int prompt = MorsePrompt.tone(RATE).length;
        int lag = MatroskaVideoSoundTest.lag(was, Arrays.copyOfRange(now, prompt, now.length), 3 * RATE, 2 * RATE,
                3000);
        int leadIn = FfmpegAudioEncoder.vorbisLeadIn(RATE, FfmpegAudioEncoder.VORBIS_FRAME / 2);
        int delay = (int) Math.round((VorbisPlacementTest.firstFrameSeconds(in) - VorbisPlacementTest.startSeconds(in))
                * RATE);
        System.out.printf("the original's sound %d samples after the prompt's end (lead-in %d, the original's decoder "
                + "delay %d)%n", lag, leadIn, delay);
        assertThat(delay).as("libvorbis's delay in a file made by ffmpeg").isBetween(1, leadIn - 1);
        assertThat(lag).as("samples between the prompt's end and the original's sound").isCloseTo(leadIn - delay,
                within(2));
        assertThat(now.length - prompt - lag).as("as long as it was").isCloseTo(was.length, within(RATE / 50));
        assertThat(MorsePrompt.presentAt(new Pcm(new float[][]{now}, RATE), MorsePrompt.Position.START)).isTrue();

        MARKING.verifiesWithTheLabelsAudioWatermark(out, r);
    }
}
