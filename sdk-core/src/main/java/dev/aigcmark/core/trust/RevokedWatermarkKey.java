package dev.aigcmark.core.trust;

import dev.aigcmark.core.identity.WatermarkKey;

import java.time.Instant;
import java.util.Objects;

/**
 * A watermark key its platform withdrew. The key stays published so verifiers still find marks made with it, and
 * report each as a failure ({@code wm.issuer.revoked}): a watermark carries no trusted time either, so a mark
 * cannot be dated before the withdrawal.
 *
 * @param key       the withdrawn key (its issuer id and secret)
 * @param revokedAt when the platform withdrew it
 * @param reason    for people, e.g. {@code key compromise}
 */
public record RevokedWatermarkKey(WatermarkKey key, Instant revokedAt, String reason) {
    /** Checks the key and time are given; a missing reason is empty. */
    public RevokedWatermarkKey {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(revokedAt, "revokedAt");
        reason = reason == null ? "" : reason;
    }
}
