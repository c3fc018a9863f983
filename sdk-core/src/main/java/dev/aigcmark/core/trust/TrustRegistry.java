package dev.aigcmark.core.trust;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The platforms whose marks this verifier recognises (mutual recognition). Immutable: load a new one to
 * change it. A mark signed by a key listed here is reported TRUSTED with the platform's name.
 */
public final class TrustRegistry {
    private final List<TrustedPlatform> platforms;

    public TrustRegistry(List<TrustedPlatform> platforms) {
        this.platforms = List.copyOf(platforms);
    }

    public static TrustRegistry empty() {
        return new TrustRegistry(List.of());
    }

    public List<TrustedPlatform> platforms() {
        return platforms;
    }

    /** A registry with one more platform (replacing one with the same id). */
    public TrustRegistry with(TrustedPlatform platform) {
        List<TrustedPlatform> list = new ArrayList<>(platforms);
        list.removeIf(p -> p.id().equals(platform.id()));
        list.add(platform);
        return new TrustRegistry(list);
    }

    /** A registry with every platform of {@code other} added (replacing platforms with the same id), e.g. to merge
     * the local registry with one named on the command line. */
    public TrustRegistry withAll(TrustRegistry other) {
        TrustRegistry merged = this;
        for (TrustedPlatform platform : other.platforms()) {
            merged = merged.with(platform);
        }
        return merged;
    }

    /** The platform that signs with {@code key} (a listed, unrevoked signing key or a certificate's key). */
    public Optional<TrustedPlatform> findBySigningKey(PublicKey key) {
        return platforms.stream().filter(p -> p.signsWith(key)).findFirst();
    }

    /** The platform that withdrew {@code key}, if any did. */
    public Optional<TrustedPlatform> findByRevokedKey(PublicKey key) {
        return platforms.stream().filter(p -> p.revocationOf(key).isPresent()).findFirst();
    }

    /** The platform with this id, if listed. */
    public Optional<TrustedPlatform> findById(String id) {
        return platforms.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    public Optional<TrustedPlatform> findByCertificate(X509Certificate cert) {
        return platforms.stream().filter(p -> p.certificates().contains(cert)).findFirst();
    }

    public Optional<TrustedPlatform> findByProviderCode(String code) {
        return platforms.stream().filter(p -> p.providerCodes().contains(code)).findFirst();
    }

    public Optional<TrustedPlatform> findByWatermarkIssuer(int issuerId) {
        return platforms.stream()
                .filter(p -> p.watermarkKeys().stream().anyMatch(u -> u.key().issuerId() == issuerId))
                .findFirst();
    }

    /** Every certificate of every platform, usable as C2PA trust anchors. */
    public List<X509Certificate> trustAnchors() {
        return platforms.stream().flatMap(p -> p.certificates().stream()).toList();
    }
}
