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
import dev.aigcmark.core.spi.Container;
import dev.aigcmark.core.spi.MarkCodec;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Compares what the marks of one file say, after every other codec ran: does the GB label agree with the C2PA
 * manifest's source type, and does our watermark carry the value the manifest's soft binding names?
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

    private static <T> List<T> intact(List<MarkFinding> marks, Class<T> kind) {
        return marks.stream().filter(f -> f.state() != TrustState.INVALID && kind.isInstance(f.mark()))
                .map(f -> kind.cast(f.mark())).toList();
    }
}
