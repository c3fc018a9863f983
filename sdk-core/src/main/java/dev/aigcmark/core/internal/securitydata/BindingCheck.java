package dev.aigcmark.core.internal.securitydata;

import java.util.Objects;

/**
 * What a SecurityData says about the content its label was made for (see {@link LabelBinding}), once its own
 * signature was checked. Comparing the binding with the file at hand is the verifier's job, not this one's.
 *
 * @param outcome ABSENT (an unbound label: every label written before bindings existed, and other vendors'),
 *                SIGNED (a binding the label's signer signed), or INVALID (bindings that are malformed or whose
 *                signature does not verify: tampered with)
 * @param binding the signed binding for SIGNED, else null
 * @param detail  one sentence for people
 */
public record BindingCheck(Outcome outcome, LabelBinding binding, String detail) {

    public enum Outcome { ABSENT, SIGNED, INVALID }

    public static final BindingCheck ABSENT = new BindingCheck(Outcome.ABSENT, null, "the label is not bound to content");

    public BindingCheck {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(detail, "detail");
        if ((outcome == Outcome.SIGNED) != (binding != null)) {
            throw new IllegalArgumentException("a binding is given exactly when it is SIGNED");
        }
    }

    static BindingCheck invalid(String detail) {
        return new BindingCheck(Outcome.INVALID, null, detail);
    }
}
