package dev.aigcmark.image.watermark;

import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.identity.PlatformIdentity;
import dev.aigcmark.core.identity.WatermarkKey;
import dev.aigcmark.core.mark.ImplicitLabel;
import dev.aigcmark.core.mark.Watermark;
import dev.aigcmark.core.report.MarkFinding;
import dev.aigcmark.core.report.Status;
import dev.aigcmark.core.report.StatusCodes;
import dev.aigcmark.core.report.TrustState;
import dev.aigcmark.core.report.VerificationReport;
import dev.aigcmark.core.spi.Container;
import dev.aigcmark.core.spi.MarkCodec;
import dev.aigcmark.core.spi.RasterView;
import dev.aigcmark.core.trust.TrustedPlatform;
import dev.aigcmark.core.watermark.WatermarkPayload;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads our image mark ({@code aigcmark.image.v1}) with the detection key of every platform in the trust
 * registry and the local identity's own key (mutual recognition), names the issuer from the registry, and
 * runs the cross-check: a mark present while no GB 45438 implicit label is means the metadata was stripped
 * ({@link StatusCodes#XREF_STRIPPED_WATERMARK}). Runs late ({@link #order()}) so the label codecs ran first.
 */
public final class AigcWatermarkCodec implements MarkCodec {
    public static final String SCHEME = "aigcmark.image.v1";

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
        Optional<RasterView> raster = container.view(RasterView.class);
        Set<WatermarkKey> keys = new LinkedHashSet<>();
        for (TrustedPlatform p : context.trust().platforms()) {
            p.watermarkKey().ifPresent(keys::add);
        }
        context.identity().map(PlatformIdentity::watermarkKey).ifPresent(keys::add);
        if (keys.isEmpty()) {
            return;
        }
        if (raster.isEmpty()) {
            RasterView.notExamined(container, "our watermark").ifPresent(report::diagnostic);
            return;
        }
        Detection d = ImageWatermarker.detect(raster.get().image(), keys);
        if (!d.found()) {
            return;
        }
        WatermarkPayload payload = d.payload().orElseThrow();
        Optional<TrustedPlatform> platform = context.trust().findByWatermarkIssuer(payload.issuerId());
        String issuer = platform.map(TrustedPlatform::displayName)
                .or(() -> context.identity().filter(i -> i.watermarkKey().issuerId() == payload.issuerId())
                        .map(i -> i.displayName() != null ? i.displayName() : i.id()))
                .orElse(String.format("issuer 0x%04x", payload.issuerId()));
        boolean trusted = platform.isPresent() && !platform.get().development();

        Map<String, Object> details = new LinkedHashMap<>();
        details.put("issuerId", payload.issuerId());
        details.put("serial", payload.serial());
        details.put("shiftX", d.shiftX());
        details.put("shiftY", d.shiftY());
        details.put("scale", Math.round(d.scale() * 10000) / 10000.0);
        details.put("pnr", Math.round(d.pnr() * 100) / 100.0);
        Watermark mark = new Watermark(SCHEME, "luma plane", payload.hex(), d.confidence(), details);
        List<Status> statuses = new ArrayList<>();
        statuses.add(Status.success(StatusCodes.WM_DECODED,
                "payload decoded; CRC, version, issuer and keyed tag check (PNR " + details.get("pnr") + ")"));
        statuses.add(trusted
                ? Status.success(StatusCodes.WM_ISSUER_TRUSTED, "issued by " + issuer + " (trust registry)")
                : Status.info(StatusCodes.WM_ISSUER_UNTRUSTED, "issued by " + issuer + ", not a trusted platform"));
        report.mark(new MarkFinding(mark, trusted ? TrustState.TRUSTED : TrustState.VALID, issuer, statuses));

        boolean labelled = report.marks().stream().anyMatch(f -> f.mark() instanceof ImplicitLabel);
        if (!labelled) {
            report.crossCheck(Status.info(StatusCodes.XREF_STRIPPED_WATERMARK,
                    "no implicit label in the metadata, but " + issuer + "'s watermark is present (serial "
                            + payload.serial() + "): the label was probably stripped"));
        }
    }
}
