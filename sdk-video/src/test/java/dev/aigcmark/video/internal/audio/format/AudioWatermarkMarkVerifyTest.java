package dev.aigcmark.video.internal.audio.format;

import dev.aigcmark.core.MarkIntent;
import dev.aigcmark.core.MarkResult;
import dev.aigcmark.core.MarkStep;
import dev.aigcmark.core.Marker;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.Verifier;
import dev.aigcmark.core.internal.watermark.WatermarkPayloads;
import dev.aigcmark.core.label.ExplicitLabelWording;
import dev.aigcmark.core.internal.c2pa.TestIdentity;
import dev.aigcmark.core.mark.ImplicitLabel;
import dev.aigcmark.core.mark.Watermark;
import dev.aigcmark.core.report.MarkFinding;
import dev.aigcmark.core.report.Status;
import dev.aigcmark.core.report.StatusCodes;
import dev.aigcmark.core.report.VerificationReport;
import dev.aigcmark.testing.ExternalTools;
import dev.aigcmark.video.internal.audio.prompt.MorsePrompt;
import dev.aigcmark.video.internal.audio.watermark.AudioWatermarkCodec;
import dev.aigcmark.video.internal.audio.watermark.TestAudio;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code aigc mark} on a WAV through the real {@link Marker}: the Morse prompt is inserted at the start (ffmpeg reads
 * the longer file), the samples carry our audio watermark with the payload
 * linked to the signed label, the label still verifies (it binds the marked samples), and {@link Verifier} reports
 * the watermark, also in a 10 s excerpt cut by ffmpeg that has lost every chunk but the samples.
 */
class AudioWatermarkMarkVerifyTest {
    @TempDir
    static Path home;
    @TempDir
    Path tmp;
    private static SdkContext context;
    private static TestIdentity dev;

    @BeforeAll
    static void identity() throws Exception {
        dev = TestIdentity.create(home.resolve("aigc-home"));
        context = dev.trustingContext("AudioWatermarkMarkVerifyTest"); // the same ProduceID, so payload, each run
    }

    @Test
    void markedWavCarriesTheLabelsWatermarkAndVerifyReportsIt() throws Exception {
        Path in = TestAudio.writeWav(TestAudio.noise(20, 44100, "AudioWatermarkMarkVerifyTest"), tmp.resolve("in.wav"));
        Path out = tmp.resolve("out.wav");
        MarkResult r = new Marker(context).mark(in, out, MarkIntent.builder().c2pa(false).build());
        assertThat(r.steps()).filteredOn(s -> s.kind() == MarkStep.Kind.NOTE).extracting(MarkStep::carrier)
                .containsExactly(MarkStep.Carrier.EXPLICIT_LABEL, MarkStep.Carrier.WATERMARK);
        assertThat(r.steps()).filteredOn(s -> s.carrier() == MarkStep.Carrier.WATERMARK).singleElement()
                .satisfies(s -> assertThat(s.detail()).contains(AudioWatermarkCodec.SCHEME));
        ExternalTools.assumeTool("ffmpeg"); // ffmpeg reads our rewritten RIFF: the prompt made it longer
        assertThat(TestAudio.decode(out, 44100, 1).frames())
                .isEqualTo(20 * 44100 + MorsePrompt.tone(44100).length);
        String expected = HexFormat.of().formatHex(WatermarkPayloads.forLabel(r.label(), dev.identity()));

        VerificationReport report = new Verifier(context).verify(out);
        List<MarkFinding> labels = report.findings(ImplicitLabel.class);
        assertThat(labels).hasSize(1);
        assertThat(labels.get(0).statuses()).as("%s", labels.get(0).statuses()).noneMatch(Status::isFailure);
        assertThat(watermarks(report)).containsExactly(expected);
        assertThat(report.findings(Watermark.class).get(0).statuses())
                .anyMatch(s -> s.code().equals(StatusCodes.WM_AUDIO_FOUND));

        Path excerpt = tmp.resolve("excerpt.wav");
        ExternalTools.run("ffmpeg", "-v", "error", "-y", "-ss", "6.3", "-t", "10", "-i", out.toString(),
                "-c:a", "pcm_s16le", excerpt.toString()).requireSuccess();
        VerificationReport cut = new Verifier(context).verify(excerpt);
        assertThat(cut.findings(ImplicitLabel.class)).isEmpty();
        assertThat(watermarks(cut)).containsExactly(expected);

        assertThat(watermarks(new Verifier(context).verify(in))).isEmpty();
    }

    /**
     * Marking a file that already plays the prompt (a propagator asking for the explicit label) leaves it one prompt
     * long: the samples are as long as after the first marking, and the step says the prompt was already there.
     */
    @Test
    void markingAgainDoesNotPlayThePromptTwice() throws Exception {
        Path in = TestAudio.writeWav(TestAudio.music(12, 44100, "AudioWatermarkMarkVerifyTest.again"), tmp.resolve("in.wav"));
        Path once = tmp.resolve("once.wav");
        new Marker(context).mark(in, once, MarkIntent.builder().c2pa(false).build());
        Path twice = tmp.resolve("twice.wav");
        MarkResult r = new Marker(context).mark(once, twice, MarkIntent.builder().c2pa(false).propagator(true)
                .watermark(false).explicitLabel(ExplicitLabelWording.DEFAULT).build());
        assertThat(r.steps()).filteredOn(s -> s.carrier() == MarkStep.Carrier.EXPLICIT_LABEL).singleElement()
                .satisfies(s -> assertThat(s.detail()).contains("already at start"));
        ExternalTools.assumeTool("ffmpeg");
        int promptFrames = MorsePrompt.tone(44100).length;
        assertThat(TestAudio.decode(once, 44100, 2).frames()).isEqualTo(12 * 44100 + promptFrames);
        assertThat(TestAudio.decode(twice, 44100, 2).frames()).isEqualTo(12 * 44100 + promptFrames);
    }

    private static List<String> watermarks(VerificationReport report) {
        return report.findings(Watermark.class).stream().map(f -> (Watermark) f.mark())
                .filter(w -> w.scheme().equals(AudioWatermarkCodec.SCHEME)).map(Watermark::payloadHex).toList();
    }
}
