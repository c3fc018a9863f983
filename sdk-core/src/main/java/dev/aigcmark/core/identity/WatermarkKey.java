package dev.aigcmark.core.identity;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A platform's watermark detection key: the 16-bit issuer id carried in the payload and the secret that
 * seeds the keyed patterns and tag. It is published in the trust registry so other platforms can detect the
 * mark (mutual recognition); authenticity comes from the signed label or manifest the payload points to.
 */
public record WatermarkKey(int issuerId, byte[] key) {
    public WatermarkKey {
        if (issuerId < 0 || issuerId > 0xFFFF) {
            throw new IllegalArgumentException("issuer id must fit in 16 bits: " + issuerId);
        }
        Objects.requireNonNull(key, "key");
        if (key.length < 16) {
            throw new IllegalArgumentException("watermark key must have at least 16 bytes");
        }
        key = key.clone();
    }

    @Override
    public byte[] key() {
        return key.clone();
    }

    /**
     * A short name for the key in listings ({@code aigc keys show}) and revocations: {@code sha256:} and the first 16
     * hex digits of SHA-256 over the secret. The key itself is published in the registry, so this gives nothing away.
     */
    public String fingerprint() {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(key);
            return "sha256:" + HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WatermarkKey w && w.issuerId == issuerId && Arrays.equals(w.key, key);
    }

    @Override
    public int hashCode() {
        return issuerId * 31 + Arrays.hashCode(key);
    }

    @Override
    public String toString() {
        return "WatermarkKey[issuer=" + issuerId + ", key=" + HexFormat.of().formatHex(key, 0, 4) + "...]";
    }
}
