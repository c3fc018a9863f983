package dev.aigcmark.core.crypto;

import java.util.Optional;

/** The signature algorithms we sign and verify with, and their OIDs as SecurityData's AlgID carries them. */
public enum SignatureAlgorithm {
    /** SM2 with SM3 (GM/T 0003, 0004); the regulator's expectation and our default for GB 45438 labels. */
    SM2_SM3("1.2.156.10197.1.501", "SM3withSM2"),
    /** ECDSA on P-256 with SHA-256 (DER signatures; C2PA ES256 uses the raw r||s form). */
    ECDSA_P256_SHA256("1.2.840.10045.4.3.2", "SHA256withECDSA"),
    /** Ed25519 (pure). */
    ED25519("1.3.101.112", "Ed25519"),
    /** RSA PKCS#1 v1.5 with SHA-256: verify only, seen in other vendors' SecurityData. */
    RSA_SHA256("1.2.840.113549.1.1.11", "SHA256withRSA");

    private final String oid;
    private final String jcaName;

    SignatureAlgorithm(String oid, String jcaName) {
        this.oid = oid;
        this.jcaName = jcaName;
    }

    public String oid() {
        return oid;
    }

    /** The BouncyCastle/JCA signature name. */
    public String jcaName() {
        return jcaName;
    }

    public static Optional<SignatureAlgorithm> fromOid(String oid) {
        for (SignatureAlgorithm a : values()) {
            if (a.oid.equals(oid)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
