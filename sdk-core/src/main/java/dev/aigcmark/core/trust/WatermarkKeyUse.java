package dev.aigcmark.core.trust;

import dev.aigcmark.core.identity.WatermarkKey;

import java.util.Objects;
import java.util.Optional;

/**
 * One of a platform's watermark keys and where it stands in the platform's key history.
 *
 * @param key        the key
 * @param standing   current, retired by a rotation, or revoked
 * @param revocation the withdrawal, for a revoked key
 */
public record WatermarkKeyUse(WatermarkKey key, Standing standing, Optional<RevokedWatermarkKey> revocation) {

    /** Where a key stands. */
    public enum Standing {
        /** The key the platform marks with now. */
        CURRENT,
        /** A key the platform rotated away from: its marks are still the platform's. */
        RETIRED,
        /** A key the platform withdrew: its marks no longer count as the platform's. */
        REVOKED
    }

    /** Checks the parts are given. */
    public WatermarkKeyUse {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(standing, "standing");
        Objects.requireNonNull(revocation, "revocation");
    }
}
