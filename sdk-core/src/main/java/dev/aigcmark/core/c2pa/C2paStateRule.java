package dev.aigcmark.core.c2pa;

import dev.aigcmark.core.c2pa.validation.ValidationResults;
import dev.aigcmark.core.c2pa.validation.ValidationStatus;
import dev.aigcmark.core.report.StatusCode;
import dev.aigcmark.core.report.StatusCodes;
import dev.aigcmark.core.report.TrustState;

import java.util.List;
import java.util.Set;

/**
 * The one rule from the status codes validation collected to a C2PA state; nothing else decides a state.
 * It reproduces the reference reader's verdicts (c2pa-rs 0.91.3) on every shared vector:
 *
 * <table>
 *   <caption>codes to state, first matching row wins</caption>
 *   <tr><th>collected codes</th><th>state</th></tr>
 *   <tr><td>none (no manifest store)</td><td>NONE</td></tr>
 *   <tr><td>a failure, in the active manifest or an ingredient delta, other than an untrusted credential</td><td>INVALID</td></tr>
 *   <tr><td>no failure at all, and {@code signingCredential.trusted} in the active manifest</td><td>TRUSTED</td></tr>
 *   <tr><td>otherwise</td><td>VALID</td></tr>
 * </table>
 *
 * An untrusted credential ({@code signingCredential.untrusted}, {@code cawg.x509.credential.untrusted}) says
 * who vouches, not whether the bytes are intact: it keeps a manifest from TRUSTED but does not make it INVALID.
 */
public final class C2paStateRule {
    /** Failures that only say a credential is on no trust list. */
    static final Set<StatusCode> TRUST_ONLY_FAILURES = Set.of(StatusCodes.SIGNING_CREDENTIAL_UNTRUSTED,
            StatusCodes.CAWG_CREDENTIAL_UNTRUSTED);

    private C2paStateRule() {
    }

    public static TrustState state(ValidationResults results) {
        if (results.isEmpty()) {
            return TrustState.NONE;
        }
        List<ValidationStatus> failures = results.failures();
        if (failures.stream().anyMatch(f -> !TRUST_ONLY_FAILURES.contains(f.code()))) {
            return TrustState.INVALID;
        }
        boolean trusted = results.activeManifest().success().stream()
                .anyMatch(s -> s.code().equals(StatusCodes.SIGNING_CREDENTIAL_TRUSTED));
        return trusted && failures.isEmpty() ? TrustState.TRUSTED : TrustState.VALID;
    }
}
