package dev.aigcmark.core.internal.c2pa;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigcmark.core.internal.c2pa.manifest.HashedUri;
import dev.aigcmark.core.internal.c2pa.manifest.Manifest;
import dev.aigcmark.core.internal.c2pa.manifest.ManifestStore;
import dev.aigcmark.core.internal.c2pa.validation.ValidationStatus;
import dev.aigcmark.core.report.Severity;
import dev.aigcmark.core.report.StatusCode;
import dev.aigcmark.core.report.StatusCodes;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The statuses ingredient assertions recorded when their asset was used: {@code validationStatus} (ingredient
 * v1/v2, codes without groups) or {@code validationResults} (v3, grouped, with deltas of their own). Relative
 * URIs are made absolute against the ingredient's manifest, so they compare with fresh statuses.
 */
final class RecordedStatuses {
    /** More recorded statuses than any real store has: the rest are not compared (they could only hide news). */
    static final int MAX = 10_000;

    private RecordedStatuses() {
    }

    static List<ValidationStatus> of(ManifestStore store) {
        List<ValidationStatus> out = new ArrayList<>();
        for (Manifest m : store.manifests()) {
            for (HashedUri ref : m.claim().assertions()) {
                if (!IngredientCheck.isIngredient(ref.label())) {
                    continue;
                }
                m.assertionData(ref.label()).ifPresent(ingredient -> collect(ingredient, out));
                if (out.size() > MAX) {
                    return out.subList(0, MAX);
                }
            }
        }
        return out;
    }

    private static void collect(JsonNode ingredient, List<ValidationStatus> out) {
        String label = IngredientCheck.manifestReference(ingredient)
                .map(r -> ManifestStore.manifestLabel(r.url()).orElse(null)).orElse(null);
        JsonNode results = ingredient.get("validationResults");
        if (results != null && results.isObject()) {
            grouped(results.path("activeManifest"), label, out);
            for (JsonNode delta : results.path("ingredientDeltas")) {
                grouped(delta.path("validationDeltas"), label, out);
            }
            return;
        }
        for (JsonNode s : ingredient.path("validationStatus")) {
            status(s, null, label).ifPresent(out::add);
        }
    }

    private static void grouped(JsonNode codes, String label, List<ValidationStatus> out) {
        for (Severity severity : Severity.values()) {
            for (JsonNode s : codes.path(severity.name().toLowerCase(Locale.ROOT))) {
                status(s, severity, label).ifPresent(out::add);
            }
        }
    }

    private static Optional<ValidationStatus> status(JsonNode s, Severity group, String label) {
        if (!s.path("code").isTextual()) {
            return Optional.empty();
        }
        StatusCode code = StatusCodes.parse(s.get("code").asText());
        String url = s.path("url").isTextual() ? absolute(s.get("url").asText(), label) : null;
        Severity severity = group != null ? group : code.kind();
        return Optional.of(new ValidationStatus(code, severity, url, s.path("explanation").asText(""), null));
    }

    /** {@code self#jumbf=c2pa.assertions/x} in manifest {@code label} as {@code self#jumbf=/c2pa/label/c2pa.assertions/x}. */
    static String absolute(String url, String label) {
        if (label == null || !url.startsWith(HashedUri.PREFIX) || url.startsWith(HashedUri.PREFIX + "/")) {
            return url;
        }
        return HashedUri.PREFIX + "/c2pa/" + label + "/" + url.substring(HashedUri.PREFIX.length());
    }
}
