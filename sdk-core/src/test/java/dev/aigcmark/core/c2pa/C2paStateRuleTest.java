package dev.aigcmark.core.c2pa;

import dev.aigcmark.core.c2pa.validation.ValidationResults;
import dev.aigcmark.core.c2pa.validation.ValidationStatus;
import dev.aigcmark.core.report.Severity;
import dev.aigcmark.core.report.StatusCodes;
import dev.aigcmark.core.report.TrustState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link C2paStateRule} as the table in docs/c2pa.md states it. Each row: the active manifest's codes and one
 * ingredient delta's codes (a code prefixed {@code !} is a failure, {@code ~} informational, else success),
 * and the state.
 */
class C2paStateRuleTest {

    @ParameterizedTest(name = "[{0}] + delta [{1}] -> {2}")
    @CsvSource(delimiter = '|', value = {
            "                                                                  |                                   | NONE",
            "claimSignature.validated                                          |                                   | VALID",
            "claimSignature.validated !signingCredential.untrusted             |                                   | VALID",
            "claimSignature.validated signingCredential.trusted                |                                   | TRUSTED",
            "claimSignature.validated signingCredential.trusted ~timeStamp.untrusted |                             | TRUSTED",
            "signingCredential.trusted !cawg.x509.credential.untrusted         |                                   | VALID",
            "signingCredential.trusted                                         | !signingCredential.untrusted      | VALID",
            "signingCredential.trusted                                         | ~ingredient.unknownProvenance     | TRUSTED",
            "signingCredential.trusted !assertion.dataHash.mismatch            |                                   | INVALID",
            "!signingCredential.untrusted !claimSignature.mismatch             |                                   | INVALID",
            "!signingCredential.untrusted !signingCredential.expired           |                                   | INVALID",
            "signingCredential.trusted                                         | !assertion.hashedURI.mismatch     | INVALID",
            "signingCredential.trusted                                         | !ingredient.manifest.missing      | INVALID",
            "!manifest.inaccessible                                            |                                   | INVALID",
            "~signingCredential.ocsp.skipped                                   |                                   | VALID",
    })
    void stateFollowsTheTable(String active, String delta, TrustState expected) {
        List<ValidationStatus> statuses = new ArrayList<>(parse(active, null));
        statuses.addAll(parse(delta, "self#jumbf=/c2pa/urn:c2pa:x/c2pa.assertions/c2pa.ingredient.v3"));
        assertThat(C2paStateRule.state(ValidationResults.of(statuses))).isEqualTo(expected);
    }

    private static List<ValidationStatus> parse(String codes, String ingredient) {
        List<ValidationStatus> out = new ArrayList<>();
        if (codes == null || codes.isBlank()) {
            return out;
        }
        for (String c : codes.trim().split("\\s+")) {
            Severity s = c.startsWith("!") ? Severity.FAILURE : c.startsWith("~") ? Severity.INFORMATIONAL : Severity.SUCCESS;
            out.add(new ValidationStatus(StatusCodes.parse(c.replaceFirst("^[!~]", "")), s, null, "", ingredient));
        }
        return out;
    }
}
