package dev.aigcmark.core.crypto;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

/**
 * Issues the certificates of a platform identity, following the C2PA certificate profile (C2PA 2.x §14.5.1, as
 * c2pa-rs checks it): X.509 v3, no unique ids, AKI on every certificate, SKI on CAs; a leaf has critical
 * KeyUsage digitalSignature (never keyCertSign), BasicConstraints CA:false and an EKU with emailProtection (the
 * EKU c2pa-rs accepts without configuration) plus id-kp-documentSigning; a root is CA:true with keyCertSign.
 * Certificates are signed with ECDSA P-256/SHA-256 (an algorithm the profile allows) or Ed25519.
 */
public final class CertificateIssuer {

    /** id-kp-documentSigning (RFC 9336). Not Microsoft's 1.3.6.1.4.1.311.10.3.12. */
    public static final KeyPurposeId DOCUMENT_SIGNING = KeyPurposeId.getInstance(
            new ASN1ObjectIdentifier("1.3.6.1.5.5.7.3.36"));

    private static final SecureRandom RANDOM = new SecureRandom();

    private CertificateIssuer() {
    }

    /** A self-signed CA root: CA:true (critical), KeyUsage keyCertSign + cRLSign (critical), SKI, AKI. */
    public static X509Certificate selfSignedRoot(KeyPair keyPair, X500Name subject, Instant notBefore, Instant notAfter) {
        return selfSignedRoot(keyPair, subject, notBefore, notAfter, RANDOM);
    }

    /** As above, with the serial and signature nonce drawn from {@code random}. */
    public static X509Certificate selfSignedRoot(KeyPair keyPair, X500Name subject, Instant notBefore, Instant notAfter,
                                                 SecureRandom random) {
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial(random),
                    Date.from(notBefore), Date.from(notAfter), subject, keyPair.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            utils.createSubjectKeyIdentifier(keyPair.getPublic()))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            utils.createAuthorityKeyIdentifier(keyPair.getPublic()));
            return sign(builder, keyPair.getPrivate(), random);
        } catch (Exception e) {
            throw new IllegalStateException("cannot issue the root certificate: " + e.getMessage(), e);
        }
    }

    /**
     * A signing leaf for {@code subjectKey}, issued by {@code issuer}: KeyUsage digitalSignature (critical),
     * EKU emailProtection + documentSigning, BasicConstraints CA:false (critical), SKI, AKI from the issuer.
     */
    public static X509Certificate issueLeaf(PublicKey subjectKey, X500Name subject, X509Certificate issuer,
                                            PrivateKey issuerKey, Instant notBefore, Instant notAfter) {
        return issueLeaf(subjectKey, subject, issuer, issuerKey, notBefore, notAfter, RANDOM);
    }

    /** As above, with the serial and signature nonce drawn from {@code random}. */
    public static X509Certificate issueLeaf(PublicKey subjectKey, X500Name subject, X509Certificate issuer,
                                            PrivateKey issuerKey, Instant notBefore, Instant notAfter,
                                            SecureRandom random) {
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()), serial(random),
                    Date.from(notBefore), Date.from(notAfter), subject, subjectKey)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                            new KeyPurposeId[]{KeyPurposeId.id_kp_emailProtection, DOCUMENT_SIGNING}))
                    .addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(subjectKey))
                    .addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(issuer.getPublicKey()));
            return sign(builder, issuerKey, random);
        } catch (Exception e) {
            throw new IllegalStateException("cannot issue the leaf certificate: " + e.getMessage(), e);
        }
    }

    /**
     * A PKCS#10 certificate signing request for {@code keys} (signed with the key itself, in its own algorithm:
     * SM3withSM2, SHA256withECDSA or Ed25519), as a PEM {@code CERTIFICATE REQUEST} block for a CA.
     */
    public static String certificateRequest(KeyPair keys, X500Name subject) {
        SignatureAlgorithm algorithm = Keys.algorithmOf(keys.getPublic()).orElseThrow(() ->
                new IllegalArgumentException("a " + keys.getPublic().getAlgorithm() + " key of unknown use"));
        try {
            ContentSigner signer = new JcaContentSignerBuilder(algorithm.jcaName()).setProvider(BouncyCastle.provider())
                    .build(keys.getPrivate());
            byte[] der = new JcaPKCS10CertificationRequestBuilder(subject, keys.getPublic())
                    .build(signer).getEncoded();
            String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(der);
            return "-----BEGIN CERTIFICATE REQUEST-----\n" + body + "\n-----END CERTIFICATE REQUEST-----\n";
        } catch (Exception e) {
            throw new IllegalStateException("cannot make the certificate request: " + e.getMessage(), e);
        }
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey issuerKey, SecureRandom random)
            throws Exception {
        // SM2-signed certificates are outside the C2PA profile, so an issuer is P-256 or Ed25519.
        SignatureAlgorithm issuerAlgorithm = Keys.algorithmOf(Keys.publicKeyOf(Keys.toBc(issuerKey))).orElse(null);
        String algorithm = switch (issuerAlgorithm == null ? SignatureAlgorithm.RSA_SHA256 : issuerAlgorithm) {
            case ED25519 -> "Ed25519";
            case ECDSA_P256_SHA256 -> "SHA256withECDSA";
            default -> throw new IllegalArgumentException("issuer keys must be EC P-256 or Ed25519");
        };
        ContentSigner signer = new JcaContentSignerBuilder(algorithm).setProvider(BouncyCastle.provider())
                .setSecureRandom(random).build(issuerKey);
        try {
            return Pem.certificateFromDer(builder.build(signer).getEncoded());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A positive random serial of at most 20 octets (RFC 5280 §4.1.2.2). */
    private static BigInteger serial(SecureRandom random) {
        return new BigInteger(127, random).add(BigInteger.ONE);
    }
}
