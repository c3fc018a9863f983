package dev.aigcmark.core.crypto;

import org.bouncycastle.jcajce.spec.SM2ParameterSpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.Signature;

/**
 * The one BouncyCastle provider instance the SDK passes to every JCA call. It is never added to the JVM's
 * provider list: a library that registers providers globally changes the behaviour of its host application.
 */
public final class BouncyCastle {

    /** SM2's default distinguishing identifier (GB/T 32918, GM/T 0009); what Chinese verifiers assume. */
    public static final String SM2_DEFAULT_USER_ID = "1234567812345678";

    private static final Provider PROVIDER = new BouncyCastleProvider();

    private BouncyCastle() {
    }

    public static Provider provider() {
        return PROVIDER;
    }

    /**
     * A fresh {@link Signature} for {@code algorithm} (Signature objects are not thread-safe, so each operation
     * takes its own), with SM2's user id set explicitly rather than relying on the provider's default.
     */
    static Signature signature(SignatureAlgorithm algorithm) throws GeneralSecurityException {
        Signature signature = Signature.getInstance(algorithm.jcaName(), PROVIDER);
        if (algorithm == SignatureAlgorithm.SM2_SM3) {
            signature.setParameter(new SM2ParameterSpec(SM2_DEFAULT_USER_ID.getBytes(StandardCharsets.US_ASCII)));
        }
        return signature;
    }
}
