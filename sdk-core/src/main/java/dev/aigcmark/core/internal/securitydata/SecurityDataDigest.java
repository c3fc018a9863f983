package dev.aigcmark.core.internal.securitydata;

import dev.aigcmark.core.internal.securitydata.SignatureCheck.Outcome;
import org.bouncycastle.crypto.digests.SM3Digest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * GB 45438 Annex F.4: a provider may put a plain hash of the signed fields in its reserved code. Both 256-bit
 * hashes in use (SM3 and SHA-256) are tried, since the bare hex does not say which one was used.
 */
final class SecurityDataDigest {

    private static final Pattern HEX_256 = Pattern.compile("[0-9A-Fa-f]{64}");

    private SecurityDataDigest() {
    }

    static boolean looksLikeDigest(String value) {
        return HEX_256.matcher(value).matches();
    }

    static SignatureCheck check(String digestHex, String signedText) {
        byte[] message = signedText.getBytes(StandardCharsets.UTF_8);
        String found = digestHex.toLowerCase(Locale.ROOT);
        if (found.equals(hex(sm3(message)))) {
            return SignatureCheck.of(Outcome.DIGEST_VALID, "SM3 digest of the signed fields matches");
        }
        if (found.equals(hex(sha256(message)))) {
            return SignatureCheck.of(Outcome.DIGEST_VALID, "SHA-256 digest of the signed fields matches");
        }
        return SignatureCheck.of(Outcome.DIGEST_MISMATCH,
                "the 256-bit digest matches neither the SM3 nor the SHA-256 digest of the signed fields");
    }

    static byte[] sm3(byte[] message) {
        SM3Digest digest = new SM3Digest();
        digest.update(message, 0, message.length);
        byte[] out = new byte[digest.getDigestSize()];
        digest.doFinal(out, 0);
        return out;
    }

    static byte[] sha256(byte[] message) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(message);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
