package dev.aigcmark.image.internal.watermark;

import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.identity.WatermarkKey;
import dev.aigcmark.core.report.Status;
import dev.aigcmark.core.report.StatusCodes;
import dev.aigcmark.core.report.VerificationReport;
import dev.aigcmark.core.spi.Container;
import dev.aigcmark.core.spi.MarkCodec;
import dev.aigcmark.core.spi.RasterView;
import dev.aigcmark.core.trust.TrustPolicy;
import dev.aigcmark.core.internal.watermark.WatermarkTrust;
import dev.aigcmark.core.internal.watermark.WatermarkPayload;

import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads our image mark ({@code aigcmark.image.v2}) with the detection key of every platform in the trust
 * registry and the local identity's own key (mutual recognition); {@link TrustPolicy} names the issuer and
 * decides trust, as for every other mark. What the mark says about the label (stripped, transplanted) is the
 * cross-check codec's job.
 */
public final class AigcWatermarkCodec implements MarkCodec {
    public static final String SCHEME = "aigcmark.image.v2";

    @Override
    public String id() {
        return "aigcmark-watermark";
    }

    @Override
    public int order() {
        return 500;
    }

    @Override
    public void verify(Container container, SdkContext context, VerificationReport.Builder report) {
        // The keys only when there are pixels (or a reason there are none) to report on: asking for them reads the
        // trust registry, which a deferred registry (the command line's) then has to load.
        Optional<RasterView> raster = container.view(RasterView.class);
        if (raster.isEmpty()) {
            RasterView.notExamined(container, "our watermark")
                    .filter(skipped -> !WatermarkTrust.detectionKeys(context).isEmpty())
                    .ifPresent(report::diagnostic);
            return;
        }
        List<WatermarkKey> keys = WatermarkTrust.detectionKeys(context);
        if (keys.isEmpty()) {
            return;
        }
        BufferedImage image = raster.get().image();
        // a label found earlier (order 10) names the platform whose mark an unaltered file carries: its keys first
        // found marks only: a miss's soft bits (what video adds over frames) are not computed
        Optional<Detection> found = ImageWatermarker.find(image, keys, WatermarkTrust.expectedKeys(context, report.marks()));
        if (found.isEmpty()) {
            if (!ImageWatermarker.fits(image.getWidth(), image.getHeight())) {
                report.diagnostic(Status.info(StatusCodes.WM_SKIPPED_TOO_SMALL, "our watermark: the picture ("
                        + image.getWidth() + "×" + image.getHeight() + " px) is below the " + ImageWatermarker.MIN_SIDE
                        + " px shorter side our marker needs, so it carries none; its absence says nothing"));
            }
            return;
        }
        Detection d = found.get();
        WatermarkPayload payload = d.payload().orElseThrow();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("shiftX", d.shiftX());
        details.put("shiftY", d.shiftY());
        details.put("period", Math.round(d.period() * 10) / 10.0);
        details.put("rotation", Math.round(d.rotation() * 100) / 100.0);
        details.put("aspect", Math.round(d.aspect() * 1000) / 1000.0);
        details.put("mirrored", d.mirrored());
        details.put("pnr", Math.round(d.pnr() * 100) / 100.0);
        report.mark(WatermarkTrust.finding(context, SCHEME, "luma plane", payload.toBytes(), d.confidence(),
                Status.success(StatusCodes.WM_DECODED, "payload decoded; CRC, version, issuer and keyed tag check (PNR "
                        + details.get("pnr") + ")"), details));
    }
}
