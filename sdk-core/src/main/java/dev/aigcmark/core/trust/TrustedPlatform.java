package dev.aigcmark.core.trust;

import dev.aigcmark.core.crypto.Signer;
import dev.aigcmark.core.identity.PlatformIdentity;
import dev.aigcmark.core.identity.WatermarkKey;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One platform in the trust registry: what another platform needs to recognise its marks.
 *
 * @param id            stable id, e.g. {@code example-video}
 * @param displayName   the name reports show
 * @param providerCodes its GB 45438 provider codes (generation and propagation)
 * @param signingKeys   public keys that sign its labels (SecurityData): the current one first, then keys it rotated
 *                      away from, which still vouch for what they signed
 * @param certificates  certificates it signs C2PA manifests with, or the CA roots it chains them to
 * @param watermarkKey  its watermark detection key, if it publishes one
 * @param development   true for a development identity (never reported as TRUSTED)
 * @param revokedKeys   keys it withdrew: signatures by them fail
 * @param bindsContent  true when the platform binds every label it signs to its content (AIGC Mark does): a
 *                      label of its without a binding had it removed, and is reported as failed, not as unbound
 * @param retiredWatermarkKeys watermark keys it rotated away from: marks made with them are still its own
 * @param revokedWatermarkKeys watermark keys it withdrew: marks made with them fail
 */
public record TrustedPlatform(String id, String displayName, List<String> providerCodes, List<PublicKey> signingKeys,
                              List<X509Certificate> certificates, Optional<WatermarkKey> watermarkKey,
                              boolean development, List<RevokedKey> revokedKeys, boolean bindsContent,
                              List<WatermarkKey> retiredWatermarkKeys, List<RevokedWatermarkKey> revokedWatermarkKeys) {
    /** Copies the lists. */
    public TrustedPlatform {
        providerCodes = List.copyOf(providerCodes);
        signingKeys = List.copyOf(signingKeys);
        certificates = List.copyOf(certificates);
        revokedKeys = List.copyOf(revokedKeys);
        retiredWatermarkKeys = List.copyOf(retiredWatermarkKeys);
        revokedWatermarkKeys = List.copyOf(revokedWatermarkKeys);
    }

    /** A platform whose watermark key never changed. */
    public TrustedPlatform(String id, String displayName, List<String> providerCodes, List<PublicKey> signingKeys,
                           List<X509Certificate> certificates, Optional<WatermarkKey> watermarkKey, boolean development,
                           List<RevokedKey> revokedKeys, boolean bindsContent) {
        this(id, displayName, providerCodes, signingKeys, certificates, watermarkKey, development, revokedKeys,
                bindsContent, List.of(), List.of());
    }

    /** A platform that has revoked nothing and does not declare that it binds its labels (other vendors). */
    public TrustedPlatform(String id, String displayName, List<String> providerCodes, List<PublicKey> signingKeys,
                           List<X509Certificate> certificates, Optional<WatermarkKey> watermarkKey, boolean development) {
        this(id, displayName, providerCodes, signingKeys, certificates, watermarkKey, development, List.of(), false);
    }

    /** A platform that does not declare that it binds its labels (other vendors, entries exported before bindings). */
    public TrustedPlatform(String id, String displayName, List<String> providerCodes, List<PublicKey> signingKeys,
                           List<X509Certificate> certificates, Optional<WatermarkKey> watermarkKey, boolean development,
                           List<RevokedKey> revokedKeys) {
        this(id, displayName, providerCodes, signingKeys, certificates, watermarkKey, development, revokedKeys, false);
    }

    /** The entry another platform imports to recognise {@code identity}'s marks, without CA certificates. */
    public static TrustedPlatform of(PlatformIdentity identity) {
        return of(identity, List.of());
    }

    /**
     * The entry another platform imports to recognise {@code identity}'s marks: its provider code, the label
     * signing key, its signers' certificates plus {@code caCertificates} (the roots they chain to, which C2PA
     * verifiers use as anchors), its watermark key, and that it binds its labels to content (this SDK always
     * does). Never contains a private key.
     */
    public static TrustedPlatform of(PlatformIdentity identity, List<X509Certificate> caCertificates) {
        List<X509Certificate> certificates = new ArrayList<>();
        for (Signer signer : new Signer[]{identity.c2paSigner(), identity.labelSigner()}) {
            if (signer != null) {
                signer.certificateChain().stream().filter(c -> !certificates.contains(c)).forEach(certificates::add);
            }
        }
        caCertificates.stream().filter(c -> !certificates.contains(c)).forEach(certificates::add);
        String name = identity.displayName() != null ? identity.displayName() : identity.id();
        return new TrustedPlatform(identity.id(), name, List.of(identity.providerCode()),
                List.of(identity.labelSigner().publicKey()), certificates, Optional.of(identity.watermarkKey()),
                identity.development(), List.of(), true);
    }

    /** The same entry with its label key history: keys rotated away from (still valid) and keys withdrawn. */
    public TrustedPlatform withKeyHistory(List<PublicKey> previousKeys, List<RevokedKey> revoked) {
        List<PublicKey> keys = new ArrayList<>(signingKeys);
        previousKeys.stream().filter(k -> !containsKey(keys, k)).forEach(keys::add);
        keys.removeIf(k -> revoked.stream().anyMatch(r -> Arrays.equals(r.key().getEncoded(), k.getEncoded())));
        return new TrustedPlatform(id, displayName, providerCodes, keys, certificates, watermarkKey, development, revoked,
                bindsContent, retiredWatermarkKeys, revokedWatermarkKeys);
    }

    /** The same entry with its watermark key history: keys rotated away from (still its own) and keys withdrawn. */
    public TrustedPlatform withWatermarkHistory(List<WatermarkKey> retired, List<RevokedWatermarkKey> revoked) {
        List<WatermarkKey> kept = retired.stream()
                .filter(k -> revoked.stream().noneMatch(r -> r.key().equals(k))).toList();
        return new TrustedPlatform(id, displayName, providerCodes, signingKeys, certificates, watermarkKey, development,
                revokedKeys, bindsContent, kept, revoked);
    }

    /**
     * Every watermark key that can have made one of its marks, with its standing: the current key first, then
     * retired and revoked ones. Detectors try them all, so a mark made before a rotation is still found.
     */
    public List<WatermarkKeyUse> watermarkKeys() {
        List<WatermarkKeyUse> all = new ArrayList<>();
        watermarkKey.ifPresent(k -> all.add(new WatermarkKeyUse(k, WatermarkKeyUse.Standing.CURRENT, Optional.empty())));
        retiredWatermarkKeys.forEach(k -> all.add(new WatermarkKeyUse(k, WatermarkKeyUse.Standing.RETIRED, Optional.empty())));
        revokedWatermarkKeys.forEach(r -> all.add(new WatermarkKeyUse(r.key(), WatermarkKeyUse.Standing.REVOKED,
                Optional.of(r))));
        return all;
    }

    /** Whether {@code key} is one of its (unrevoked) label-signing keys or the key of one of its certificates. */
    public boolean signsWith(PublicKey key) {
        return containsKey(signingKeys, key)
                || certificates.stream().anyMatch(c -> Arrays.equals(c.getPublicKey().getEncoded(), key.getEncoded()));
    }

    /** The revocation of {@code key}, if this platform withdrew it. */
    public Optional<RevokedKey> revocationOf(PublicKey key) {
        return revokedKeys.stream().filter(r -> Arrays.equals(r.key().getEncoded(), key.getEncoded())).findFirst();
    }

    private static boolean containsKey(List<PublicKey> keys, PublicKey key) {
        byte[] encoded = key.getEncoded();
        return keys.stream().anyMatch(k -> Arrays.equals(k.getEncoded(), encoded));
    }
}
