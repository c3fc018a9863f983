package dev.aigcmark.core.internal.c2pa;

import dev.aigcmark.core.internal.c2pa.cose.CertificateNames;
import dev.aigcmark.core.internal.c2pa.cose.CoseAlgorithm;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Who signed one manifest and when, as validation established it: the COSE algorithm, the signer's x5chain
 * (leaf first), whether that chain leads to a C2PA trust anchor, and the RFC 3161 time-stamp with its TSA's
 * chain. A trust policy judges the signer from {@link #chain()}; {@link #trusted()} only says whether the
 * chain reached one of the C2PA anchors it was given.
 *
 * @param manifestLabel    the manifest this signature belongs to
 * @param algorithm        the signature algorithm, empty when unknown or unreadable
 * @param chain            the x5chain, leaf first; empty when it could not be read
 * @param trusted          the chain leads to a C2PA trust anchor
 * @param timestamp        the time-stamp's time, when a token verified
 * @param timestampTrusted the time-stamp counts: its TSA chains to a TSA anchor (or the claim is v1, whose
 *                         time-stamps the reference accepts without a TSA trust check)
 * @param tsaChain         the TSA's certificate first, then the token's other certificates
 */
public record SignatureInfo(String manifestLabel, Optional<CoseAlgorithm> algorithm, List<X509Certificate> chain,
                            boolean trusted, Optional<Instant> timestamp, boolean timestampTrusted,
                            List<X509Certificate> tsaChain) {

    public SignatureInfo {
        chain = List.copyOf(chain);
        tsaChain = List.copyOf(tsaChain);
    }

    static SignatureInfo unreadable(String manifestLabel) {
        return new SignatureInfo(manifestLabel, Optional.empty(), List.of(), false, Optional.empty(), false, List.of());
    }

    /** The signing certificate, if the signature could be read that far. */
    public Optional<X509Certificate> signer() {
        return chain.isEmpty() ? Optional.empty() : Optional.of(chain.get(0));
    }

    /** The signer's common name (or subject DN), or "" when there is no certificate. */
    public String signerName() {
        return signer().map(CertificateNames::commonName).orElse("");
    }
}
