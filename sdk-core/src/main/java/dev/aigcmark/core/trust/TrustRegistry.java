package dev.aigcmark.core.trust;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The platforms whose marks this verifier recognises (mutual recognition). Immutable: load a new one to
 * change it. A mark signed by a key listed here is reported TRUSTED with the platform's name.
 * <p>
 * A registry can also be {@linkplain #deferred deferred}: its platforms are read when a verification first asks for
 * them, once, and never when no file needs them (a command-line run that verifies a file without marks does not pay
 * for reading keys and certificates).
 */
public final class TrustRegistry {
    /** The platforms, or null until {@link #source} has been read. */
    private volatile List<TrustedPlatform> platforms;
    private final Supplier<List<TrustedPlatform>> source;

    public TrustRegistry(List<TrustedPlatform> platforms) {
        this.platforms = List.copyOf(platforms);
        this.source = null;
    }

    private TrustRegistry(Supplier<List<TrustedPlatform>> source) {
        this.source = source;
    }

    public static TrustRegistry empty() {
        return new TrustRegistry(List.of());
    }

    /**
     * A registry whose platforms are {@code source}'s, read the first time any method needs them (once, whichever
     * thread asks first). {@code source} may throw an unchecked exception; it propagates to that caller and the next
     * caller tries again.
     */
    public static TrustRegistry deferred(Supplier<TrustRegistry> source) {
        Objects.requireNonNull(source, "source");
        return new TrustRegistry(() -> source.get().platforms());
    }

    public List<TrustedPlatform> platforms() {
        List<TrustedPlatform> read = platforms;
        if (read == null) {
            synchronized (this) {
                read = platforms;
                if (read == null) {
                    read = List.copyOf(source.get());
                    platforms = read;
                }
            }
        }
        return read;
    }

    /** A registry with one more platform (replacing one with the same id); deferred while this one is. */
    public TrustRegistry with(TrustedPlatform platform) {
        if (platforms == null) {
            return new TrustRegistry(() -> added(platforms(), platform));
        }
        return new TrustRegistry(added(platforms, platform));
    }

    private static List<TrustedPlatform> added(List<TrustedPlatform> platforms, TrustedPlatform platform) {
        List<TrustedPlatform> list = new ArrayList<>(platforms);
        list.removeIf(p -> p.id().equals(platform.id()));
        list.add(platform);
        return list;
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
        return platforms().stream().filter(p -> p.signsWith(key)).findFirst();
    }

    /** The platform that withdrew {@code key}, if any did. */
    public Optional<TrustedPlatform> findByRevokedKey(PublicKey key) {
        return platforms().stream().filter(p -> p.revocationOf(key).isPresent()).findFirst();
    }

    /** The platform with this id, if listed. */
    public Optional<TrustedPlatform> findById(String id) {
        return platforms().stream().filter(p -> p.id().equals(id)).findFirst();
    }

    public Optional<TrustedPlatform> findByCertificate(X509Certificate cert) {
        return platforms().stream().filter(p -> p.certificates().contains(cert)).findFirst();
    }

    public Optional<TrustedPlatform> findByProviderCode(String code) {
        return platforms().stream().filter(p -> p.providerCodes().contains(code)).findFirst();
    }

    public Optional<TrustedPlatform> findByWatermarkIssuer(int issuerId) {
        return platforms().stream()
                .filter(p -> p.watermarkKeys().stream().anyMatch(u -> u.key().issuerId() == issuerId))
                .findFirst();
    }

    /** Every certificate of every platform, usable as C2PA trust anchors. */
    public List<X509Certificate> trustAnchors() {
        return platforms().stream().flatMap(p -> p.certificates().stream()).toList();
    }
}
