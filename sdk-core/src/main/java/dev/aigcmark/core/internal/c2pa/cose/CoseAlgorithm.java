package dev.aigcmark.core.internal.c2pa.cose;

import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Optional;

/**
 * The COSE signature algorithms C2PA allows. ECDSA signatures are raw {@code r||s} (IEEE P1363), which the
 * JDK verifies directly with its {@code ...inP1363Format} algorithms; PSS uses MGF1 with the same hash and a
 * salt as long as the hash.
 */
public enum CoseAlgorithm {
    ES256(-7, "SHA256withECDSAinP1363Format", null),
    ES384(-35, "SHA384withECDSAinP1363Format", null),
    ES512(-36, "SHA512withECDSAinP1363Format", null),
    PS256(-37, "RSASSA-PSS", new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1)),
    PS384(-38, "RSASSA-PSS", new PSSParameterSpec("SHA-384", "MGF1", MGF1ParameterSpec.SHA384, 48, 1)),
    PS512(-39, "RSASSA-PSS", new PSSParameterSpec("SHA-512", "MGF1", MGF1ParameterSpec.SHA512, 64, 1)),
    ED25519(-8, "Ed25519", null);

    private final int id;
    private final String jcaName;
    private final PSSParameterSpec pss;

    CoseAlgorithm(int id, String jcaName, PSSParameterSpec pss) {
        this.id = id;
        this.jcaName = jcaName;
        this.pss = pss;
    }

    /** The COSE algorithm identifier (header label 1). */
    public int id() {
        return id;
    }

    public static Optional<CoseAlgorithm> fromId(long id) {
        for (CoseAlgorithm a : values()) {
            if (a.id == id) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** A JCA signature object set up for this algorithm. */
    public Signature newSignature() throws GeneralSecurityException {
        Signature s = Signature.getInstance(jcaName);
        if (pss != null) {
            s.setParameter(pss);
        }
        return s;
    }
}
