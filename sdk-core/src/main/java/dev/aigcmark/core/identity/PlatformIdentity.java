package dev.aigcmark.core.identity;

import dev.aigcmark.core.crypto.Signer;

import java.util.Objects;

/**
 * Who marks: a platform's id and name, its GB 45438 provider code (from configuration), the signer for labels
 * (SM2/SM3 by default), the signer for C2PA manifests (ES256 by default) and its watermark key.
 * {@code development} is true for the identity generated on first use: reports say "development identity,
 * not trusted" for it.
 */
public record PlatformIdentity(String id, String displayName, String providerCode, Signer labelSigner,
                               Signer c2paSigner, WatermarkKey watermarkKey, boolean development) {
    public PlatformIdentity {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(providerCode, "providerCode");
        Objects.requireNonNull(labelSigner, "labelSigner");
        Objects.requireNonNull(watermarkKey, "watermarkKey");
    }
}
