package dev.aigcmark.core.trust;

import dev.aigcmark.core.report.Status;
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
            case TRUSTED -> Status.success(subject.code("trusted"), who + "made by trusted platform " + signer
                    + platform.map(p -> " (" + p.id() + ")").orElse(""));
            case DEVELOPMENT -> Status.info(subject.code("development"), who + "made by " + signer
                    + platform.map(p -> " (" + p.id() + ")").orElse("") + ": development identity, not trusted");
            case UNREGISTERED -> Status.info(subject.code("untrusted"), who + detail);
            case REVOKED -> Status.failure(subject.code("revoked"), who + detail);
            case MISMATCH -> Status.failure(subject.code("mismatch"), who + detail);
        };
    }

    /** The kinds of mark a decision is about; each has its own code family in {@link StatusCodes}. */
    public enum TrustSubject {
        /** A GB 45438 SecurityData signature: {@code sig.signer.*}. */
        LABEL_SIGNER("sig.signer"),
        /** Our watermark (image, video, text): {@code wm.issuer.*}. */
        WATERMARK_ISSUER("wm.issuer"),
        /** A C2PA claim signer, named beside the C2PA codes: {@code c2pa.signer.*}. */
        C2PA_SIGNER("c2pa.signer");

        private final String prefix;

        TrustSubject(String prefix) {
            this.prefix = prefix;
        }

        String code(String outcome) {
            return StatusCodes.trustCode(prefix, outcome);
        }
    }
}
