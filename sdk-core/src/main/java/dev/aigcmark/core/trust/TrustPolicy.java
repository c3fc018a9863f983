package dev.aigcmark.core.trust;

import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.internal.c2pa.cose.TrustChain;
import dev.aigcmark.core.crypto.Keys;
import dev.aigcmark.core.identity.PlatformIdentity;
import dev.aigcmark.core.trust.TrustDecision.Verdict;
import dev.aigcmark.core.internal.watermark.WatermarkPayload;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * The one rule for who made a mark and whether that counts, applied alike to GB 45438 signatures, watermarks
 * (image, video, text) and C2PA signers: a mark is TRUSTED only when a platform of the trust registry made it
 * with a key the registry lists for it, the platform is not a development identity, and it has not revoked
 * that key. The verdict always names the platform (or the key's fingerprint), so the same platform reads the
 * same in every part of a report. Stateless over an immutable registry: thread-safe.
 */
public final class TrustPolicy {
    private final TrustRegistry registry;
    private final Optional<PlatformIdentity> own;
    private final List<X509Certificate> extraAnchors;
    private final Clock clock;

    public TrustPolicy(TrustRegistry registry, Optional<PlatformIdentity> own, List<X509Certificate> extraAnchors,
                       Clock clock) {
        this.registry = registry;
        this.own = own;
        this.extraAnchors = List.copyOf(extraAnchors);
        this.clock = clock;
    }

    public static TrustPolicy of(SdkContext context) {
        return new TrustPolicy(context.trust(), context.identity(), context.trustAnchors(), context.clock());
    }

    /** Who signed with {@code key} (a SecurityData signature): its registry platform, or its fingerprint. */
    public TrustDecision signingKey(PublicKey key) {
        Optional<TrustedPlatform> revoking = registry.findByRevokedKey(key);
        if (revoking.isPresent()) {
            RevokedKey r = revoking.get().revocationOf(key).orElseThrow();
            return new TrustDecision(Verdict.REVOKED, revoking.get().displayName(), revoking,
                    "key " + fingerprint(key) + " was revoked by " + revoking.get().displayName() + " on "
                            + r.revokedAt() + (r.reason().isEmpty() ? "" : " (" + r.reason() + ")"));
        }
        Optional<TrustedPlatform> platform = registry.findBySigningKey(key);
        if (platform.isPresent()) {
            return listed(platform.get());
        }
        return unregistered(fingerprint(key), "key " + fingerprint(key) + " is not in the trust registry");
    }

    /**
     * Who signed with this certificate chain (leaf first; a C2PA claim or a time-stamp): the registry platform
     * that lists the leaf, a certificate the chain leads to, or the leaf's key; else the leaf's subject.
     */
    public TrustDecision certificateChain(List<X509Certificate> chain) {
        if (chain.isEmpty()) {
            return unregistered("unknown", "no certificate");
        }
        X509Certificate leaf = chain.get(0);
        Date now = Date.from(clock.instant());
        for (TrustedPlatform p : registry.platforms()) {
            if (p.certificates().contains(leaf) || TrustChain.anchorFor(chain, p.certificates(), now).isPresent()) {
                return p.revocationOf(leaf.getPublicKey()).isPresent() ? signingKey(leaf.getPublicKey()) : listed(p);
            }
        }
        TrustDecision byKey = signingKey(leaf.getPublicKey());
        if (byKey.verdict() != Verdict.UNREGISTERED) {
            return byKey;
        }
        String subject = commonName(leaf);
        return unregistered(subject, "certificate '" + subject + "' does not belong to a platform of the trust registry");
    }

    /**
     * Who issued a watermark payload (the 8 bytes of {@link WatermarkPayload}): the registry platform one of whose
     * watermark keys (current, retired or revoked: {@link TrustedPlatform#watermarkKeys()}) has the payload's issuer
     * id and reproduces its keyed tag. A retired key's mark is still the platform's; a revoked key's is REVOKED. A
     * payload whose issuer id is a registered platform's but whose tag is not that platform's is a MISMATCH: not
     * made with its key.
     */
    public TrustDecision watermark(byte[] payload) {
        Optional<KeyMatch> match = watermarkMatch(payload);
        if (match.isPresent()) {
            TrustedPlatform p = match.get().platform();
            Optional<RevokedWatermarkKey> revoked = match.get().use().revocation();
            if (revoked.isPresent()) {
                RevokedWatermarkKey r = revoked.get();
                return new TrustDecision(Verdict.REVOKED, p.displayName(), Optional.of(p), "watermark key of issuer "
                        + r.key().issuerId() + " was revoked by " + p.displayName() + " on " + r.revokedAt()
                        + (r.reason().isEmpty() ? "" : " (" + r.reason() + ")"));
            }
            return listed(p);
        }
        int issuer = payload == null || payload.length != WatermarkPayload.BYTES ? -1 : WatermarkPayload.issuerIdOf(payload);
        List<TrustedPlatform> sameIssuer = registry.platforms().stream()
                .filter(p -> p.watermarkKeys().stream().anyMatch(u -> u.key().issuerId() == issuer)).toList();
        Optional<PlatformIdentity> self = own.filter(i -> WatermarkPayload.parse(payload, i.watermarkKey()).isPresent());
        if (self.isPresent()) {
            String name = self.get().displayName() != null ? self.get().displayName() : self.get().id();
            return unregistered(name, "issued by " + name + " (this platform's own key, not in the trust registry)");
        }
        if (!sameIssuer.isEmpty()) {
            TrustedPlatform p = sameIssuer.get(0);
            return new TrustDecision(Verdict.MISMATCH, p.displayName(), Optional.of(p), "the payload names issuer "
                    + issuer + " (" + p.displayName() + ") but its keyed tag does not match that platform's key: not made by it");
        }
        return unregistered(String.format("issuer 0x%04x", issuer), "issuer " + issuer + " is not in the trust registry");
    }

    /**
     * Which registry key made a watermark payload, and where that key stands in its platform's history (current,
     * retired, revoked); empty when no registry key reproduces it.
     */
    public Optional<WatermarkKeyUse> watermarkKey(byte[] payload) {
        return watermarkMatch(payload).map(KeyMatch::use);
    }

    private Optional<KeyMatch> watermarkMatch(byte[] payload) {
        for (TrustedPlatform p : registry.platforms()) {
            for (WatermarkKeyUse use : p.watermarkKeys()) {
                if (WatermarkPayload.parse(payload, use.key()).isPresent()) {
                    return Optional.of(new KeyMatch(p, use));
                }
            }
        }
        return Optional.empty();
    }

    private record KeyMatch(TrustedPlatform platform, WatermarkKeyUse use) {
    }

    /** C2PA trust anchors: the certificates of every non-development platform, plus anchors given explicitly. */
    public List<X509Certificate> c2paAnchors() {
        Set<X509Certificate> all = new LinkedHashSet<>(extraAnchors);
        for (TrustedPlatform p : registry.platforms()) {
            if (!p.development()) {
                p.certificates().stream().filter(c -> p.revocationOf(c.getPublicKey()).isEmpty()).forEach(all::add);
            }
        }
        return new ArrayList<>(all);
    }

    private static TrustDecision listed(TrustedPlatform p) {
        return p.development()
                ? new TrustDecision(Verdict.DEVELOPMENT, p.displayName(), Optional.of(p), "development identity " + p.id())
                : new TrustDecision(Verdict.TRUSTED, p.displayName(), Optional.of(p), "platform " + p.id());
    }

    private static TrustDecision unregistered(String name, String detail) {
        return new TrustDecision(Verdict.UNREGISTERED, name, Optional.empty(), detail);
    }

    /** A short key name for reports: the first 16 hex digits of its SHA-256 fingerprint. */
    public static String fingerprint(PublicKey key) {
        return "sha256:" + Keys.fingerprint(key).substring(0, 16);
    }

    static String commonName(X509Certificate cert) {
        String dn = cert.getSubjectX500Principal().getName();
        try {
            for (Rdn rdn : new LdapName(dn).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return rdn.getValue().toString();
                }
            }
        } catch (InvalidNameException e) {
            return dn;
        }
        return dn;
    }
}
