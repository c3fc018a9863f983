package dev.aigcmark.image.internal.sd;

import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.mark.Watermark;
import dev.aigcmark.core.report.MarkFinding;
import dev.aigcmark.core.report.Status;
import dev.aigcmark.core.report.StatusCodes;
import dev.aigcmark.core.report.TrustState;
import dev.aigcmark.core.report.VerificationReport;
import dev.aigcmark.core.spi.Container;
import dev.aigcmark.core.spi.MarkCodec;
import dev.aigcmark.core.spi.RasterView;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reports the Stable Diffusion / SDXL / FLUX {@code imwatermark} mark (schemes {@code sd.sdxl}, {@code sd.v1},
 * {@code sd.v2}, {@code sd.inpainting}, {@code flux}). The mark is unkeyed and unsigned, so a finding is VALID
 * (a trace of generation), never TRUSTED. Nothing is reported below the family-wise threshold.
 */
public final class SdWatermarkCodec implements MarkCodec {

    @Override
    public String id() {
        return "sd-watermark";
    }

    @Override
    public void verify(Container container, SdkContext context, VerificationReport.Builder report) {
        Optional<RasterView> raster = container.view(RasterView.class);
        if (raster.isEmpty()) {
            RasterView.notExamined(container, "Stable Diffusion watermark detector").ifPresent(report::diagnostic);
            return;
        }
        Optional<SdWatermarkDetector.Read> found = SdWatermarkDetector.detect(raster.get().image());
        if (found.isEmpty()) {
            return;
        }
        SdWatermarkDetector.Read r = found.get();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("matchingBits", r.matching());
        details.put("of", r.of());
        details.put("convention", r.convention().label);
        details.put("inverted", r.inverted());
        details.put("pValue", Double.parseDouble(String.format(Locale.ROOT, "%.3g", r.pValue())));
        Watermark mark = new Watermark(r.payload().scheme, "U channel, Haar LL (imwatermark dwtDct)",
                null, 1 - r.pValue(), details);
        report.mark(new MarkFinding(mark, TrustState.VALID, r.payload().displayName, List.of(Status.info(
                StatusCodes.SDWM_DETECTED, r.payload().displayName + " invisible watermark: " + r.matching() + "/" + r.of()
                        + " bits match (" + r.convention().label + (r.inverted() ? ", inverted" : "") + ")"))));
    }
}
