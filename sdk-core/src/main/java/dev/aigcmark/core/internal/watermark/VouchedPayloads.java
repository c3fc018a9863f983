package dev.aigcmark.core.internal.watermark;

import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.identity.PlatformIdentity;
import dev.aigcmark.core.identity.WatermarkKey;
import dev.aigcmark.core.internal.securitydata.SecurityData;
import dev.aigcmark.core.internal.securitydata.SignatureCheck;
import dev.aigcmark.core.label.AigcLabel;
import dev.aigcmark.core.trust.TrustDecision;
import dev.aigcmark.core.trust.TrustPolicy;
import dev.aigcmark.core.trust.TrustedPlatform;
import dev.aigcmark.core.trust.WatermarkKeyUse;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;

/**
 * The watermark payloads a GB 45438 label vouches for, for a known-payload test (a detector that read nothing asks
 * whether the mark of one of these is there). A role's id counts only when that role's signature verifies under a key
 * of a platform we know (a registry entry not revoked, or this platform's own identity) whose provider codes hold the
 * code the label names for that role; its payload is then asked under that platform's watermark keys only. So a label
 * signed with a throw-away key, or naming a platform that did not sign it, asks for nothing: the payload of a
 * known-payload test must not be the file author's free choice, or its false-positive bound (per payload asked,
 * chosen before the samples were seen) would not hold.
 */
public final class VouchedPayloads {
    /** At most this many payloads are asked of one file's samples (every role of every label, every key). */
    public static final int MAX_ASKED = 4;

    private VouchedPayloads() {
    }

    /** A payload a label's signed role vouches for, under the key of the platform that signed it. */
    public record Vouched(WatermarkKey key, WatermarkPayload payload) {
    }

    /** The payloads {@code labels} vouch for, each once, at most {@link #MAX_ASKED}, producers first. */
    public static List<Vouched> of(SdkContext context, List<AigcLabel> labels) {
        List<Vouched> out = new ArrayList<>();
        for (AigcLabel label : labels) {
            add(context, SecurityData.verifyProducer(label), label.contentProducer(), label.produceId(), out);
            if (!label.contentPropagator().isEmpty() || !label.reservedCode2().isEmpty()) {
                add(context, SecurityData.verifyPropagator(label), label.contentPropagator(), label.propagateId(), out);
            }
        }
        return out.size() > MAX_ASKED ? List.copyOf(out.subList(0, MAX_ASKED)) : out;
    }

    private static void add(SdkContext context, SignatureCheck check, String code, String id, List<Vouched> out) {
        if (id.isEmpty() || code.isEmpty() || check.outcome() != SignatureCheck.Outcome.VALID || check.signerKey() == null) {
            return;
        }
        for (WatermarkKey key : keysOf(context, check.signerKey(), code)) {
            Vouched v = new Vouched(key, WatermarkPayload.of(key, WatermarkPayloads.serialOf(id)));
            if (!out.contains(v)) {
                out.add(v);
            }
        }
    }

    /** The watermark keys of the known platform that signed with {@code signer} and goes by {@code code}; else none. */
    private static List<WatermarkKey> keysOf(SdkContext context, PublicKey signer, String code) {
        PlatformIdentity own = context.identity().orElse(null);
        if (own != null && own.providerCode().equals(code) && own.labelSigner().publicKey().equals(signer)) {
            return List.of(own.watermarkKey());
        }
        TrustDecision decision = TrustPolicy.of(context).signingKey(signer);
        if (decision.verdict() == TrustDecision.Verdict.REVOKED || decision.verdict() == TrustDecision.Verdict.MISMATCH) {
            return List.of();
        }
        TrustedPlatform platform = decision.platform().orElse(null);
        if (platform == null || !platform.providerCodes().contains(code)) {
            return List.of();
        }
        return platform.watermarkKeys().stream().map(WatermarkKeyUse::key).distinct().toList();
    }
}
