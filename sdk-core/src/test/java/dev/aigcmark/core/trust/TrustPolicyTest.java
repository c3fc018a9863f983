package dev.aigcmark.core.trust;

import dev.aigcmark.core.crypto.SignatureAlgorithm;
import dev.aigcmark.core.crypto.Signer;
import dev.aigcmark.core.crypto.Signers;
import dev.aigcmark.core.identity.WatermarkKey;
import dev.aigcmark.core.report.Severity;
import dev.aigcmark.core.report.StatusCodes;
import dev.aigcmark.core.trust.TrustDecision.TrustSubject;
import dev.aigcmark.core.trust.TrustDecision.Verdict;
import dev.aigcmark.core.watermark.WatermarkPayload;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The one trust rule, for each kind of mark: who made it, and whether that makes it TRUSTED. */
class TrustPolicyTest {
    static final String CODE = "001191110102MACQD9K64010000";
    static final WatermarkKey KEY_A = key(0x0A0A, (byte) 1);
    final Signer labelKey = Signers.generate(SignatureAlgorithm.SM2_SM3);

    static WatermarkKey key(int issuer, byte fill) {
        byte[] k = new byte[32];
        Arrays.fill(k, fill);
        return new WatermarkKey(issuer, k);
    }

    TrustPolicy policy(TrustedPlatform... platforms) {
        return new TrustPolicy(new TrustRegistry(List.of(platforms)), Optional.empty(), List.of(), Clock.systemUTC());
    }

    TrustedPlatform platformA(boolean development) {
        return new TrustedPlatform("a", "Platform A", List.of(CODE), List.of(labelKey.publicKey()), List.of(),
                Optional.of(KEY_A), development);
    }

    @Test
    void aRegisteredPlatformsKeyIsTrustedAndNamedAlikeForLabelAndWatermark() {
        TrustPolicy p = policy(platformA(false));
        TrustDecision label = p.signingKey(labelKey.publicKey());
        TrustDecision watermark = p.watermark(WatermarkPayload.of(KEY_A, 77).toBytes());
        assertThat(label.verdict()).isEqualTo(Verdict.TRUSTED);
        assertThat(watermark.verdict()).isEqualTo(Verdict.TRUSTED);
        assertThat(label.signer()).isEqualTo(watermark.signer()).isEqualTo("Platform A");
        assertThat(label.status(TrustSubject.LABEL_SIGNER, "producer").code()).isEqualTo(StatusCodes.SIGNER_TRUSTED);
        assertThat(watermark.status(TrustSubject.WATERMARK_ISSUER, "").code()).isEqualTo(StatusCodes.WM_ISSUER_TRUSTED);
    }

    @Test
    void aDevelopmentIdentityIsNeverTrustedForAnyKind() {
        TrustPolicy p = policy(platformA(true));
        assertThat(p.signingKey(labelKey.publicKey()).verdict()).isEqualTo(Verdict.DEVELOPMENT);
        assertThat(p.watermark(WatermarkPayload.of(KEY_A, 77).toBytes()).verdict()).isEqualTo(Verdict.DEVELOPMENT);
        assertThat(p.c2paAnchors()).isEmpty();
    }

    @Test
    void aPayloadWithARegisteredIssuerIdButAnotherKeysTagIsAMismatchFailure() {
        WatermarkKey forger = key(KEY_A.issuerId(), (byte) 9);
        TrustDecision d = policy(platformA(false)).watermark(WatermarkPayload.of(forger, 77).toBytes());
        assertThat(d.verdict()).isEqualTo(Verdict.MISMATCH);
        assertThat(d.status(TrustSubject.WATERMARK_ISSUER, "").severity()).isEqualTo(Severity.FAILURE);
        assertThat(d.status(TrustSubject.WATERMARK_ISSUER, "").code()).isEqualTo(StatusCodes.WM_ISSUER_MISMATCH);
    }

    @Test
    void unknownKeysAndIssuersAreUnregisteredAndNamedByFingerprintOrId() {
        TrustPolicy p = policy(platformA(false));
        Signer other = Signers.generate(SignatureAlgorithm.ED25519);
        TrustDecision key = p.signingKey(other.publicKey());
        assertThat(key.verdict()).isEqualTo(Verdict.UNREGISTERED);
        assertThat(key.signer()).startsWith("sha256:");
        TrustDecision wm = p.watermark(WatermarkPayload.of(key(0x0B0B, (byte) 3), 1).toBytes());
        assertThat(wm.verdict()).isEqualTo(Verdict.UNREGISTERED);
        assertThat(wm.signer()).isEqualTo("issuer 0x0b0b");
        assertThat(wm.status(TrustSubject.WATERMARK_ISSUER, "").code()).isEqualTo(StatusCodes.WM_ISSUER_UNTRUSTED);
    }

    @Test
    void aRevokedKeyIsAFailureEvenThoughThePlatformIsTrusted() {
        Signer old = Signers.generate(SignatureAlgorithm.SM2_SM3);
        TrustedPlatform a = platformA(false).withKeyHistory(List.of(old.publicKey()),
                List.of(new RevokedKey(old.publicKey(), Instant.parse("2026-01-02T03:04:05Z"), "key compromise")));
        TrustDecision d = policy(a).signingKey(old.publicKey());
        assertThat(d.verdict()).isEqualTo(Verdict.REVOKED);
        assertThat(d.status(TrustSubject.LABEL_SIGNER, "producer").code()).isEqualTo(StatusCodes.SIGNER_REVOKED);
        assertThat(d.status(TrustSubject.LABEL_SIGNER, "producer").severity()).isEqualTo(Severity.FAILURE);
        assertThat(d.detail()).contains("key compromise").contains("2026-01-02");
        assertThat(policy(a).signingKey(labelKey.publicKey()).trusted()).as("the current key still counts").isTrue();
    }

    @Test
    void everyVerdictHasARegisteredCodeForEveryKind() {
        for (TrustSubject subject : TrustSubject.values()) {
            for (Verdict v : Verdict.values()) {
                if (v == Verdict.MISMATCH && subject != TrustSubject.WATERMARK_ISSUER) {
                    continue; // a mismatch of a signature is the signature codec's own failure
                }
                TrustDecision d = new TrustDecision(v, "x", Optional.empty(), "why");
                assertThat(d.status(subject, "").code().id()).startsWith(switch (subject) {
                    case LABEL_SIGNER -> "sig.signer.";
                    case WATERMARK_ISSUER -> "wm.issuer.";
                    case C2PA_SIGNER -> "c2pa.signer.";
                });
            }
        }
    }
}
