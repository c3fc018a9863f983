package dev.aigcmark.core.trust;

import dev.aigcmark.core.identity.WatermarkKey;
import dev.aigcmark.core.internal.watermark.WatermarkPayload;
import dev.aigcmark.core.report.StatusCodes;
import dev.aigcmark.core.trust.TrustDecision.TrustSubject;
import dev.aigcmark.core.trust.TrustDecision.Verdict;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** A platform's watermark keys over time: a retired key's marks stay its own, a revoked key's fail. */
class WatermarkKeyHistoryTest {
    static final WatermarkKey KEY_A = TrustPolicyTest.KEY_A;
    static final WatermarkKey OLD = key(0x0B0B, (byte) 2);
    static final WatermarkKey OLDER = key(0x0C0C, (byte) 3);

    static WatermarkKey key(int issuer, byte fill) {
        return TrustPolicyTest.key(issuer, fill);
    }

    static TrustPolicy policy(TrustedPlatform platform) {
        return new TrustPolicy(new TrustRegistry(List.of(platform)), Optional.empty(), List.of(), Clock.systemUTC());
    }

    static TrustedPlatform platformA(boolean development) {
        return new TrustedPlatform("a", "Platform A", List.of(TrustPolicyTest.CODE), List.of(), List.of(),
                Optional.of(KEY_A), development);
    }

    TrustedPlatform rotated(List<RevokedWatermarkKey> revoked) {
        return platformA(false).withWatermarkHistory(List.of(OLD, OLDER), revoked);
    }

    @Test
    void marksOfTheCurrentAndRetiredKeysAreThePlatformsAndSayWhichKey() {
        TrustPolicy p = policy(rotated(List.of()));
        byte[] current = WatermarkPayload.of(KEY_A, 1).toBytes();
        byte[] retired = WatermarkPayload.of(OLD, 2).toBytes();
        assertThat(p.watermark(current).verdict()).isEqualTo(Verdict.TRUSTED);
        assertThat(p.watermark(retired).verdict()).isEqualTo(Verdict.TRUSTED);
        assertThat(p.watermark(retired).signer()).isEqualTo("Platform A");
        assertThat(p.watermarkKey(current).orElseThrow().standing()).isEqualTo(WatermarkKeyUse.Standing.CURRENT);
        assertThat(p.watermarkKey(retired).orElseThrow().standing()).isEqualTo(WatermarkKeyUse.Standing.RETIRED);
        assertThat(p.watermarkKey(retired).orElseThrow().key()).isEqualTo(OLD);
    }

    @Test
    void aRevokedKeysMarkIsFoundButFailsWithTheRegistrysReason() {
        Instant when = Instant.parse("2026-12-01T00:00:00Z");
        TrustPolicy p = policy(rotated(List.of(new RevokedWatermarkKey(OLD, when, "leaked"))));
        byte[] payload = WatermarkPayload.of(OLD, 2).toBytes();
        TrustDecision d = p.watermark(payload);
        assertThat(d.verdict()).isEqualTo(Verdict.REVOKED);
        assertThat(d.platform()).map(TrustedPlatform::id).contains("a");
        assertThat(d.detail()).contains("revoked", "2026-12-01", "leaked");
        assertThat(d.status(TrustSubject.WATERMARK_ISSUER, "").code()).isEqualTo(StatusCodes.WM_ISSUER_REVOKED);
        assertThat(p.watermarkKey(payload).orElseThrow().standing()).isEqualTo(WatermarkKeyUse.Standing.REVOKED);
        assertThat(rotated(List.of(new RevokedWatermarkKey(OLD, when, ""))).retiredWatermarkKeys())
                .as("a revoked key is no longer listed as retired").containsExactly(OLDER);
    }

    @Test
    void aPayloadNamingARetiredIssuerWithAnotherTagIsAMismatch() {
        WatermarkKey forged = new WatermarkKey(OLD.issuerId(), new byte[32]);
        assertThat(policy(rotated(List.of())).watermark(WatermarkPayload.of(forged, 9).toBytes()).verdict())
                .isEqualTo(Verdict.MISMATCH);
    }

    @Test
    void theRegistryFileKeepsTheWatermarkHistory() throws Exception {
        TrustedPlatform p = rotated(List.of(new RevokedWatermarkKey(key(0x0D0D, (byte) 4),
                Instant.parse("2026-12-02T10:00:00Z"), "lost")));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TrustRegistryJson.write(new TrustRegistry(List.of(p)), out);
        assertThat(out.toString()).contains("\"retiredWatermarks\"", "\"revokedWatermarks\"");
        TrustedPlatform read = TrustRegistryJson.read(new ByteArrayInputStream(out.toByteArray()), "test").platforms().get(0);
        assertThat(read.retiredWatermarkKeys()).containsExactly(OLD, OLDER);
        assertThat(read.revokedWatermarkKeys()).isEqualTo(p.revokedWatermarkKeys());
        assertThat(read.watermarkKeys()).extracting(WatermarkKeyUse::standing).containsExactly(
                WatermarkKeyUse.Standing.CURRENT, WatermarkKeyUse.Standing.RETIRED, WatermarkKeyUse.Standing.RETIRED,
                WatermarkKeyUse.Standing.REVOKED);

        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        TrustRegistryJson.write(new TrustRegistry(List.of(platformA(false))), plain);
        assertThat(plain.toString()).as("an entry without history is written as before")
                .doesNotContain("retiredWatermarks", "revokedWatermarks");
    }
}
