package dev.aigcmark.core.c2pa.validation;

import dev.aigcmark.core.report.Severity;
import dev.aigcmark.core.report.Status;
import dev.aigcmark.core.report.StatusCode;

import java.util.Objects;

/**
 * One C2PA validation status as the specification reports it: the code (verbatim), its group, the JUMBF URI
 * of the box it is about, a human explanation, and, when it was found while validating an ingredient's
 * manifest, the URI of the ingredient assertion that led there (the reference's "ingredient delta").
 *
 * @param code          the status code, e.g. {@code claimSignature.validated}
 * @param severity      success, informational or failure
 * @param url           the JUMBF URI (or, for a missing manifest, its label), may be null
 * @param explanation   for people
 * @param ingredientUri the ingredient assertion whose manifest was being validated, or null for the active manifest
 */
public record ValidationStatus(StatusCode code, Severity severity, String url, String explanation, String ingredientUri) {

    public ValidationStatus {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(severity, "severity");
        explanation = explanation == null ? "" : explanation;
    }

    public boolean isFailure() {
        return severity == Severity.FAILURE;
    }

    /**
     * Equal as the reference compares statuses recorded in ingredient assertions with fresh ones: same code,
     * URL and group; the explanation does not matter.
     */
    public boolean sameFinding(ValidationStatus other) {
        return code.equals(other.code) && Objects.equals(url, other.url) && severity == other.severity;
    }

    /**
     * The report's form: the URI and the ingredient as typed fields; the message repeats them for people (the
     * explanation with the URI, an ingredient's status saying so first).
     */
    public Status toStatus() {
        String where = url == null ? "" : " (" + url + ")";
        String prefix = ingredientUri == null ? "" : "ingredient: ";
        return new Status(code, severity, prefix + explanation + where, url, ingredientUri);
    }
}
