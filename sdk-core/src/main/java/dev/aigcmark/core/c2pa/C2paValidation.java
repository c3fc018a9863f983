package dev.aigcmark.core.c2pa;

import dev.aigcmark.core.mark.C2paManifest;
import dev.aigcmark.core.report.Status;
import dev.aigcmark.core.report.TrustState;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * What validating one manifest store found: the active manifest as a {@link C2paManifest} mark (null when
 * the store could not be read far enough), the statuses of the active manifest and those of its
 * ingredients' manifests (kept apart as the reference does), the state and the signer's x5chain.
 */
public record C2paValidation(C2paManifest manifest, List<Status> active, List<Status> ingredients,
                             TrustState state, List<X509Certificate> chain) {
    public C2paValidation {
        chain = List.copyOf(chain);
        active = List.copyOf(active);
        ingredients = List.copyOf(ingredients);
    }

    /** The signing certificate, or null when the signature could not be read. */
    public X509Certificate signer() {
        return chain.isEmpty() ? null : chain.get(0);
    }

    public List<String> activeFailureCodes() {
        return active.stream().filter(Status::isFailure).map(Status::code).toList();
    }

    public List<String> ingredientFailureCodes() {
        return ingredients.stream().filter(Status::isFailure).map(Status::code).toList();
    }

    public boolean has(String code) {
        return active.stream().anyMatch(s -> s.code().equals(code));
    }

    public long count(String code) {
        return active.stream().filter(s -> s.code().equals(code)).count();
    }
}
