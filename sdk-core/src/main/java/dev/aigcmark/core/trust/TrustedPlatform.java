package dev.aigcmark.core.trust;

import dev.aigcmark.core.identity.WatermarkKey;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * One platform in the trust registry: what another platform needs to recognise its marks.
 *
 * @param id            stable id, e.g. {@code example-video}
 * @param displayName   the name reports show
 * @param providerCodes its GB 45438 provider codes (generation and propagation)
 * @param signingKeys   public keys that sign its labels (SecurityData)
 * @param certificates  certificates it signs C2PA manifests with, or the CA roots it chains them to
 * @param watermarkKey  its watermark detection key, if it publishes one
 * @param development   true for a development identity (never reported as TRUSTED)
 */
public record TrustedPlatform(String id, String displayName, List<String> providerCodes, List<PublicKey> signingKeys,
                              List<X509Certificate> certificates, Optional<WatermarkKey> watermarkKey,
                              boolean development) {
    public TrustedPlatform {
        providerCodes = List.copyOf(providerCodes);
        signingKeys = List.copyOf(signingKeys);
        certificates = List.copyOf(certificates);
    }
}
