package dev.aigcmark.core.crypto;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link Signer} over an in-memory key pair, for SM2/SM3, ECDSA P-256/SHA-256 and Ed25519 through
 * BouncyCastle. Built by {@link Signers}, which checks that key, algorithm and certificate agree.
 */
final class KeyPairSigner implements Signer {
    private final SignatureAlgorithm algorithm;
    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final List<X509Certificate> chain;
    /** Nonces for SM2 and ECDSA; null means BouncyCastle's default strong source. */
    private final SecureRandom random;
    /** An initialised signature not in use, or null. */
    private final AtomicReference<Signature> idle = new AtomicReference<>();

    KeyPairSigner(SignatureAlgorithm algorithm, PrivateKey privateKey, PublicKey publicKey, List<X509Certificate> chain,
                  SecureRandom random) {
        this.algorithm = algorithm;
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.chain = List.copyOf(chain);
        this.random = random;
    }

    @Override
    public SignatureAlgorithm algorithm() {
        return algorithm;
    }

    @Override
    public PublicKey publicKey() {
        return publicKey;
    }

    @Override
    public List<X509Certificate> certificateChain() {
        return chain;
    }

    /**
     * Signs with an initialised {@link Signature} kept for the next call ({@code sign()} returns it to the state
     * {@code initSign} left it in), so BouncyCastle's key parameters, and with them the generator's precomputed
     * multiples, are built once per signer instead of once per label: initialising was about two thirds of an
     * SM2 signature. The nonces still come from {@code random}, in the same order. A call that finds the kept
     * instance in use (another thread) initialises its own.
     */
    @Override
    public byte[] sign(byte[] message) throws GeneralSecurityException {
        Signature signature = idle.getAndSet(null);
        if (signature == null) {
            signature = BouncyCastle.signature(algorithm);
            if (random != null) {
                signature.initSign(privateKey, random);
            } else {
                signature.initSign(privateKey);
            }
        }
        signature.update(message);
        byte[] signed = signature.sign();
        idle.set(signature);
        return signed;
    }

    /** Names the algorithm and the certificate subject only: the private key must never reach a log. */
    @Override
    public String toString() {
        return "Signer[" + algorithm + (chain.isEmpty() ? ", no certificate"
                : ", " + chain.get(0).getSubjectX500Principal().getName()) + "]";
    }
}
