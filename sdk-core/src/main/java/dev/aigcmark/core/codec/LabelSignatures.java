package dev.aigcmark.core.codec;

import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.label.AigcLabel;
import dev.aigcmark.core.report.Status;
import dev.aigcmark.core.report.StatusCode;
import dev.aigcmark.core.report.StatusCodes;
import dev.aigcmark.core.securitydata.SecurityData;
import dev.aigcmark.core.securitydata.SignatureCheck;
import dev.aigcmark.core.trust.TrustDecision;
import dev.aigcmark.core.trust.TrustDecision.TrustSubject;
import dev.aigcmark.core.trust.TrustPolicy;
import dev.aigcmark.core.trust.TrustedPlatform;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks the producer's (ReservedCode1) and propagator's (ReservedCode2) integrity data of a label and names
 * who signed: a platform of the trust registry, or an unregistered key by its fingerprint.
 */
final class LabelSignatures {

    /**
     * @param producer   the check of ReservedCode1
     * @param propagator the check of ReservedCode2, or null when the label has no propagation fields
     * @param producerPlatform   the registry entry whose key signed ReservedCode1, or null
     * @param propagatorPlatform the registry entry whose key signed ReservedCode2, or null
     */
    record Result(List<Status> statuses, boolean trusted, String signer, SignatureCheck producer,
                  SignatureCheck propagator, TrustedPlatform producerPlatform, TrustedPlatform propagatorPlatform) {
    }

    private LabelSignatures() {
    }

    static Result check(AigcLabel label, SdkContext context) {
        List<Status> statuses = new ArrayList<>();
        List<String> signers = new ArrayList<>();
        SignatureCheck producer = SecurityData.verifyProducer(label);
        boolean producerTrusted = role("producer", producer, label.reservedCode1(),
                StatusCodes.SIG_PRODUCER_VALID, StatusCodes.SIG_PRODUCER_MISMATCH, context, statuses, signers);
        boolean hasPropagation = !label.contentPropagator().isEmpty() || !label.reservedCode2().isEmpty();
        boolean propagatorTrusted = false;
        SignatureCheck propagator = null;
        if (hasPropagation) {
            propagator = SecurityData.verifyPropagator(label);
            propagatorTrusted = role("propagator", propagator, label.reservedCode2(),
                    StatusCodes.SIG_PROPAGATOR_VALID, StatusCodes.SIG_PROPAGATOR_MISMATCH, context, statuses, signers);
        }
        // TRUSTED when a trusted platform vouches for the label: the producer, or the propagator that re-published it.
        boolean trusted = producerTrusted || propagatorTrusted;
        return new Result(statuses, trusted, signers.isEmpty() ? null : String.join("; ", signers), producer,
                propagator, platform(producer, context), platform(propagator, context));
    }

    /** The registry entry of the key behind a valid signature, or null. */
    private static TrustedPlatform platform(SignatureCheck check, SdkContext context) {
        return check == null || check.outcome() != SignatureCheck.Outcome.VALID || check.signerKey() == null ? null
                : TrustPolicy.of(context).signingKey(check.signerKey()).platform().orElse(null);
    }

    /** Adds the statuses of one role's check; returns whether a trusted, non-development platform signed. */
    private static boolean role(String role, SignatureCheck check, String raw, StatusCode validCode, StatusCode mismatchCode,
                                SdkContext context, List<Status> statuses, List<String> signers) {
        switch (check.outcome()) {
            case ABSENT -> {
                statuses.add(Status.info(StatusCodes.SIG_ABSENT, "no " + role + " integrity data: the label is unsigned"));
                return false;
            }
            case MISMATCH -> {
                statuses.add(Status.failure(mismatchCode, "the " + role + " signature does not match the label: "
                        + check.detail()));
                return false;
            }
            case MALFORMED -> {
                // Free-form vendor data is allowed in the reserved codes; only broken SecurityData is a failure.
                boolean claimsSecurityData = raw.contains("SecurityData");
                statuses.add(claimsSecurityData
                        ? Status.failure(StatusCodes.SIG_MALFORMED, role + " SecurityData is malformed: " + check.detail())
                        : Status.tolerated(StatusCodes.SIG_MALFORMED, role + " integrity data not recognised: " + check.detail()));
                return false;
            }
            case UNSUPPORTED_ALGORITHM -> {
                statuses.add(Status.info(StatusCodes.SIG_ALGORITHM_UNSUPPORTED, role + ": " + check.detail()));
                return false;
            }
            case DIGEST_VALID -> {
                statuses.add(Status.success(StatusCodes.SIG_DIGEST_VALID, role + " digest matches: " + check.detail()));
                return false;
            }
            case DIGEST_MISMATCH -> {
                statuses.add(Status.failure(StatusCodes.SIG_DIGEST_MISMATCH, role + " digest does not match: " + check.detail()));
                return false;
            }
            case VALID -> {
                String alg = check.algorithm() == null ? "?" : check.algorithm().name();
                statuses.add(Status.success(validCode, role + " signature valid (" + alg + ")"));
                return signer(role, check.signerKey(), context, statuses, signers);
            }
            default -> throw new IllegalStateException("unhandled outcome " + check.outcome());
        }
    }

    private static boolean signer(String role, PublicKey key, SdkContext context, List<Status> statuses,
                                  List<String> signers) {
        if (key == null) {
            signers.add(role + ": unknown key");
            return false;
        }
        TrustDecision decision = TrustPolicy.of(context).signingKey(key);
        statuses.add(decision.status(TrustSubject.LABEL_SIGNER, role));
        signers.add(role + ": " + (decision.verdict() == TrustDecision.Verdict.UNREGISTERED ? "unregistered key " : "")
                + decision.signer() + switch (decision.verdict()) {
            case DEVELOPMENT -> " [development identity, not trusted]";
            case REVOKED -> " [revoked key]";
            default -> "";
        });
        return decision.trusted();
    }

}
