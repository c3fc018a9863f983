package dev.aigcmark.video.ffmpeg.internal;

import dev.aigcmark.core.Verifier;
import dev.aigcmark.core.report.ReportJson;
import dev.aigcmark.core.report.Status;
import dev.aigcmark.core.report.StatusCodes;
import dev.aigcmark.core.report.VerificationReport;
import dev.aigcmark.testing.ExternalTools;
import dev.aigcmark.testing.TestSeed;
import dev.aigcmark.video.internal.audio.watermark.AudioWatermarkCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verify searches at most {@link AudioWatermarkCodec#MAX_TRACKS} audio tracks for a watermark and says which it left
 * out ({@code wm.audio.tracksNotSearched}): a file declaring hundreds of tracks must not multiply the decode cost and
 * the false-positive chance. Files made by ffmpeg (seeded tones, FLAC in Matroska audio).
 */
class AudioTrackCapTest {
    @TempDir
    static Path dir;
    @RegisterExtension
    static final TrustedMarking MARKING = TrustedMarking.assuming("ffmpeg");

    @Test
    void tracksPastTheCapAreNotSearchedAndTheReportSaysSo() throws Exception {
        VerificationReport many = new Verifier(MARKING.context()).verify(tones(AudioWatermarkCodec.MAX_TRACKS + 2));
        assertThat(many.diagnostics()).as(ReportJson.toJson(many)).filteredOn(
                        s -> s.code().equals(StatusCodes.WM_AUDIO_TRACKS_NOT_SEARCHED))
                .extracting(Status::message).singleElement().asString()
                .contains("audio tracks 9 to 10 of 10 not searched");

        VerificationReport few = new Verifier(MARKING.context()).verify(tones(AudioWatermarkCodec.MAX_TRACKS));
        assertThat(few.diagnostics()).as(ReportJson.toJson(few)).extracting(Status::code)
                .doesNotContain(StatusCodes.WM_AUDIO_TRACKS_NOT_SEARCHED, StatusCodes.WM_AUDIO_UNDECODABLE);
    }

    /** An audio-only Matroska file of {@code n} one-second tones, one per track. */
    private static Path tones(int n) throws Exception {
        Random random = TestSeed.random("AudioTrackCapTest." + n);
        Path out = dir.resolve("tones-" + n + ".mka");
        List<String> make = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-y"));
        for (int i = 0; i < n; i++) {
            make.addAll(List.of("-f", "lavfi", "-i", "sine=frequency=" + (200 + random.nextInt(2000))
                    + ":sample_rate=48000:duration=1"));
        }
        for (int i = 0; i < n; i++) {
            make.addAll(List.of("-map", i + ":a"));
        }
        make.addAll(List.of("-c:a", "flac", out.toString()));
        ExternalTools.run(make).requireSuccess();
        return out;
    }
}
