package dev.aigcmark.core.internal.securitydata;

import dev.aigcmark.core.crypto.SignatureAlgorithm;

import java.security.PublicKey;
import java.util.Objects;

/**
 * The result of checking one reserved code (ReservedCode1 of the producer, ReservedCode2 of the propagator).
 *
 * @param outcome   what was found
 * @param algorithm the signature algorithm named by the SecurityData, when it is one we know; null otherwise
 * @param signerKey the public key the SecurityData names, when it could be read (also for MISMATCH, so a report
 *                  can say which key was claimed); null otherwise
 * @param detail    one sentence a person can read: the reason for MALFORMED, the hash for digests, the key
 *                  fingerprint for signatures
 * @param binding   the content binding the SecurityData carries; only ever SIGNED when the outcome is VALID
 */
public record SignatureCheck(Outcome outcome, SignatureAlgorithm algorithm, PublicKey signerKey, String detail,
                             BindingCheck binding) {

    public enum Outcome {
        /** The reserved code is empty: nothing to check. */
        ABSENT,
        /** A SecurityData signature that verifies with the key it names. */
        VALID,
        /** A well-formed SecurityData signature that does not verify: the signed fields were changed. */
        MISMATCH,
        /** Not readable as SecurityData or as a digest (bad JSON, hex, key, missing parts, too large). */
        MALFORMED,
        /** Well-formed SecurityData with an AlgID we cannot verify. */
        UNSUPPORTED_ALGORITHM,
        /** Annex F.4: a bare hex digest equal to the SM3 or SHA-256 of the signed text (integrity, not authenticity). */
        DIGEST_VALID,
        /** Annex F.4: a bare hex digest equal to neither hash of the signed text. */
        DIGEST_MISMATCH
    }

    public SignatureCheck {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(binding, "binding");
        if (binding.outcome() == BindingCheck.Outcome.SIGNED && outcome != Outcome.VALID) {
            throw new IllegalArgumentException("a binding counts only under a valid signature");
        }
    }

    /** A check without a binding. */
    public SignatureCheck(Outcome outcome, SignatureAlgorithm algorithm, PublicKey signerKey, String detail) {
        this(outcome, algorithm, signerKey, detail, BindingCheck.ABSENT);
    }

    /** True for outcomes that mean the label was altered or is broken (MISMATCH, MALFORMED, DIGEST_MISMATCH). */
    public boolean failed() {
        return outcome == Outcome.MISMATCH || outcome == Outcome.MALFORMED || outcome == Outcome.DIGEST_MISMATCH;
    }

    static SignatureCheck of(Outcome outcome, String detail) {
        return new SignatureCheck(outcome, null, null, detail);
    }
}
