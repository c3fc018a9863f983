package dev.aigcmark.core.crypto;

import java.io.IOException;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;

/** Makes {@link Signer}s from keys, generated key pairs, PEM files and PKCS#12 stores. */
public final class Signers {

    private Signers() {
    }

    /** A signer for a fresh key pair without certificate (tests, and identities that get certified later). */
    public static Signer generate(SignatureAlgorithm algorithm) {
        return fromKeyPair(algorithm, Keys.generate(algorithm), List.of());
    }

    /** A signer whose key and signature nonces come from {@code random} (seeded in tests, so signatures repeat). */
    public static Signer generate(SignatureAlgorithm algorithm, SecureRandom random) {
        return fromKeyPair(algorithm, Keys.generate(algorithm, random), List.of(), random);
    }

    /** A signer whose algorithm is inferred from the key (SM2 curve, P-256, Ed25519). */
    public static Signer fromKeyPair(KeyPair keyPair) throws InvalidKeyException {
        return fromKeyPair(keyPair, List.of());
    }

    public static Signer fromKeyPair(KeyPair keyPair, List<X509Certificate> chain) throws InvalidKeyException {
        return fromKeyPair(algorithmOf(keyPair), keyPair, chain);
    }

    private static SignatureAlgorithm algorithmOf(KeyPair keyPair) throws InvalidKeyException {
        return Keys.algorithmOf(keyPair.getPublic()).orElseThrow(() -> new InvalidKeyException(
                "unsupported signing key " + keyPair.getPublic().getAlgorithm() + "; use SM2, EC P-256 or Ed25519"));
    }

    /**
     * A signer for {@code algorithm}. Checks that the key belongs to the algorithm and that the leaf certificate
     * (if any) certifies this key, so a misconfigured identity fails here rather than in a verifier's report.
     *
     * @param chain leaf first, root excluded; may be empty
     */
    public static Signer fromKeyPair(SignatureAlgorithm algorithm, KeyPair keyPair, List<X509Certificate> chain) {
        return fromKeyPair(algorithm, keyPair, chain, null);
    }

    /** As {@link #fromKeyPair(SignatureAlgorithm, KeyPair, List)}, with nonces drawn from {@code random} (null: the default). */
    public static Signer fromKeyPair(SignatureAlgorithm algorithm, KeyPair keyPair, List<X509Certificate> chain,
                                     SecureRandom random) {
        try {
            if (algorithm == SignatureAlgorithm.RSA_SHA256) {
                throw new IllegalArgumentException("RSA is supported for verification only; sign with SM2, ECDSA or Ed25519");
            }
            PublicKey publicKey = Keys.toBc(keyPair.getPublic());
            PrivateKey privateKey = Keys.toBc(keyPair.getPrivate());
            SignatureAlgorithm keyAlgorithm = Keys.algorithmOf(publicKey).orElse(null);
            if (keyAlgorithm != algorithm) {
                throw new IllegalArgumentException("the key is a " + (keyAlgorithm == null ? publicKey.getAlgorithm()
                        : keyAlgorithm.name()) + " key, not a " + algorithm + " key");
            }
            if (!chain.isEmpty() && !Arrays.equals(chain.get(0).getPublicKey().getEncoded(), publicKey.getEncoded())) {
                throw new IllegalArgumentException("the leaf certificate " + chain.get(0).getSubjectX500Principal()
                        + " does not certify this key");
            }
            return new KeyPairSigner(algorithm, privateKey, publicKey, chain, random);
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** A signer for loaded key material; the algorithm comes from the key. */
    public static Signer load(KeyMaterial material) throws InvalidKeyException {
        return load(material, null);
    }

    /** As {@link #load(KeyMaterial)}, with signature nonces drawn from {@code random} (null: the default). */
    public static Signer load(KeyMaterial material, SecureRandom random) throws InvalidKeyException {
        KeyPair pair = new KeyPair(material.publicKey(), material.privateKey());
        return fromKeyPair(algorithmOf(pair), pair, material.chainWithoutRoot(), random);
    }

    /** A signer from a PEM file holding the private key (PKCS#8, SEC1 or encrypted PKCS#8) and optionally certificates. */
    public static Signer load(Path pemFile, char[] password) throws IOException, InvalidKeyException {
        return load(KeyMaterial.fromPem(pemFile, password));
    }
}
