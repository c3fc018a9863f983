package dev.aigcmark.core.report;

import dev.aigcmark.core.mark.Mark;

import java.util.List;
import java.util.Objects;

/**
 * One mark and what verifying it found: its state, who signed it (a platform from the trust registry, a
 * certificate subject, or null when unsigned) and the status entries that justify the state.
 */
public record MarkFinding(Mark mark, TrustState state, String signer, List<Status> statuses) {

    public MarkFinding {
        Objects.requireNonNull(mark, "mark");
        Objects.requireNonNull(state, "state");
        if (state == TrustState.NONE) {
            throw new IllegalArgumentException("a found mark cannot have state NONE");
        }
        statuses = List.copyOf(statuses);
    }

    /** The state implied by the statuses: any failure makes the mark INVALID. */
    public static TrustState stateFrom(List<Status> statuses, boolean trusted) {
        if (statuses.stream().anyMatch(Status::isFailure)) {
            return TrustState.INVALID;
        }
        return trusted ? TrustState.TRUSTED : TrustState.VALID;
    }

    public boolean hasStatus(StatusCode code) {
        return statuses.stream().anyMatch(s -> s.code().equals(code));
    }
}
