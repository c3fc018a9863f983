package dev.aigcmark.core.internal.codec;

import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.internal.watermark.WatermarkPayloads;
import dev.aigcmark.core.label.AigcLabel;
import dev.aigcmark.core.label.DigitalSourceType;
import dev.aigcmark.core.mark.C2paManifest;
import dev.aigcmark.core.mark.ImplicitLabel;
import dev.aigcmark.core.mark.SoftBinding;
import dev.aigcmark.core.mark.Watermark;
import dev.aigcmark.core.report.MarkFinding;
import dev.aigcmark.core.report.Status;
import dev.aigcmark.core.report.StatusCodes;
import dev.aigcmark.core.report.TrustState;
import dev.aigcmark.core.report.VerificationReport;
import dev.aigcmark.core.spi.Container;
import dev.aigcmark.core.spi.MarkCodec;
import dev.aigcmark.core.trust.TrustDecision;
import dev.aigcmark.core.trust.TrustPolicy;
import dev.aigcmark.core.trust.TrustedPlatform;
import dev.aigcmark.core.internal.watermark.WatermarkPayload;

import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Compares what the marks of one file say, after every other codec ran, the same way for every format: does the
 * GB label agree with the C2PA manifest's source type; does our watermark carry the value the manifest's soft
 * binding names; was the label stripped while our watermark (image, video or text) survived; and did the
 * watermark's platform write this label (as producer or propagator, with the serial derived from its id)?
 * Disagreement between intact marks is a failure: one of them was forged or transplanted.
 */
public final class CrossCheckCodec implements MarkCodec {

    @Override
    public String id() {
        return "cross-check";
    }

    @Override
    public int order() {
        return 1000;
    }

    @Override
    public void verify(Container container, SdkContext context, VerificationReport.Builder report) {
        List<MarkFinding> marks = report.marks();
        List<ImplicitLabel> labels = intact(marks, ImplicitLabel.class);
        List<C2paManifest> manifests = intact(marks, C2paManifest.class);
        List<Watermark> watermarks = intact(marks, Watermark.class).stream()
                .filter(w -> w.scheme().startsWith("aigcmark.")).toList();
        for (ImplicitLabel label : labels) {
            for (C2paManifest m : manifests) {
                if (m.effectiveSourceType() == null) {
                    continue;
                }
                boolean labelSaysAi = label.label().labelValue().isPresent();
                boolean c2paSaysAi = DigitalSourceType.isGenerativeAi(m.effectiveSourceType());
                if (labelSaysAi == c2paSaysAi) {
                    report.crossCheck(Status.success(StatusCodes.XREF_LABEL_C2PA_CONSISTENT,
                            "GB 45438 label and C2PA source type agree"));
                } else {
                    report.crossCheck(Status.failure(StatusCodes.XREF_LABEL_C2PA_INCONSISTENT,
                            "GB 45438 label says AI-generated but C2PA declares " + m.effectiveSourceType()));
                }
            }
        }
        watermarkAgainstLabel(labels, watermarks, context, report);
        for (C2paManifest m : manifests) {
            if (m.softBinding().isEmpty() || watermarks.isEmpty()) {
                continue;
            }
            SoftBinding binding = m.softBinding().get();
            report.crossCheck(watermarks.stream().anyMatch(binding::matches)
                    ? Status.success(StatusCodes.XREF_SOFT_BINDING_MATCH, "the watermark carries the manifest's soft binding")
                    : Status.failure(StatusCodes.XREF_SOFT_BINDING_MISMATCH,
                    "the watermark payload differs from the manifest's soft binding " + binding.hex()));
        }
    }

    /**
     * Our watermark against the label: none at all means the metadata was stripped (the watermark still says
     * whose content it is); otherwise the watermark's registered platform must be the label's producer or
     * propagator, and its serial the one derived from that role's id.
     */
    private static void watermarkAgainstLabel(List<ImplicitLabel> labels, List<Watermark> watermarks,
                                              SdkContext context, VerificationReport.Builder report) {
        TrustPolicy policy = TrustPolicy.of(context);
        for (Watermark w : watermarks) {
            byte[] payload = payloadBytes(w);
            if (payload == null) {
                continue;
            }
            TrustDecision issuer = policy.watermark(payload);
            long serial = WatermarkPayload.serialOf(payload);
            if (labels.isEmpty()) {
                report.crossCheck(Status.info(StatusCodes.XREF_STRIPPED_WATERMARK, "no implicit label in the metadata, but "
                        + issuer.signer() + "'s " + w.scheme() + " watermark is present (serial " + serial
                        + "): the label was probably stripped"));
                continue;
            }
            if (issuer.platform().isEmpty()) {
                continue; // an unregistered issuer has no provider code to compare
            }
            TrustedPlatform platform = issuer.platform().get();
            for (ImplicitLabel l : labels) {
                AigcLabel label = l.label();
                Optional<String> role = roleOf(platform, label);
                if (role.isEmpty()) {
                    report.crossCheck(Status.failure(StatusCodes.XREF_WATERMARK_LABEL_OTHER_PLATFORM, "the watermark was made by "
                            + platform.displayName() + ", but the label names producer '" + label.contentProducer()
                            + "' and propagator '" + label.contentPropagator() + "': one of them was transplanted"));
                    continue;
                }
                report.crossCheck(Status.success(StatusCodes.XREF_WATERMARK_LABEL_SAME_PLATFORM, "watermark and label ("
                        + role.get() + ") both from " + platform.displayName()));
                boolean serialMatches = serial == WatermarkPayloads.serialOf(label.produceId())
                        || (!label.propagateId().isEmpty() && serial == WatermarkPayloads.serialOf(label.propagateId()));
                report.crossCheck(serialMatches
                        ? Status.success(StatusCodes.XREF_WATERMARK_SERIAL_MATCH, "the watermark's serial " + serial
                        + " is derived from the label's id")
                        : Status.failure(StatusCodes.XREF_WATERMARK_SERIAL_MISMATCH, "the watermark's serial " + serial
                        + " belongs to neither the ProduceID nor the PropagateID of this label: another piece of "
                        + platform.displayName() + "'s content"));
            }
        }
    }

    /** "producer" or "propagator" when one of the label's codes is the platform's. */
    private static Optional<String> roleOf(TrustedPlatform platform, AigcLabel label) {
        if (platform.providerCodes().contains(label.contentProducer())) {
            return Optional.of("producer");
        }
        if (!label.contentPropagator().isEmpty() && platform.providerCodes().contains(label.contentPropagator())) {
            return Optional.of("propagator");
        }
        return Optional.empty();
    }

    private static byte[] payloadBytes(Watermark w) {
        if (w.payloadHex() == null || w.payloadHex().length() != 2 * WatermarkPayload.BYTES) {
            return null;
        }
        try {
            return HexFormat.of().parseHex(w.payloadHex());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static <T> List<T> intact(List<MarkFinding> marks, Class<T> kind) {
        return marks.stream().filter(f -> f.state() != TrustState.INVALID && kind.isInstance(f.mark()))
                .map(f -> kind.cast(f.mark())).toList();
    }
}
