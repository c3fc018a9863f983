package dev.aigcmark.core.trust;

import java.security.PublicKey;
import java.time.Instant;
import java.util.Objects;

/**
 * A label-signing key its platform withdrew (compromised, lost): nothing it signed counts as the platform's
 * any more. GB 45438 SecurityData carries no trusted time, so a signature cannot be dated before the revocation;
 * a verifier reports every signature by a revoked key as a failure, as C2PA does for a revoked credential.
 *
 * @param key       the withdrawn public key
 * @param revokedAt when the platform withdrew it
 * @param reason    for people, e.g. {@code key compromise}
 */
public record RevokedKey(PublicKey key, Instant revokedAt, String reason) {
    public RevokedKey {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(revokedAt, "revokedAt");
        reason = reason == null ? "" : reason;
    }
}
