package dev.aigcmark.core.crypto;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Optional;

/**
 * Checks signatures made by {@link Signer}s and by other vendors (SM2/SM3 with the default user id, ECDSA
 * P-256 DER, Ed25519, RSA PKCS#1 v1.5 SHA-256).
 */
public final class SignatureVerification {

    private SignatureVerification() {
    }

    /**
     * True when {@code signature} is a valid {@code algorithm} signature of {@code message} under {@code key}.
     * A malformed signature, or a key that does not belong to the algorithm, is simply not valid: this never
     * throws for bad input, so a verifier can report the mismatch instead of crashing.
     */
    public static boolean verify(SignatureAlgorithm algorithm, PublicKey key, byte[] message, byte[] signature) {
        return check(algorithm, key, message, signature).isEmpty();
    }

    /**
     * Like {@link #verify} but says why a signature failed: empty when valid, else a reason a person can read
     * ("signature does not match", "key is an Ed25519 key, not SM2_SM3", "signature encoding is malformed").
     */
    public static Optional<String> check(SignatureAlgorithm algorithm, PublicKey key, byte[] message, byte[] signature) {
        SignatureAlgorithm keyAlgorithm = Keys.algorithmOf(key).orElse(null);
        if (keyAlgorithm != algorithm) {
            return Optional.of("the key is " + (keyAlgorithm == null ? "a " + key.getAlgorithm() + " key of unknown use"
                    : "a " + keyAlgorithm + " key") + ", not a " + algorithm + " key");
        }
        try {
            Signature verifier = BouncyCastle.signature(algorithm);
            verifier.initVerify(Keys.toBc(key));
            verifier.update(message);
            return verifier.verify(signature) ? Optional.empty() : Optional.of("signature does not match");
        } catch (InvalidKeyException e) {
            return Optional.of("unusable key: " + e.getMessage());
        } catch (GeneralSecurityException | RuntimeException e) {
            // BC reports a corrupt DER signature with SignatureException or an unchecked exception.
            return Optional.of("signature encoding is malformed: " + e.getMessage());
        }
    }
}
