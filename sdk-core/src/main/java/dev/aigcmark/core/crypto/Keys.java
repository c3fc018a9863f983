package dev.aigcmark.core.crypto;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.jcajce.interfaces.EdDSAPrivateKey;
import org.bouncycastle.jcajce.spec.EdDSAParameterSpec;
import org.bouncycastle.jce.interfaces.ECPrivateKey;
import org.bouncycastle.jce.spec.ECPublicKeySpec;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Optional;

/** Key generation and the key facts signing needs: which algorithm a key belongs to, its public half, SPKI parsing. */
public final class Keys {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Keys() {
    }

    /** A fresh key pair for {@code algorithm} (SM2 on sm2p256v1, ECDSA on P-256, Ed25519). */
    public static KeyPair generate(SignatureAlgorithm algorithm) {
        return generate(algorithm, RANDOM);
    }

    /** A key pair drawn from {@code random} (a seeded one makes test keys repeat from run to run). */
    public static KeyPair generate(SignatureAlgorithm algorithm, SecureRandom random) {
        try {
            KeyPairGenerator generator = switch (algorithm) {
                case SM2_SM3 -> generator("EC", new ECGenParameterSpec("sm2p256v1"), random);
                case ECDSA_P256_SHA256 -> generator("EC", new ECGenParameterSpec("secp256r1"), random);
                case ED25519 -> generator("Ed25519", new EdDSAParameterSpec(EdDSAParameterSpec.Ed25519), random);
                case RSA_SHA256 -> throw new IllegalArgumentException("RSA is supported for verification only");
            };
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("BouncyCastle cannot generate a " + algorithm + " key", e);
        }
    }

    private static KeyPairGenerator generator(String type, AlgorithmParameterSpec spec, SecureRandom random)
            throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(type, BouncyCastle.provider());
        generator.initialize(spec, random);
        return generator;
    }

    /**
     * The signature algorithm a public key is used with, read from its SubjectPublicKeyInfo: an EC key on
     * sm2p256v1 (or labelled with the SM2 key OID) is SM2/SM3, on P-256 ECDSA; Ed25519; RSA. Empty for others.
     */
    public static Optional<SignatureAlgorithm> algorithmOf(PublicKey key) {
        SubjectPublicKeyInfo spki;
        try {
            spki = SubjectPublicKeyInfo.getInstance(key.getEncoded());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        ASN1ObjectIdentifier keyOid = spki.getAlgorithm().getAlgorithm();
        if (keyOid.equals(EdECObjectIdentifiers.id_Ed25519)) {
            return Optional.of(SignatureAlgorithm.ED25519);
        }
        if (keyOid.equals(PKCSObjectIdentifiers.rsaEncryption)) {
            return Optional.of(SignatureAlgorithm.RSA_SHA256);
        }
        if (keyOid.equals(GMObjectIdentifiers.sm2p256v1)) {
            return Optional.of(SignatureAlgorithm.SM2_SM3);
        }
        if (keyOid.equals(X9ObjectIdentifiers.id_ecPublicKey) && spki.getAlgorithm().getParameters()
                instanceof ASN1ObjectIdentifier curve) {
            if (curve.equals(GMObjectIdentifiers.sm2p256v1)) {
                return Optional.of(SignatureAlgorithm.SM2_SM3);
            }
            if (curve.equals(SECObjectIdentifiers.secp256r1)) {
                return Optional.of(SignatureAlgorithm.ECDSA_P256_SHA256);
            }
        }
        return Optional.empty();
    }

    /** How many recently parsed keys {@link #publicKeyFromSpki} keeps. */
    private static final int RECENT_KEYS = 256;
    private static final Map<ByteBuffer, PublicKey> RECENT = Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<ByteBuffer, PublicKey> eldest) {
                    return size() > RECENT_KEYS;
                }
            });

    /**
     * Parses a DER SubjectPublicKeyInfo (what SecurityData's KeyValue and the trust registry carry). The last 256
     * distinct keys are kept, and the same bytes give the same (immutable) key object: a
     * batch sees the same few signers again and again, and BouncyCastle keeps the precomputed multiples of an EC
     * public point on the point object, so a kept key also verifies faster than a freshly parsed one. The map
     * is keyed by the whole encoding, so untrusted bytes can only evict entries, never stand for another key.
     */
    public static PublicKey publicKeyFromSpki(byte[] der) throws InvalidKeyException {
        ByteBuffer id = ByteBuffer.wrap(der.clone());
        PublicKey known = RECENT.get(id);
        if (known != null) {
            return known;
        }
        PublicKey parsed = parseSpki(der);
        RECENT.put(id, parsed);
        return parsed;
    }

    private static PublicKey parseSpki(byte[] der) throws InvalidKeyException {
        try {
            return new JcaPEMKeyConverter().setProvider(BouncyCastle.provider())
                    .getPublicKey(SubjectPublicKeyInfo.getInstance(der));
        } catch (Exception e) {
            // BC throws IllegalArgumentException or ClassCastException on malformed DER, PEMException on unknown keys.
            throw new InvalidKeyException("not a usable SubjectPublicKeyInfo: " + e.getMessage(), e);
        }
    }

    /** The public half of a private key (PKCS#8 files often omit it). */
    public static PublicKey publicKeyOf(PrivateKey key) throws InvalidKeyException {
        try {
            if (key instanceof ECPrivateKey ec) {
                var params = ec.getParameters();
                var q = params.getG().multiply(ec.getD()).normalize();
                return KeyFactory.getInstance("EC", BouncyCastle.provider())
                        .generatePublic(new ECPublicKeySpec(q, params));
            }
            if (key instanceof EdDSAPrivateKey ed) {
                return ed.getPublicKey();
            }
            if (key instanceof RSAPrivateCrtKey rsa) {
                return KeyFactory.getInstance("RSA", BouncyCastle.provider())
                        .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
            }
        } catch (GeneralSecurityException e) {
            throw new InvalidKeyException("cannot derive the public key: " + e.getMessage(), e);
        }
        throw new InvalidKeyException("cannot derive the public key of a " + key.getAlgorithm() + " key ("
                + key.getClass().getSimpleName() + "); load it through Pem or KeyMaterial");
    }

    /** SHA-256 of the key's SubjectPublicKeyInfo in lower-case hex: how reports name a key. */
    public static String fingerprint(PublicKey key) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Whether {@code pub} is the public half of {@code priv} (compares encodings, so both must be BC or JDK alike). */
    public static boolean matches(PrivateKey priv, PublicKey pub) {
        try {
            return Arrays.equals(publicKeyOf(priv).getEncoded(), pub.getEncoded());
        } catch (InvalidKeyException e) {
            return false;
        }
    }

    /** Re-reads any key through BouncyCastle, so JDK and BC keys behave the same in BC signatures. */
    static PrivateKey toBc(PrivateKey key) throws InvalidKeyException {
        if (key.getClass().getName().startsWith("org.bouncycastle.")) {
            return key;
        }
        try {
            return new JcaPEMKeyConverter().setProvider(BouncyCastle.provider())
                    .getPrivateKey(PrivateKeyInfo.getInstance(key.getEncoded()));
        } catch (Exception e) {
            throw new InvalidKeyException("cannot read the " + key.getAlgorithm() + " private key: " + e.getMessage(), e);
        }
    }

    static PublicKey toBc(PublicKey key) throws InvalidKeyException {
        return key.getClass().getName().startsWith("org.bouncycastle.") ? key : publicKeyFromSpki(key.getEncoded());
    }
}
