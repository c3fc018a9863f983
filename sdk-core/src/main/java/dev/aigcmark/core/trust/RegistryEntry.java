package dev.aigcmark.core.trust;

import java.security.PublicKey;
import java.util.List;

/**
 * One platform as read from a registry file someone sent: the entry, the keys whose signatures over it
 * verified (empty for an unsigned entry) and its fingerprint, which the two platforms compare over a second
 * channel before the receiver trusts it.
 *
 * @param fingerprint {@code sha256:} and the first 32 hex digits of SHA-256 over the entry's canonical form (its
 *                    compact JSON without {@code signatures}), grouped by four for reading aloud
 */
public record RegistryEntry(TrustedPlatform platform, List<PublicKey> signedBy, String fingerprint) {
    public RegistryEntry {
        signedBy = List.copyOf(signedBy);
    }

    public boolean signed() {
        return !signedBy.isEmpty();
    }
}
