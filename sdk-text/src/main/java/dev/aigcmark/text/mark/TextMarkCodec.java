package dev.aigcmark.text.mark;

import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.mark.Watermark;
import dev.aigcmark.core.report.MarkFinding;
import dev.aigcmark.core.report.Status;
import dev.aigcmark.core.report.VerificationReport;
import dev.aigcmark.core.spi.Container;
import dev.aigcmark.core.spi.MarkCodec;
import dev.aigcmark.core.spi.TextView;
import dev.aigcmark.core.trust.TrustedPlatform;
import dev.aigcmark.core.watermark.WatermarkPayload;
import dev.aigcmark.text.internal.PayloadFields;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds our invisible text mark ({@link TextMarks}) in a document's text and reports, per distinct payload,
 * in how many of the mark places found it was read intact, and which platform issued it (from the trust
 * registry, whose watermark key must match the payload's keyed tag: TRUSTED for a registered, non-development
 * platform whose key matches; INVALID when the tag does not match the named issuer's key). Text with its
 * invisible code points stripped has no places at all: the mark is then absent, never reported as forged. Damaged places alone (a copy that cut a mark) are a diagnostic, not a mark.
 */
public final class TextMarkCodec implements MarkCodec {
    public static final String FOUND = "wm.text.found";
    public static final String DAMAGED = "wm.text.damaged";
    public static final String ISSUER_KNOWN = "wm.issuer.known";
    public static final String ISSUER_UNKNOWN = "wm.issuer.unknown";
    public static final String TAG_VALID = "wm.tag.valid";
    public static final String TAG_MISMATCH = "wm.tag.mismatch";

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
            report.diagnostic(Status.info(DAMAGED, "text mark places found (" + damaged + ") but none intact"));
            return;
        }
        int places = sites.size();
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            report.mark(finding(e.getKey(), e.getValue(), places, damaged, context));
        }
    }

    private static MarkFinding finding(String hex, int found, int places, int damaged, SdkContext context) {
        byte[] payload = HexFormat.of().parseHex(hex);
        int issuerId = PayloadFields.issuer(payload);
        Optional<TrustedPlatform> issuer = context.trust().findByWatermarkIssuer(issuerId);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("places", places);
        details.put("found", found);
        details.put("damaged", damaged);
        details.put("issuerId", issuerId);
        details.put("serial", PayloadFields.serial(payload));
        issuer.ifPresent(p -> details.put("issuer", p.displayName()));
        List<Status> statuses = new ArrayList<>();
        statuses.add(Status.success(FOUND, "payload " + hex + " found in " + found + " of " + places + " places"));
        boolean trusted = false;
        if (issuer.isEmpty()) {
            statuses.add(Status.info(ISSUER_UNKNOWN, "issuer " + issuerId + " is not in the trust registry"));
        } else {
            TrustedPlatform p = issuer.get();
            statuses.add(Status.info(ISSUER_KNOWN, "issued by " + p.displayName()
                    + (p.development() ? " (development identity, not trusted)" : "")));
            // The keyed tag ties the payload to the issuer's key: a mismatch is a mark made without that key.
            boolean tagValid = WatermarkPayload.parse(payload, p.watermarkKey().orElseThrow()).isPresent();
            statuses.add(tagValid ? Status.success(TAG_VALID, "keyed tag matches " + p.displayName() + "'s key")
                    : Status.failure(TAG_MISMATCH, "keyed tag does not match " + p.displayName() + "'s key: not made by it"));
            trusted = tagValid && !p.development();
        }
        String where = "text (" + found + " of " + places + " places)";
        return new MarkFinding(new Watermark(TextMarks.SCHEME, where, hex, 1.0, details),
                MarkFinding.stateFrom(statuses, trusted), issuer.map(TrustedPlatform::displayName).orElse(null), statuses);
    }
}
