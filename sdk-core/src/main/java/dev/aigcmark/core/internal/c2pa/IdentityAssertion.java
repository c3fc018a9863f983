package dev.aigcmark.core.internal.c2pa;

import dev.aigcmark.core.internal.c2pa.cose.CertificateNames;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * A CAWG identity assertion ({@code cawg.identity}) as read: who it names and whether that holds. For an X.509
 * credential ({@code cawg.x509.cose}) the named identity is the credential certificate's subject.
 *
 * @param assertionLabel the assertion's label in the manifest ({@code cawg.identity}, {@code cawg.identity__1})
 * @param sigType        the credential type, e.g. {@code cawg.x509.cose}
 * @param chain          the credential's certificates, leaf first (empty for other credential types or when unreadable)
 * @param signatureValid the identity signature over the signer payload verified
 * @param trusted        the credential chains to a platform of the trust registry
 */
public record IdentityAssertion(String assertionLabel, String sigType, List<X509Certificate> chain,
                                boolean signatureValid, boolean trusted) {
    public IdentityAssertion {
        chain = List.copyOf(chain);
    }

    /** The named identity's common name (or subject DN), when the credential is an X.509 certificate. */
    public Optional<String> name() {
        return chain.isEmpty() ? Optional.empty() : Optional.of(CertificateNames.commonName(chain.get(0)));
    }

    /** The named identity's subject DN. */
    public Optional<String> subject() {
        return chain.isEmpty() ? Optional.empty() : Optional.of(chain.get(0).getSubjectX500Principal().getName());
    }
}
