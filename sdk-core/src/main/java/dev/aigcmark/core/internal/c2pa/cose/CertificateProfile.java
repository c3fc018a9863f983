package dev.aigcmark.core.internal.c2pa.cose;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The C2PA signing certificate profile (spec 2.x, "Certificate Profiles"), checked the way the reference
 * implementation checks it, so a certificate we accept the reference accepts and vice versa.
 */
public final class CertificateProfile {
    private static final Set<String> SIGNATURE_ALGS = Set.of(
            "1.2.840.113549.1.1.11", "1.2.840.113549.1.1.12", "1.2.840.113549.1.1.13", // sha256/384/512 RSA
            "1.2.840.10045.4.3.2", "1.2.840.10045.4.3.3", "1.2.840.10045.4.3.4", // ecdsa-with-SHA256/384/512
            "1.2.840.113549.1.1.10", // RSASSA-PSS
            "1.3.101.112"); // Ed25519
    private static final Set<String> CURVES = Set.of("1.2.840.10045.3.1.7", "1.3.132.0.34", "1.3.132.0.35");
    /** emailProtection, documentSigning, timeStamping, OCSPSigning, C2PA claim signing, Microsoft C2PA. */
    static final Set<String> ALLOWED_EKUS = Set.of("1.3.6.1.5.5.7.3.4", "1.3.6.1.5.5.7.3.36", "1.3.6.1.5.5.7.3.8",
            "1.3.6.1.5.5.7.3.9", "1.3.6.1.4.1.62558.2.1", "1.3.6.1.4.1.311.76.59.1.9");
    private static final String ANY_EKU = "2.5.29.37.0";
    private static final String TIME_STAMPING = "1.3.6.1.5.5.7.3.8";
    private static final String OCSP_SIGNING = "1.3.6.1.5.5.7.3.9";

    private CertificateProfile() {
    }

    /** Whether {@code cert} is valid at {@code time} (its notBefore..notAfter). */
    public static boolean validAt(X509Certificate cert, Date time) {
        try {
            cert.checkValidity(time);
            return true;
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            return false;
        }
    }

    /**
     * Profile problems of a signing (end-entity) certificate; empty when it conforms. Validity in time is
     * checked separately ({@link #validAt}) because it has its own status code.
     */
    public static Optional<String> problem(X509Certificate cert) {
        try {
            if (cert.getVersion() != 3) {
                return Optional.of("certificate is not X.509 v3");
            }
            if (!SIGNATURE_ALGS.contains(cert.getSigAlgOID())) {
                return Optional.of("certificate signature algorithm " + cert.getSigAlgOID() + " is not allowed");
            }
            SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(cert.getPublicKey().getEncoded());
            String keyAlg = spki.getAlgorithm().getAlgorithm().getId();
            if (keyAlg.equals("1.2.840.10045.2.1")) {
                Object params = spki.getAlgorithm().getParameters();
                if (!(params instanceof ASN1ObjectIdentifier curve) || !CURVES.contains(curve.getId())) {
                    return Optional.of("EC key is not on P-256, P-384 or P-521");
                }
            }
            if (cert.getPublicKey() instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() < 2048) {
                return Optional.of("RSA key shorter than 2048 bits");
            }
            boolean ca = cert.getBasicConstraints() >= 0;
            if (ca && cert.getIssuerX500Principal().equals(cert.getSubjectX500Principal())) {
                return Optional.of("self-signed CA certificate cannot sign manifests");
            }
            if (cert.getIssuerUniqueID() != null || cert.getSubjectUniqueID() != null) {
                return Optional.of("issuer/subject unique ids are not allowed");
            }
            List<String> eku = cert.getExtendedKeyUsage();
            if (eku == null) {
                if (!ca) {
                    return Optional.of("extended key usage is missing");
                }
            } else {
                if (eku.contains(ANY_EKU)) {
                    return Optional.of("the 'any' extended key usage is not allowed");
                }
                if (eku.stream().noneMatch(ALLOWED_EKUS::contains)) {
                    return Optional.of("no allowed extended key usage (emailProtection, documentSigning...)");
                }
                boolean ts = eku.contains(TIME_STAMPING);
                boolean ocsp = eku.contains(OCSP_SIGNING);
                if ((ts && ocsp) || ((ts ^ ocsp) && eku.size() > 1)) {
                    return Optional.of("timeStamping/OCSPSigning must be the only extended key usage");
                }
            }
            if (cert.getExtensionValue("2.5.29.35") == null) {
                return Optional.of("authority key identifier is missing");
            }
            if (ca && cert.getExtensionValue("2.5.29.14") == null) {
                return Optional.of("subject key identifier is missing on a CA certificate");
            }
            boolean[] ku = cert.getKeyUsage();
            if (ku == null) {
                return Optional.of("key usage is missing");
            }
            boolean digitalSignature = ku.length > 0 && ku[0];
            boolean nonRepudiation = ku.length > 1 && ku[1];
            boolean keyCertSign = ku.length > 5 && ku[5];
            if (digitalSignature && keyCertSign && !ca) {
                return Optional.of("keyCertSign on a non-CA certificate");
            }
            if (!(digitalSignature || keyCertSign || nonRepudiation)) {
                return Optional.of("key usage lacks digitalSignature");
            }
            return Optional.empty();
        } catch (CertificateParsingException | RuntimeException e) {
            return Optional.of("certificate extensions unreadable: " + e.getMessage());
        }
    }
}
