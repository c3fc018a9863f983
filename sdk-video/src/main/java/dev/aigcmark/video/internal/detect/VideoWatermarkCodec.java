package dev.aigcmark.video.internal.detect;

import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.identity.WatermarkKey;
import dev.aigcmark.core.report.Status;
import dev.aigcmark.core.report.VerificationReport;
import dev.aigcmark.core.spi.Container;
import dev.aigcmark.core.spi.MarkCodec;
import dev.aigcmark.core.report.StatusCodes;
import dev.aigcmark.core.trust.TrustPolicy;
import dev.aigcmark.core.internal.watermark.WatermarkTrust;
import dev.aigcmark.core.internal.watermark.WatermarkPayload;
import dev.aigcmark.video.internal.pipeline.FrameSource;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Our watermark in video ({@code aigcmark.video.v1}): multi-frame detection over the container's
 * {@link VideoFramesView} with every known detection key. Reports the payload, the issuer (from the trust
 * registry), the confidence and how many frames were used. Trust is {@link TrustPolicy}'s, as for images and
 * text: TRUSTED when a registered, non-development platform's key made it.
 */
public final class VideoWatermarkCodec implements MarkCodec {
    public static final String SCHEME = "aigcmark.video.v1";

    @Override
    public String id() {
        return "aigcmark-video-watermark";
    }

    @Override
    public int order() {
        return 60;
    }

    @Override
    public void verify(Container container, SdkContext context, VerificationReport.Builder report) {
        Optional<VideoFramesView> view = container.view(VideoFramesView.class);
        if (view.isEmpty()) {
            return; // before the keys: asking for them reads the trust registry, which may be deferred
        }
        List<WatermarkKey> keys = WatermarkTrust.detectionKeys(context);
        if (keys.isEmpty()) {
            return;
        }
        VideoDetection d;
        try (FrameSource decoder = view.get().open()) {
            d = new VideoDetector().detect(decoder, keys);
        } catch (IOException | RuntimeException e) {
            report.diagnostic(Status.info(StatusCodes.WM_VIDEO_UNDECODABLE, "video frames could not be decoded for watermark detection: "
                    + e.getMessage()));
            return;
        }
        if (!d.found()) {
            return;
        }
        WatermarkPayload p = d.payload().get();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("framesRead", d.framesRead());
        details.put("framesUsed", d.framesUsed());
        details.put("keyframesRead", d.keyframes());
        details.put("windows", d.windows());
        details.put("readsDecodedAlone", d.readsAlone());
        details.put("bestPnr", Math.round(d.bestPnr() * 10) / 10.0);
        String where = "video frames (" + d.framesUsed() + " of " + d.framesRead() + " read)";
        Status found = Status.success(StatusCodes.WM_VIDEO_FOUND, "payload " + p.hex() + " decoded from "
                + d.framesUsed() + " frames");
        report.mark(WatermarkTrust.finding(context, SCHEME, where, p.toBytes(), d.confidence(), found, details));
    }
}
