package dev.aigcmark.video.ffmpeg.internal;

import dev.aigcmark.core.MarkIntent;
import dev.aigcmark.core.MarkResult;
import dev.aigcmark.core.Marker;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.Verifier;
import dev.aigcmark.core.internal.c2pa.TestIdentity;
import dev.aigcmark.core.identity.WatermarkKey;
import dev.aigcmark.core.internal.watermark.WatermarkPayload;
import dev.aigcmark.core.internal.watermark.WatermarkPayloads;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.mark.ImplicitLabel;
import dev.aigcmark.core.mark.Watermark;
import dev.aigcmark.core.report.MarkFinding;
import dev.aigcmark.core.report.StatusCodes;
import dev.aigcmark.core.report.VerificationReport;
import dev.aigcmark.core.trust.TrustRegistry;
import dev.aigcmark.core.trust.TrustedPlatform;
import dev.aigcmark.testing.ExternalTools;
import dev.aigcmark.testing.TestSeed;
import dev.aigcmark.video.internal.audio.pcm.Pcm;
import dev.aigcmark.video.internal.audio.watermark.AudioDetector;
import dev.aigcmark.video.internal.audio.watermark.AudioWatermarkCodec;
import dev.aigcmark.video.internal.audio.watermark.TestAudio;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The known-payload test through the real encoders: 30 s of music as MP3, marked by the {@link Marker}, then 10 s
 * excerpts cut and encoded again by ffmpeg (libmp3lame 128k) keeping the tags ({@code -map_metadata 0}: the signed
 * label goes with them) and stripping them ({@code -map_metadata -1}). With the label, where no payload is read, verify
 * reports the label's payload as {@code wm.audio.confirmed}; every audio finding carries the label's payload; the same
 * cut without the label reports nothing where the label's copy was only confirmed.
 */
class FfmpegKnownPayloadTest {
    @TempDir
    static Path dir;

    @Test
    void mp3ExcerptsThatKeepTheirTagsConfirmTheLabelsPayload() throws Exception {
        ExternalTools.assumeTool("ffmpeg");
        assertThat(new FfmpegBackend().unavailable()).isNull();
        TestIdentity dev = TestIdentity.create(dir.resolve("aigc-home"));
        SdkContext context = SdkContext.builder().identity(dev.identity()).trustAnchors(dev.roots())
                .random(TestSeed.randomSource("FfmpegKnownPayloadTest"))
                .trust(TrustRegistry.empty().with(TrustedPlatform.of(dev.identity()))).build();
        Path wav = TestAudio.writeWav(TestAudio.music(30, 44100, "FfmpegKnownPayloadTest"), dir.resolve("host.wav"));
        Path mp3 = dir.resolve("host.mp3");
        ExternalTools.run("ffmpeg", "-v", "error", "-y", "-i", wav.toString(), "-c:a", "libmp3lame", "-b:a", "192k",
                mp3.toString()).requireSuccess();
        Path marked = dir.resolve("marked.mp3");
        MarkResult r = new Marker(context).mark(mp3, marked, MarkIntent.builder().c2pa(false).build());
        String expected = HexFormat.of().formatHex(WatermarkPayloads.forLabel(r.label(), dev.identity()));
        Verifier verifier = new Verifier(context);
        WatermarkKey key = dev.identity().watermarkKey();
        WatermarkPayload payload = WatermarkPayload.unpack(HexFormat.of().parseHex(expected));
        int confirmed = 0;
        StringBuilder seen = new StringBuilder();
        for (int from : new int[]{3, 9, 15, 21}) {
            Path cut = excerpt(marked, from, "0", "cut-" + from + ".mp3");
            VerificationReport report = verifier.verify(cut);
            assertThat(report.findings(ImplicitLabel.class)).as("ffmpeg kept the label's tag").isNotEmpty();
            List<MarkFinding> audio = audioMarks(report);
            seen.append(String.format(Locale.ROOT, " %d s: %s;", from, audio.stream().map(f -> f.statuses().get(0)
                    .code().id() + " " + ((Watermark) f.mark()).details().get("confirmZ")).toList()));
            // what verify must say follows from the detector on the samples the verifier decodes, whatever the
            // seed's music: read -> found; else the label's payload asked -> confirmed exactly when the test says so
            Pcm pcm;
            try (MediaInput in = MediaInput.of(cut)) {
                pcm = new FfmpegBackend().decodeAudio(in, 0, AudioDetector.MAX_SECONDS, context.limits());
            }
            boolean read = new AudioDetector().detect(pcm.mono(), pcm.sampleRate(), List.of(key)).isPresent();
            boolean confirmable = !read && AudioDetector.confirm(pcm.mono(), pcm.sampleRate(), key, payload).isPresent();
            assertThat(audio).as(seen.toString()).hasSize(read || confirmable ? 1 : 0);
            assertThat(audio).allSatisfy(f -> assertThat(((Watermark) f.mark()).payloadHex()).isEqualTo(expected));
            assertThat(audio).allSatisfy(f -> assertThat(f.hasStatus(StatusCodes.WM_AUDIO_CONFIRMED)).isEqualTo(confirmable));
            if (confirmable) {
                confirmed++;
                assertThat(((Watermark) audio.get(0).mark()).details()).containsEntry("read", "confirmedKnownPayload");
                VerificationReport bare = verifier.verify(excerpt(marked, from, "-1", "bare-" + from + ".mp3"));
                assertThat(bare.findings(ImplicitLabel.class)).isEmpty();
                assertThat(audioMarks(bare)).as("without the label nothing names the payload").isEmpty();
            }
        }
        // how many of the four the label's payload saved depends on the seed's music (printed for the record)
        System.out.println("FfmpegKnownPayloadTest: " + confirmed + " of 4 cuts confirmed;" + seen);
    }

    /** 10 s of {@code marked} from {@code from} s, encoded again by libmp3lame 128k; {@code mapMetadata} 0 keeps tags. */
    private static Path excerpt(Path marked, int from, String mapMetadata, String name) {
        Path out = dir.resolve(name);
        ExternalTools.run("ffmpeg", "-v", "error", "-y", "-ss", Integer.toString(from), "-t", "10", "-i",
                marked.toString(), "-map_metadata", mapMetadata, "-c:a", "libmp3lame", "-b:a", "128k", out.toString())
                .requireSuccess();
        return out;
    }

    private static List<MarkFinding> audioMarks(VerificationReport report) {
        return report.findings(Watermark.class).stream()
                .filter(f -> ((Watermark) f.mark()).scheme().equals(AudioWatermarkCodec.SCHEME)).toList();
    }
}
