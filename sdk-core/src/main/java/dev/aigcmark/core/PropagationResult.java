package dev.aigcmark.core;

import dev.aigcmark.core.report.PlatformVerdict;
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
}
