package dev.aigcmark.core.trust;

import dev.aigcmark.core.report.Status;
import dev.aigcmark.core.report.StatusCode;
import dev.aigcmark.core.report.StatusCodes;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@link TrustPolicy} concluded about who made one mark. The same verdicts for every kind of mark, so a
 * label signature, a watermark and a C2PA signer of the same platform are named alike and trusted alike.
 *
 * @param verdict  the conclusion
 * @param signer   the name reports show: the platform's display name, or the key's fingerprint when unregistered
 * @param platform the registry entry the mark belongs to, when one does
 * @param detail   one sentence for people (why not trusted, which key)
 */
public record TrustDecision(Verdict verdict, String signer, Optional<TrustedPlatform> platform, String detail) {

    public enum Verdict {
        /** A registered, non-development platform made it. The only verdict that makes a mark TRUSTED. */
        TRUSTED,
        /** A development identity made it: never trusted, wherever it is listed. */
        DEVELOPMENT,
        /** No registry platform holds the key (the mark can still be intact: VALID). */
        UNREGISTERED,
        /** The platform withdrew the key: a failure, since a revoked key may be in a forger's hands. */
        REVOKED,
        /** The mark names a registered platform but does not check out under that platform's key: a failure. */
        MISMATCH
    }

    public TrustDecision {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(platform, "platform");
        detail = detail == null ? "" : detail;
    }

    public boolean trusted() {
        return verdict == Verdict.TRUSTED;
    }

    /** The report status for this decision about a mark of {@code subject}'s kind; {@code role} opens its message. */
    public Status status(TrustSubject subject, String role) {
        String who = role.isEmpty() ? "" : role + " ";
        return switch (verdict) {
            case TRUSTED -> Status.of(subject.trusted, who + "made by trusted platform " + signer
                    + platform.map(p -> " (" + p.id() + ")").orElse(""));
            case DEVELOPMENT -> Status.of(subject.development, who + "made by " + signer
                    + platform.map(p -> " (" + p.id() + ")").orElse("") + ": development identity, not trusted");
            case UNREGISTERED -> Status.of(subject.untrusted, who + detail);
            case REVOKED -> Status.of(subject.revoked, who + detail);
            case MISMATCH -> Status.of(subject.mismatch(), who + detail);
        };
    }

    /** The kinds of mark a decision is about; each has its own code family in {@link StatusCodes}. */
    public enum TrustSubject {
        /** A GB 45438 SecurityData signature: {@code sig.signer.*} (a signature either verifies or is a mismatch). */
        LABEL_SIGNER(StatusCodes.SIGNER_TRUSTED, StatusCodes.SIGNER_DEVELOPMENT, StatusCodes.SIGNER_UNTRUSTED,
                StatusCodes.SIGNER_REVOKED, null),
        /** Our watermark (image, video, text): {@code wm.issuer.*}. */
        WATERMARK_ISSUER(StatusCodes.WM_ISSUER_TRUSTED, StatusCodes.WM_ISSUER_DEVELOPMENT, StatusCodes.WM_ISSUER_UNTRUSTED,
                StatusCodes.WM_ISSUER_REVOKED, StatusCodes.WM_ISSUER_MISMATCH),
        /** A C2PA claim signer, named beside the C2PA codes: {@code c2pa.signer.*}. */
        C2PA_SIGNER(StatusCodes.C2PA_SIGNER_TRUSTED, StatusCodes.C2PA_SIGNER_DEVELOPMENT, StatusCodes.C2PA_SIGNER_UNTRUSTED,
                StatusCodes.C2PA_SIGNER_REVOKED, null);

        private final StatusCode trusted;
        private final StatusCode development;
        private final StatusCode untrusted;
        private final StatusCode revoked;
        private final StatusCode mismatch;

        TrustSubject(StatusCode trusted, StatusCode development, StatusCode untrusted, StatusCode revoked,
                     StatusCode mismatch) {
            this.trusted = trusted;
            this.development = development;
            this.untrusted = untrusted;
            this.revoked = revoked;
            this.mismatch = mismatch;
        }

        private StatusCode mismatch() {
            if (mismatch == null) {
                throw new IllegalStateException("no mismatch verdict for a " + this);
            }
            return mismatch;
        }
    }
}
