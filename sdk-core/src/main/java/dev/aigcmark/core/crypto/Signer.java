package dev.aigcmark.core.crypto;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Signs with one private key that never leaves the implementation (nor its {@code toString}). Thread-safe.
 */
public interface Signer {

    SignatureAlgorithm algorithm();

    PublicKey publicKey();

    /** Leaf first, root excluded; empty when the key has no certificate. */
    List<X509Certificate> certificateChain();

    /** A signature over {@code message} in the algorithm's standard encoding (DER for SM2/ECDSA). */
    byte[] sign(byte[] message) throws GeneralSecurityException;
}
