package dev.aigcmark.core.c2pa;

import dev.aigcmark.core.c2pa.cose.CertificateProfile;
import dev.aigcmark.core.c2pa.cose.CoseAlgorithm;
import dev.aigcmark.core.c2pa.cose.CoseSign1;
import dev.aigcmark.core.c2pa.cose.Timestamp;
import dev.aigcmark.core.c2pa.cose.TrustChain;
import dev.aigcmark.core.c2pa.manifest.Manifest;
import dev.aigcmark.core.c2pa.validation.ValidationLog;
import dev.aigcmark.core.report.StatusCodes;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * A manifest's claim signature: the COSE_Sign1, the signer's certificate (C2PA profile, validity, trust) and
 * its RFC 3161 time-stamp. The signer's certificate is judged at the time-stamp's time only when the
 * time-stamp counts: its TSA chains to a TSA anchor, or the claim is v1 (the reference accepts v1 time-stamps
 * without a TSA trust check, "legacy"). Otherwise, as the reference does, at the validation time, so a
 * certificate that has expired since makes the claim {@code signingCredential.expired}.
 */
final class SignatureCheck {
    private final List<X509Certificate> anchors;
    private final List<X509Certificate> tsaAnchors;
    private final Instant now;

    SignatureCheck(List<X509Certificate> anchors, List<X509Certificate> tsaAnchors, Instant now) {
        this.anchors = List.copyOf(anchors);
        this.tsaAnchors = List.copyOf(tsaAnchors);
        this.now = now;
    }

    SignatureInfo check(Manifest m, ValidationLog log) {
        String url = C2paValidator.uri(m, "c2pa.signature");
        CoseSign1 cose;
        List<X509Certificate> chain;
        try {
            cose = CoseSign1.parse(m.signature());
        } catch (C2paFormatException e) {
            log.failure(e.statusCode(), url, e.getMessage());
            return SignatureInfo.unreadable(m.label());
        }
        Optional<CoseAlgorithm> alg = cose.algorithm();
        if (alg.isEmpty()) {
            log.failure(StatusCodes.ALGORITHM_UNSUPPORTED, url, "unknown or missing signature algorithm (header 1 = "
                    + cose.algorithmHeader() + ")");
            return SignatureInfo.unreadable(m.label());
        }
        try {
            chain = cose.certificates();
        } catch (C2paFormatException e) {
            log.failure(e.statusCode(), url, e.getMessage());
            return SignatureInfo.unreadable(m.label());
        }
        X509Certificate leaf = chain.get(0);
        boolean signatureOk = cose.verify(alg.get(), leaf, m.claim().raw());
        Timestamp.Result tst = Timestamp.check(cose, m.claim().raw());
        boolean tstCounts = signatureOk && tst.time().isPresent() && timestamp(tst, m.claim().version() == 1, url, log);
        if (!(signatureOk && tst.time().isPresent()) && tst.present()) {
            log.info(StatusCodes.TIMESTAMP_MISMATCH, url, "timestamp message digest did not match: " + tst.tsaName()
                    + (tst.problem() == null ? "" : " (" + tst.problem() + ")"));
        }
        Date when = tstCounts ? tst.time().get() : Date.from(now);
        // Whether the signature was made inside the certificate's validity: at the time-stamp's time even from
        // an untrusted TSA (the reference reports claimSignature.insideValidity so); expiry and trust are
        // judged at a time-stamp's time only when it counts.
        Date signedAt = signatureOk && tst.time().isPresent() ? tst.time().get() : Date.from(now);
        Optional<String> profile = CertificateProfile.problem(leaf);
        boolean inTime = CertificateProfile.validAt(leaf, when);
        boolean trusted = TrustChain.anchorFor(chain, anchors, when).isPresent();
        if (trusted) {
            log.success(StatusCodes.SIGNING_CREDENTIAL_TRUSTED, url, "signing certificate trusted: " + C2paValidator.subject(leaf));
        } else {
            log.failure(StatusCodes.SIGNING_CREDENTIAL_UNTRUSTED, url, "signing certificate untrusted");
        }
        profile.ifPresent(p -> log.failure(StatusCodes.SIGNING_CREDENTIAL_INVALID, url, p));
        if (!inTime) {
            log.failure(StatusCodes.SIGNING_CREDENTIAL_EXPIRED, url, "signing certificate not valid at "
                    + when.toInstant() + " (valid " + leaf.getNotBefore().toInstant() + " to "
                    + leaf.getNotAfter().toInstant() + ")");
        }
        if (signatureOk) {
            if (CertificateProfile.validAt(leaf, signedAt) && profile.isEmpty()) {
                log.success(StatusCodes.CLAIM_SIGNATURE_INSIDE_VALIDITY, url, "claim signature valid");
            }
            log.success(StatusCodes.CLAIM_SIGNATURE_VALIDATED, url, "claim signature valid");
        } else {
            log.failure(StatusCodes.CLAIM_SIGNATURE_MISMATCH, url, "claim signature is not valid");
        }
        log.info(StatusCodes.OCSP_SKIPPED, url, "OCSP fetching skipped");
        Optional<Instant> tstTime = signatureOk ? tst.time().map(Date::toInstant) : Optional.empty();
        return new SignatureInfo(m.label(), alg, chain, trusted, tstTime, tstCounts, tst.tsaChain());
    }

    /** Logs a verified time-stamp and returns whether it counts for judging the signer's certificate. */
    private boolean timestamp(Timestamp.Result tst, boolean legacyClaim, String url, ValidationLog log) {
        String tsa = tst.tsaName();
        log.success(StatusCodes.TIMESTAMP_VALIDATED, url, "timestamp message digest matched: " + tsa);
        tst.tsaProfileProblem().ifPresent(p -> log.failure(StatusCodes.SIGNING_CREDENTIAL_INVALID, url,
                "time-stamp authority certificate: " + p));
        if (legacyClaim) {
            log.success(StatusCodes.TIMESTAMP_TRUSTED, url, "legacy timestamp cert trusted: " + tsa);
            return true;
        }
        if (TrustChain.anchorFor(tst.tsaChain(), tsaAnchors, tst.time().get()).isPresent()) {
            log.success(StatusCodes.TIMESTAMP_TRUSTED, url, "timestamp cert trusted: " + tsa);
            return true;
        }
        log.info(StatusCodes.TIMESTAMP_UNTRUSTED, url, "timestamp cert untrusted: " + tsa);
        return false;
    }
}
