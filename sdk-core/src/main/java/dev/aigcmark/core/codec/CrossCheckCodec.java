package dev.aigcmark.core.codec;

import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.label.DigitalSourceType;
import dev.aigcmark.core.mark.C2paManifest;
import dev.aigcmark.core.mark.ImplicitLabel;
import dev.aigcmark.core.mark.Watermark;
import dev.aigcmark.core.report.MarkFinding;
import dev.aigcmark.core.report.Status;
import dev.aigcmark.core.report.StatusCodes;
import dev.aigcmark.core.report.TrustState;
import dev.aigcmark.core.report.VerificationReport;
import dev.aigcmark.core.securitydata.LabelBinding;
import dev.aigcmark.core.securitydata.SecurityData;
import dev.aigcmark.core.spi.Container;
import dev.aigcmark.core.spi.MarkCodec;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Compares what the marks of one file say, after every other codec ran: does the GB label agree with the C2PA
 * manifest's source type, does our watermark carry the value the manifest's soft binding names, and is it the
 * watermark the label's signed binding names?
 * Disagreement between intact marks is a failure: one of them was forged or transplanted.
 */
public final class CrossCheckCodec implements MarkCodec {

    /** Key under which the C2PA reader puts the soft binding ({@code {alg, value}}, value in hex) in {@link C2paManifest#details()}. */
    public static final String SOFT_BINDING_DETAIL = "softBinding";

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
        for (ImplicitLabel label : labels) {
            watermarkBinding(label, watermarks, report);
        }
        for (C2paManifest m : manifests) {
            Object binding = m.details().get(SOFT_BINDING_DETAIL);
            if (!(binding instanceof Map<?, ?> sb) || sb.get("value") == null || watermarks.isEmpty()) {
                continue;
            }
            String value = String.valueOf(sb.get("value")).toLowerCase(Locale.ROOT);
            boolean match = watermarks.stream().anyMatch(w -> w.payloadHex() != null
                    && w.payloadHex().toLowerCase(Locale.ROOT).equals(value));
            report.crossCheck(match
                    ? Status.success(StatusCodes.XREF_SOFT_BINDING_MATCH, "the watermark carries the manifest's soft binding")
                    : Status.failure(StatusCodes.XREF_SOFT_BINDING_MISMATCH,
                    "the watermark payload differs from the manifest's soft binding " + value));
        }
    }

    /**
     * The watermark a label's signed binding names, against ours found in the content: the same payload confirms
     * the label belongs here; the same issuer's mark for other content means the label was moved here.
     */
    private static void watermarkBinding(ImplicitLabel label, List<Watermark> watermarks, VerificationReport.Builder report) {
        for (String reservedCode : List.of(label.label().reservedCode1(), label.label().reservedCode2())) {
            Optional<String> bound = SecurityData.readBinding(reservedCode).flatMap(LabelBinding::watermarkPayloadHex);
            if (bound.isEmpty()) {
                continue;
            }
            List<String> found = watermarks.stream().map(Watermark::payloadHex).filter(p -> p != null)
                    .map(p -> p.toLowerCase(Locale.ROOT)).filter(p -> p.matches("[0-9a-f]{16}")).toList();
            if (found.contains(bound.get())) {
                report.crossCheck(Status.success(StatusCodes.XREF_LABEL_WATERMARK_MATCH,
                        "the watermark carries the payload the label's binding names"));
            } else if (found.stream().anyMatch(p -> issuer(p) == issuer(bound.get()))) {
                report.crossCheck(Status.failure(StatusCodes.XREF_LABEL_WATERMARK_MISMATCH, "the content carries the"
                        + " label issuer's watermark for other content (" + found + ", the label names " + bound.get()
                        + "): the label was moved here"));
            }
        }
    }

    /** The 16-bit issuer id of a payload in hex (bits 4..19, see WatermarkPayload). */
    private static int issuer(String payloadHex) {
        return (int) ((Long.parseUnsignedLong(payloadHex, 16) >>> 44) & 0xFFFF);
    }

    private static <T> List<T> intact(List<MarkFinding> marks, Class<T> kind) {
        return marks.stream().filter(f -> f.state() != TrustState.INVALID && kind.isInstance(f.mark()))
                .map(f -> kind.cast(f.mark())).toList();
    }
}
