package dev.aigcmark.core.c2pa.validation;

import dev.aigcmark.core.report.Severity;
import dev.aigcmark.core.report.StatusCodes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The specification's {@code validationResults}: the active manifest's statuses, and per ingredient
 * assertion the statuses its manifest produced that were not already recorded in an ingredient assertion
 * (the "ingredient deltas"). Deltas keep the order in which validation first met each ingredient.
 *
 * @param activeManifest   the active manifest's own statuses
 * @param ingredientDeltas one entry per ingredient assertion URI
 */
public record ValidationResults(StatusCodes activeManifest, List<IngredientDelta> ingredientDeltas) {

    public ValidationResults {
        Objects.requireNonNull(activeManifest, "activeManifest");
        ingredientDeltas = List.copyOf(ingredientDeltas);
    }

    /** Success, informational and failure statuses, each in the order found. */
    public record StatusCodes(List<ValidationStatus> success, List<ValidationStatus> informational,
                              List<ValidationStatus> failure) {
        public StatusCodes {
            success = List.copyOf(success);
            informational = List.copyOf(informational);
            failure = List.copyOf(failure);
        }

        static StatusCodes of(List<ValidationStatus> statuses) {
            return new StatusCodes(bySeverity(statuses, Severity.SUCCESS), bySeverity(statuses, Severity.INFORMATIONAL),
                    bySeverity(statuses, Severity.FAILURE));
        }

        private static List<ValidationStatus> bySeverity(List<ValidationStatus> statuses, Severity severity) {
            return statuses.stream().filter(s -> s.severity() == severity).toList();
        }

        public List<ValidationStatus> all() {
            List<ValidationStatus> all = new ArrayList<>(success);
            all.addAll(informational);
            all.addAll(failure);
            return all;
        }

        public boolean isEmpty() {
            return success.isEmpty() && informational.isEmpty() && failure.isEmpty();
        }

        /** {@code {success: [...], informational: [...], failure: [...]}}, each status as {code, url?, explanation}. */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("success", entries(success));
            m.put("informational", entries(informational));
            m.put("failure", entries(failure));
            return m;
        }

        private static List<Object> entries(List<ValidationStatus> statuses) {
            List<Object> out = new ArrayList<>();
            for (ValidationStatus s : statuses) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("code", s.code().id());
                if (s.url() != null) {
                    e.put("url", s.url());
                }
                e.put("explanation", s.explanation());
                out.add(e);
            }
            return out;
        }
    }

    /** The statuses an ingredient's manifest produced, under the URI of the ingredient assertion. */
    public record IngredientDelta(String ingredientAssertionUri, StatusCodes validationDeltas) {
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ingredientAssertionURI", ingredientAssertionUri);
            m.put("validationDeltas", validationDeltas.toMap());
            return m;
        }
    }

    public static final ValidationResults EMPTY = new ValidationResults(StatusCodes.of(List.of()), List.of());

    /** Groups statuses: those without an ingredient URI are the active manifest's, the others form deltas. */
    public static ValidationResults of(List<ValidationStatus> statuses) {
        List<ValidationStatus> active = new ArrayList<>();
        Map<String, List<ValidationStatus>> deltas = new LinkedHashMap<>();
        for (ValidationStatus s : statuses) {
            if (s.ingredientUri() == null) {
                active.add(s);
            } else {
                deltas.computeIfAbsent(s.ingredientUri(), k -> new ArrayList<>()).add(s);
            }
        }
        List<IngredientDelta> list = new ArrayList<>();
        deltas.forEach((uri, l) -> list.add(new IngredientDelta(uri, StatusCodes.of(l))));
        return new ValidationResults(StatusCodes.of(active), list);
    }

    /**
     * Groups the statuses found, leaving out those that are not about the active manifest and that an
     * ingredient assertion already recorded: a problem the ingredient's author saw and declared is history,
     * not news (an ingredient whose signature was already broken when it was used does not make the new
     * asset invalid).
     *
     * @param found        the statuses in the order found
     * @param recorded     the statuses recorded in every ingredient assertion of the store, URIs made absolute
     * @param activeManifest a test for "this URI points into the active manifest"
     */
    public static ValidationResults filtered(List<ValidationStatus> found, List<ValidationStatus> recorded,
                                             Predicate<String> activeManifest) {
        List<ValidationStatus> kept = found.stream()
                .filter(s -> (s.url() != null && activeManifest.test(s.url()))
                        || recorded.stream().noneMatch(r -> r.sameFinding(s)))
                .toList();
        return of(kept);
    }

    /**
     * The specification's map form, as ingredient v3 assertions record it and crJSON reports it:
     * {@code {activeManifest: {...}, ingredientDeltas: [{ingredientAssertionURI, validationDeltas: {...}}]}}.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("activeManifest", activeManifest.toMap());
        m.put("ingredientDeltas", ingredientDeltas.stream().map(IngredientDelta::toMap).toList());
        return m;
    }

    /** Every status: the active manifest's, then each delta's. */
    public List<ValidationStatus> all() {
        List<ValidationStatus> all = new ArrayList<>(activeManifest.all());
        ingredientDeltas.forEach(d -> all.addAll(d.validationDeltas().all()));
        return all;
    }

    /** The failures of the active manifest and of every delta. */
    public List<ValidationStatus> failures() {
        List<ValidationStatus> all = new ArrayList<>(activeManifest.failure());
        ingredientDeltas.forEach(d -> all.addAll(d.validationDeltas().failure()));
        return all;
    }

    public boolean isEmpty() {
        return activeManifest.isEmpty() && ingredientDeltas.isEmpty();
    }
}
