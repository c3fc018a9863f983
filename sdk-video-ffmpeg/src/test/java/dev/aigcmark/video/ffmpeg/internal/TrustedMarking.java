package dev.aigcmark.video.ffmpeg.internal;

import dev.aigcmark.core.MarkResult;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.Verifier;
import dev.aigcmark.core.internal.c2pa.TestIdentity;
import dev.aigcmark.core.internal.watermark.WatermarkPayloads;
import dev.aigcmark.core.mark.ImplicitLabel;
import dev.aigcmark.core.mark.Watermark;
import dev.aigcmark.core.report.MarkFinding;
import dev.aigcmark.core.report.Status;
import dev.aigcmark.core.report.VerificationReport;
import dev.aigcmark.testing.ExternalTools;
import dev.aigcmark.video.internal.audio.watermark.AudioWatermarkCodec;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The set-up of a test class that marks real media through the FFmpeg backend and checks the result with the real
 * tools: register it as a static {@code @RegisterExtension} field, naming the tools the class runs. Before the class
 * it assumes each tool is on the path (the class is skipped otherwise), requires the FFmpeg backend to load, and makes
 * the development identity in a home of its own (removed after the class) and a context that marks as it and trusts
 * it, its randomness from the test seed's stream named after the test class (the same ProduceIDs, so payloads, whether
 * the class runs alone or in the suite).
 */
final class TrustedMarking implements BeforeAllCallback {
    private static final ExtensionContext.Namespace HOME = ExtensionContext.Namespace.create(TrustedMarking.class);
    private final List<String> tools;
    private TestIdentity dev;
    private SdkContext context;

    private TrustedMarking(List<String> tools) {
        this.tools = tools;
    }

    /** Set-up that assumes {@code tools} (e.g. "ffmpeg", "mkvmerge") are installed. */
    static TrustedMarking assuming(String... tools) {
        return new TrustedMarking(List.of(tools));
    }

    @Override
    public void beforeAll(ExtensionContext extension) throws Exception {
        for (String tool : tools) {
            ExternalTools.assumeTool(tool);
        }
        assertThat(new FfmpegBackend().unavailable()).isNull();
        Path home = Files.createTempDirectory("aigc-home");
        extension.getStore(HOME).put("home", (ExtensionContext.Store.CloseableResource) () -> deleteTree(home));
        dev = TestIdentity.create(home);
        context = dev.trustingContext(extension.getRequiredTestClass().getSimpleName());
    }

    /** The development identity that marks. */
    TestIdentity dev() {
        return dev;
    }

    /** The context that marks as {@link #dev()} and trusts it. */
    SdkContext context() {
        return context;
    }

    /**
     * Verifies {@code out}, marked as {@code r} said: one label, with no failing status, and exactly one audio
     * watermark, whose payload is the one linked to that label.
     */
    VerificationReport verifiesWithTheLabelsAudioWatermark(Path out, MarkResult r) {
        VerificationReport report = new Verifier(context).verify(out);
        List<MarkFinding> labels = report.findings(ImplicitLabel.class);
        assertThat(labels).as("%s", report.marks()).hasSize(1);
        assertThat(labels.get(0).statuses()).as("%s", labels.get(0).statuses()).noneMatch(Status::isFailure);
        readsTheLabelsAudioPayload(report, r);
        return report;
    }

    /** {@code report} holds exactly one audio watermark, whose payload is the one linked to the label {@code r} wrote. */
    void readsTheLabelsAudioPayload(VerificationReport report, MarkResult r) {
        assertThat(report.findings(Watermark.class).stream().map(f -> (Watermark) f.mark())
                .filter(w -> w.scheme().equals(AudioWatermarkCodec.SCHEME)).map(Watermark::payloadHex))
                .as("%s", report.diagnostics()).containsExactly(labelsPayload(r));
    }

    /**
     * Verifies {@code out}, marked as {@code r} said, a file of {@code tracks} sound tracks: one audio watermark per
     * track, in track order, each named by its track and carrying the payload linked to the label.
     */
    void verifiedOnEveryTrack(Path out, MarkResult r, int tracks) {
        VerificationReport report = new Verifier(context).verify(out);
        List<MarkFinding> audio = report.findings(Watermark.class).stream()
                .filter(f -> ((Watermark) f.mark()).scheme().equals(AudioWatermarkCodec.SCHEME)).toList();
        assertThat(audio).as("%s", report.diagnostics()).hasSize(tracks);
        for (int k = 0; k < tracks; k++) {
            assertThat(((Watermark) audio.get(k).mark()).payloadHex()).isEqualTo(labelsPayload(r));
            assertThat(((Watermark) audio.get(k).mark()).carrier()).contains("audio track " + (k + 1) + " of " + tracks);
        }
    }

    private String labelsPayload(MarkResult r) {
        return HexFormat.of().formatHex(WatermarkPayloads.forLabel(r.label(), dev.identity()));
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }
}
