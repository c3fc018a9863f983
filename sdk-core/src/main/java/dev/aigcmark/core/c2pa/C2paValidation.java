package dev.aigcmark.core.c2pa;

import dev.aigcmark.core.c2pa.manifest.ManifestStore;
import dev.aigcmark.core.c2pa.validation.ValidationResults;
import dev.aigcmark.core.c2pa.validation.ValidationStatus;
import dev.aigcmark.core.mark.C2paManifest;
import dev.aigcmark.core.report.Status;
import dev.aigcmark.core.report.StatusCode;
import dev.aigcmark.core.report.TrustState;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What validating one manifest store found: the active manifest as a {@link C2paManifest} mark, the
 * specification's validation results (the active manifest's statuses, and the ingredient deltas kept apart
 * as the reference keeps them), the state {@link C2paStateRule} derives from them, who signed (the active
 * manifest and every ingredient manifest validated), the CAWG identities, and the parsed store itself (empty
 * when it could not be read) and when validation judged it.
 */
public record C2paValidation(C2paManifest manifest, ValidationResults results, TrustState state,
                             Optional<SignatureInfo> signature, Map<String, SignatureInfo> ingredientSignatures,
                             List<IdentityAssertion> identities, Optional<ManifestStore> store, Instant validationTime) {
    public C2paValidation {
        ingredientSignatures = Map.copyOf(ingredientSignatures);
        identities = List.copyOf(identities);
    }

    /** The active manifest's statuses in the report's form. */
    public List<Status> active() {
        return results.activeManifest().all().stream().map(ValidationStatus::toStatus).toList();
    }

    /** The ingredient deltas' statuses in the report's form. */
    public List<Status> ingredients() {
        return results.ingredientDeltas().stream().flatMap(d -> d.validationDeltas().all().stream())
                .map(ValidationStatus::toStatus).toList();
    }

    /** The active signer's x5chain, leaf first; empty when the signature could not be read. */
    public List<X509Certificate> chain() {
        return signature.map(SignatureInfo::chain).orElse(List.of());
    }

    /** The signing certificate, or null when the signature could not be read. */
    public X509Certificate signer() {
        return chain().isEmpty() ? null : chain().get(0);
    }

    public List<StatusCode> activeFailureCodes() {
        return results.activeManifest().failure().stream().map(ValidationStatus::code).toList();
    }

    public List<StatusCode> ingredientFailureCodes() {
        return results.ingredientDeltas().stream().flatMap(d -> d.validationDeltas().failure().stream())
                .map(ValidationStatus::code).toList();
    }

    public boolean has(StatusCode code) {
        return count(code) > 0;
    }

    /** How often the active manifest reports {@code code}. */
    public long count(StatusCode code) {
        return results.activeManifest().all().stream().filter(s -> s.code().equals(code)).count();
    }
}
