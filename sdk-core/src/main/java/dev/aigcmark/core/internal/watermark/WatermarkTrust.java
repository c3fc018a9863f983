package dev.aigcmark.core.internal.watermark;

import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.identity.WatermarkKey;
import dev.aigcmark.core.mark.ImplicitLabel;
import dev.aigcmark.core.mark.Watermark;
import dev.aigcmark.core.report.MarkFinding;
import dev.aigcmark.core.report.Status;
import dev.aigcmark.core.report.StatusCodes;
import dev.aigcmark.core.trust.TrustDecision;
import dev.aigcmark.core.trust.TrustDecision.TrustSubject;
import dev.aigcmark.core.trust.TrustPolicy;
import dev.aigcmark.core.trust.TrustedPlatform;
import dev.aigcmark.core.trust.WatermarkKeyUse;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Our watermark, whatever carries it (image, video, audio, text), judged one way: which keys to detect with, and
 * the finding for a decoded payload, its issuer and trust decided by {@link TrustPolicy} against the registry. The
 * codecs only detect; everything a report says about who made the mark is said here.
 */
public final class WatermarkTrust {
    private WatermarkTrust() {
    }

    /**
     * Every key a mark can have been made with: this platform's own, then every registry platform's current, retired
     * and revoked keys (a revoked key's mark must be found to be reported as revoked), each once.
     */
    public static List<WatermarkKey> detectionKeys(SdkContext context) {
        List<WatermarkKey> keys = new ArrayList<>();
        context.identity().ifPresent(id -> keys.add(id.watermarkKey()));
        for (TrustedPlatform p : context.trust().platforms()) {
            p.watermarkKeys().stream().map(WatermarkKeyUse::key).filter(k -> !keys.contains(k)).forEach(keys::add);
        }
        return keys;
    }

    /**
     * The detection keys of the platforms that the GB 45438 labels found so far (in {@code findings}) name as producer
     * or propagator, each once, in the order of {@link #detectionKeys}: where a labelled file's mark most likely comes
     * from, so a detector can look for those first (metadata before pixels). Only an order: a detector that
     * finds nothing with them still tries every key, and a label naming no known platform gives an empty list.
     */
    public static List<WatermarkKey> expectedKeys(SdkContext context, List<MarkFinding> findings) {
        List<String> codes = new ArrayList<>();
        for (MarkFinding f : findings) {
            if (f.mark() instanceof ImplicitLabel l) {
                codes.add(l.label().contentProducer());
                if (!l.label().contentPropagator().isEmpty()) {
                    codes.add(l.label().contentPropagator());
                }
            }
        }
        List<WatermarkKey> expected = new ArrayList<>();
        if (codes.isEmpty()) {
            return expected;
        }
        context.identity().filter(id -> codes.contains(id.providerCode())).ifPresent(id -> expected.add(id.watermarkKey()));
        for (TrustedPlatform p : context.trust().platforms()) {
            if (p.providerCodes().stream().anyMatch(codes::contains)) {
                p.watermarkKeys().stream().map(WatermarkKeyUse::key).filter(k -> !expected.contains(k)).forEach(expected::add);
            }
        }
        return expected;
    }

    /**
     * The finding for a payload a detector decoded: the payload's issuer id and serial, the key that made it and its
     * standing, the issuer's name; {@code found} (the codec's own success status) then the trust status, and an
     * informational note when a retired key made it.
     *
     * @param scheme     the watermark scheme (e.g. {@code aigcmark.image.v2})
     * @param where      what carried it, for people (e.g. {@code video frames (12 of 40 read)})
     * @param payload    the 8 payload bytes
     * @param confidence the detector's confidence in [0, 1]
     * @param found      the codec's success status (e.g. {@code wm.video.found})
     * @param figures    the detector's own figures (frames, PNR...)
     */
    public static MarkFinding finding(SdkContext context, String scheme, String where, byte[] payload, double confidence,
                                      Status found, Map<String, Object> figures) {
        TrustPolicy policy = TrustPolicy.of(context);
        TrustDecision issuer = policy.watermark(payload);
        Optional<WatermarkKeyUse> key = policy.watermarkKey(payload);
        Map<String, Object> details = new LinkedHashMap<>(figures);
        details.put("issuerId", WatermarkPayload.issuerIdOf(payload));
        details.put("serial", WatermarkPayload.serialOf(payload));
        issuer.platform().ifPresent(platform -> details.put("issuer", platform.displayName()));
        key.ifPresent(k -> details.put("issuerKey", k.standing().name().toLowerCase(Locale.ROOT)));
        List<Status> statuses = new ArrayList<>();
        statuses.add(found);
        statuses.add(issuer.status(TrustSubject.WATERMARK_ISSUER, ""));
        if (key.isPresent() && key.get().standing() == WatermarkKeyUse.Standing.RETIRED) {
            statuses.add(Status.of(StatusCodes.WM_ISSUER_KEY_RETIRED, "made with a retired watermark key of "
                    + issuer.signer() + " (issuer " + key.get().key().issuerId() + ", " + key.get().key().fingerprint()
                    + "); the platform marks with a newer key now"));
        }
        String hex = HexFormat.of().formatHex(payload);
        return new MarkFinding(new Watermark(scheme, where, hex, confidence, details),
                MarkFinding.stateFrom(statuses, issuer.trusted()), issuer.signer(), statuses);
    }
}
