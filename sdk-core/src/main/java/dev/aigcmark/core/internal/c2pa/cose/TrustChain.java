package dev.aigcmark.core.internal.c2pa.cose;

import java.security.Provider;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Decides whether a signer's chain (leaf first, as x5chain carries it) leads to a trust anchor: each
 * certificate must be signed by the next, every one valid at the validation time, and the last must be an
 * anchor or be signed by one. Revocation is not checked (reported as {@code signingCredential.ocsp.skipped}).
 */
public final class TrustChain {
    private static final Provider BC = new BouncyCastleProvider();

    private TrustChain() {
    }

    /** The anchor the chain leads to, if any. */
    public static Optional<X509Certificate> anchorFor(List<X509Certificate> chain, Collection<X509Certificate> anchors, Date time) {
        if (chain.isEmpty() || anchors.isEmpty()) {
            return Optional.empty();
        }
        for (int i = 0; i < chain.size(); i++) {
            X509Certificate c = chain.get(i);
            Optional<X509Certificate> same = anchors.stream().filter(a -> sameCertificate(a, c)).findFirst();
            if (same.isPresent()) {
                return same; // a certificate of the chain is itself an anchor
            }
            if (!CertificateProfile.validAt(c, time)) {
                return Optional.empty();
            }
            if (i + 1 < chain.size()) {
                X509Certificate issuer = chain.get(i + 1);
                if (!c.getIssuerX500Principal().equals(issuer.getSubjectX500Principal()) || !signedBy(c, issuer.getPublicKey())) {
                    return Optional.empty();
                }
            }
        }
        X509Certificate last = chain.get(chain.size() - 1);
        return anchors.stream()
                .filter(a -> a.getSubjectX500Principal().equals(last.getIssuerX500Principal()))
                .filter(a -> signedBy(last, a.getPublicKey()))
                .findFirst();
    }

    private static boolean sameCertificate(X509Certificate a, X509Certificate b) {
        try {
            return Arrays.equals(a.getEncoded(), b.getEncoded());
        } catch (CertificateEncodingException e) {
            return false;
        }
    }

    private static boolean signedBy(X509Certificate cert, PublicKey key) {
        try {
            cert.verify(key);
            return true;
        } catch (Exception e) {
            // JDK may not know the algorithm (e.g. an exotic curve): BouncyCastle second.
            try {
                cert.verify(key, BC);
                return true;
            } catch (Exception again) {
                return false;
            }
        }
    }
}
