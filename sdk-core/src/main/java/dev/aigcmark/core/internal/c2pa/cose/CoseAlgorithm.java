package dev.aigcmark.core.internal.c2pa.cose;

import dev.aigcmark.core.crypto.BouncyCastle;

import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Optional;

/**
 * The COSE signature algorithms C2PA allows. ECDSA signatures are raw {@code r||s} (IEEE P1363), which the
 * JDK signs directly with its {@code ...inP1363Format} algorithms (verified by BouncyCastle: {@link #newVerifier}); PSS uses MGF1 with the same hash and a
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

    /**
     * The curves the JDK verifies ECDSA on (SunEC in JDK 17: P-256, P-384, P-521), by their domain parameters. Only
     * keys on these go to {@link #newVerifier}'s BouncyCastle path: a key on any other curve (brainpool, secp256k1)
     * keeps the JDK's answer, which is a refusal.
     */
    private static final ECParameterSpec[] JDK_CURVES = {curve("secp256r1"), curve("secp384r1"), curve("secp521r1")};

    /** A JCA signature object set up for this algorithm. */
    public Signature newSignature() throws GeneralSecurityException {
        Signature s = Signature.getInstance(jcaName);
        if (pss != null) {
            s.setParameter(pss);
        }
        return s;
    }

    /**
     * A signature object ready to verify with {@code key}. ECDSA on the JDK's own curves is verified by BouncyCastle
     * ({@code SHA…withPLAIN-ECDSA}, the same raw {@code r||s}, with its own key object made from the key's encoding):
     * the same answer for every input (a valid signature of the bytes under the key, signature length 2·|n|, r and s
     * in [1, n−1]; anything else false or an exception, which the caller takes as a mismatch), in ~0.2 ms where the
     * JDK's P-256 takes ~1.5 ms, about a twentieth of a 1080p JPEG's verification ({@code EcdsaVerifierTest} checks
     * the two against each other). Everything else is {@link #newSignature()}'s.
     */
    public Signature newVerifier(PublicKey key) throws GeneralSecurityException {
        String plain = switch (this) {
            case ES256 -> "SHA256withPLAIN-ECDSA";
            case ES384 -> "SHA384withPLAIN-ECDSA";
            case ES512 -> "SHA512withPLAIN-ECDSA";
            default -> null;
        };
        if (plain != null && key instanceof ECPublicKey ec && onJdkCurve(ec.getParams())) {
            PublicKey own;
            try { // BouncyCastle's own key object: its verification with a JDK key object converts the domain each time
                own = KeyFactory.getInstance("EC", BouncyCastle.provider())
                        .generatePublic(new X509EncodedKeySpec(key.getEncoded()));
            } catch (GeneralSecurityException | RuntimeException e) {
                own = null; // the JDK's answer, then
            }
            if (own != null) {
                Signature s = Signature.getInstance(plain, BouncyCastle.provider());
                s.initVerify(own);
                return s;
            }
        }
        Signature s = newSignature();
        s.initVerify(key);
        return s;
    }

    private static boolean onJdkCurve(ECParameterSpec p) {
        for (ECParameterSpec c : JDK_CURVES) {
            if (c != null && c.getCurve().equals(p.getCurve()) && c.getGenerator().equals(p.getGenerator())
                    && c.getOrder().equals(p.getOrder()) && c.getCofactor() == p.getCofactor()) {
                return true;
            }
        }
        return false;
    }

    private static ECParameterSpec curve(String name) {
        try {
            AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
            params.init(new ECGenParameterSpec(name));
            return params.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            return null; // not on this JDK: no key goes to BouncyCastle for it
        }
    }
}
