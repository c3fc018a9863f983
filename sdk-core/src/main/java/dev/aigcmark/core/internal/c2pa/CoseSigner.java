package dev.aigcmark.core.internal.c2pa;

import dev.aigcmark.core.internal.c2pa.cose.CoseAlgorithm;
import dev.aigcmark.core.crypto.Signer;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Objects;

/**
 * Signs C2PA claims: a COSE algorithm, the certificate chain for {@code x5chain} (leaf first, root excluded)
 * and raw COSE signatures (ECDSA as {@code r||s}). Adapts the platform identity's {@link Signer}
 * (ECDSA P-256 -> ES256, Ed25519), or wraps a private key for the other C2PA algorithms (PS256...).
 */
public interface CoseSigner {

    CoseAlgorithm algorithm();

    /** Leaf first, root excluded. */
    List<X509Certificate> chain();

    /** The COSE signature over {@code toBeSigned}. */
    byte[] sign(byte[] toBeSigned) throws GeneralSecurityException;

    /**
     * The length of every signature {@link #sign} returns, known without the key: ECDSA's raw {@code r||s} twice the
     * field (64, 96, 132 bytes), Ed25519's 64, RSASSA-PSS's the leaf certificate's modulus; -1 where it cannot be told
     * (an RSA algorithm over a leaf that holds no RSA key). A writer sizes the manifest with a stand-in this long, then
     * signs once.
     */
    default int signatureLength() {
        return switch (algorithm()) {
            case ES256, ED25519 -> 64;
            case ES384 -> 96;
            case ES512 -> 132;
            case PS256, PS384, PS512 -> chain().get(0).getPublicKey() instanceof RSAPublicKey rsa
                    ? (rsa.getModulus().bitLength() + 7) / 8 : -1;
        };
    }

    /** The platform identity's C2PA signer, as ES256 (ECDSA P-256) or Ed25519. */
    static CoseSigner of(Signer signer) {
        Objects.requireNonNull(signer, "signer");
        CoseAlgorithm alg = switch (signer.algorithm()) {
            case ECDSA_P256_SHA256 -> CoseAlgorithm.ES256;
            case ED25519 -> CoseAlgorithm.ED25519;
            default -> throw new IllegalArgumentException(signer.algorithm() + " cannot sign C2PA manifests (use ES256, PS256 or Ed25519)");
        };
        if (signer.certificateChain().isEmpty()) {
            throw new IllegalArgumentException("a C2PA signer needs a certificate chain");
        }
        return new CoseSigner() {
            @Override
            public CoseAlgorithm algorithm() {
                return alg;
            }

            @Override
            public List<X509Certificate> chain() {
                return signer.certificateChain();
            }

            @Override
            public byte[] sign(byte[] toBeSigned) throws GeneralSecurityException {
                byte[] sig = signer.sign(toBeSigned);
                return alg == CoseAlgorithm.ES256 ? derToRaw(sig, 32) : sig;
            }
        };
    }

    /** A private key with its chain, for any C2PA algorithm (PS256/384/512, ES384/512...). */
    static CoseSigner of(PrivateKey key, List<X509Certificate> chain, CoseAlgorithm alg) {
        List<X509Certificate> copy = List.copyOf(chain);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("a C2PA signer needs a certificate chain");
        }
        return new CoseSigner() {
            @Override
            public CoseAlgorithm algorithm() {
                return alg;
            }

            @Override
            public List<X509Certificate> chain() {
                return copy;
            }

            @Override
            public byte[] sign(byte[] toBeSigned) throws GeneralSecurityException {
                Signature s = alg.newSignature();
                s.initSign(key);
                s.update(toBeSigned);
                return s.sign();
            }

            @Override
            public String toString() {
                return "CoseSigner[" + alg + ", " + copy.get(0).getSubjectX500Principal() + "]";
            }
        };
    }

    /** DER {@code SEQUENCE {r, s}} to the fixed-width {@code r||s} form COSE uses. */
    static byte[] derToRaw(byte[] der, int fieldBytes) throws GeneralSecurityException {
        try {
            ASN1Sequence seq = ASN1Sequence.getInstance(der);
            BigInteger r = ASN1Integer.getInstance(seq.getObjectAt(0)).getValue();
            BigInteger s = ASN1Integer.getInstance(seq.getObjectAt(1)).getValue();
            byte[] out = new byte[2 * fieldBytes];
            put(r, out, 0, fieldBytes);
            put(s, out, fieldBytes, fieldBytes);
            return out;
        } catch (RuntimeException e) {
            throw new GeneralSecurityException("not a DER ECDSA signature", e);
        }
    }

    private static void put(BigInteger v, byte[] out, int off, int len) throws GeneralSecurityException {
        byte[] b = v.toByteArray();
        int start = 0;
        while (start < b.length - 1 && b[start] == 0) {
            start++; // the sign byte DER adds
        }
        int n = b.length - start;
        if (n > len) {
            throw new GeneralSecurityException("ECDSA value longer than the field");
        }
        System.arraycopy(b, start, out, off + len - n, n);
    }
}
