package dev.aigcmark.video.ffmpeg.internal;

import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.Verifier;
import dev.aigcmark.core.mark.Watermark;
import dev.aigcmark.core.report.MarkFinding;
import dev.aigcmark.core.report.VerificationReport;
import dev.aigcmark.core.trust.TrustRegistry;
import dev.aigcmark.core.trust.TrustedPlatform;
import dev.aigcmark.testing.TestContexts;
import dev.aigcmark.video.internal.detect.VideoWatermarkCodec;
import dev.aigcmark.video.internal.format.MatroskaHandler;
import dev.aigcmark.video.internal.format.Mp4Handler;
import dev.aigcmark.video.internal.format.WebmHandler;
import dev.aigcmark.video.ProgressListener;
import dev.aigcmark.video.testing.TestMarks;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A verifier that trusts the test platform's watermark key and reads video frames (MP4/MOV, Matroska, WebM) with
 * the FFmpeg backend.
 */
final class TestVerifier {
    private final Verifier verifier;

    TestVerifier(FfmpegBackend backend) {
        TrustedPlatform platform = new TrustedPlatform("test", "Test Platform", List.of(TestMarks.PRODUCER), List.of(),
                List.of(), Optional.of(TestMarks.KEY), false);
        SdkContext context = TestContexts.builder()
                .handlers(List.of(new Mp4Handler(backend, ProgressListener.NONE), new MatroskaHandler(backend),
                        new WebmHandler(backend)))
                .codecs(List.of(new VideoWatermarkCodec()))
                .trust(TrustRegistry.empty().with(platform)).build();
        verifier = new Verifier(context);
    }

    VerificationReport verify(Path file) {
        return verifier.verify(file);
    }

    /** The one video watermark found in {@code file} (fails the test when there is none or more than one). */
    Watermark watermark(Path file) {
        VerificationReport r = verifier.verify(file);
        List<MarkFinding> w = r.findings(Watermark.class);
        assertThat(w).as("watermark findings in %s (diagnostics %s)", file.getFileName(), r.diagnostics()).hasSize(1);
        return (Watermark) w.get(0).mark();
    }
}
