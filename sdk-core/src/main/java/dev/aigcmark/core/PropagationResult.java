package dev.aigcmark.core;

import dev.aigcmark.core.report.ExitCodes;
import dev.aigcmark.core.report.PlatformVerdict;
import dev.aigcmark.core.report.TrustState;
import dev.aigcmark.core.report.VerificationReport;

import java.util.Optional;

/**
 * What propagating one upload did.
 *
 * @param received what the file carried when it arrived
 * @param verdict  the Art. 6 verdict and the prompt to display; empty when nothing points to AI generation (then
 *                 nothing was written)
 * @param marked   what was written (the label with this platform's propagation fields), when something was
 * @param result   the written file verified again, when something was written
 */
public record PropagationResult(VerificationReport received, Optional<PlatformVerdict> verdict,
                                Optional<MarkResult> marked, Optional<VerificationReport> result) {

    public boolean written() {
        return marked.isPresent();
    }

    /**
     * The outcome as an exit code ({@code aigc propagate}, the service's {@code Aigc-Exit-Code}): 3 when nothing
     * was written, 1 when written but the received marks failed verification (a forged label is kept, never
     * removed), else 0.
     */
    public int exitCode() {
        if (!written()) {
            return ExitCodes.NO_MARKS;
        }
        return received.state() == TrustState.INVALID ? ExitCodes.FAILED : ExitCodes.VALID;
    }
}
