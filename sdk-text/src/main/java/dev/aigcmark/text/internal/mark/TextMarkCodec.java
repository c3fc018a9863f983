package dev.aigcmark.text.internal.mark;

import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.report.MarkFinding;
import dev.aigcmark.core.report.Status;
import dev.aigcmark.core.report.VerificationReport;
import dev.aigcmark.core.spi.Container;
import dev.aigcmark.core.spi.MarkCodec;
import dev.aigcmark.core.spi.TextView;
import dev.aigcmark.core.report.StatusCodes;
import dev.aigcmark.core.trust.TrustPolicy;
import dev.aigcmark.core.internal.watermark.WatermarkTrust;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds our invisible text mark ({@link TextMarks}) in a document's text and reports, per distinct payload,
 * in how many of the mark places found it was read intact, and which platform issued it ({@link TrustPolicy}:
 * TRUSTED for a registered, non-development platform whose watermark key reproduces the payload's keyed tag;
 * INVALID when the payload names a registered issuer whose key does not). Text with its
 * invisible code points stripped has no places at all: the mark is then absent, never reported as forged. Damaged places alone (a copy that cut a mark) are a diagnostic, not a mark.
 */
public final class TextMarkCodec implements MarkCodec {

    @Override
    public String id() {
        return "aigcmark-text-mark";
    }

    @Override
    public int order() {
        return 60;
    }

    @Override
    public void verify(Container container, SdkContext context, VerificationReport.Builder report) {
        Optional<TextView> view = container.view(TextView.class);
        if (view.isEmpty()) {
            return;
        }
        List<TextMarks.Site> sites = TextMarks.find(view.get().text());
        if (sites.isEmpty()) {
            return;
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        int damaged = 0;
        for (TextMarks.Site s : sites) {
            if (s.intact()) {
                counts.merge(HexFormat.of().formatHex(s.payload()), 1, Integer::sum);
            } else {
                damaged++;
            }
        }
        if (counts.isEmpty()) {
            report.diagnostic(Status.info(StatusCodes.WM_TEXT_DAMAGED, "text mark places found (" + damaged + ") but none intact"));
            return;
        }
        int places = sites.size();
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            report.mark(finding(e.getKey(), e.getValue(), places, damaged, context));
        }
    }

    private static MarkFinding finding(String hex, int found, int places, int damaged, SdkContext context) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("places", places);
        details.put("found", found);
        details.put("damaged", damaged);
        return WatermarkTrust.finding(context, TextMarks.SCHEME, "text (" + found + " of " + places + " places)",
                HexFormat.of().parseHex(hex), 1.0, Status.success(StatusCodes.WM_TEXT_FOUND,
                        "payload " + hex + " found in " + found + " of " + places + " places"), details);
    }
}
