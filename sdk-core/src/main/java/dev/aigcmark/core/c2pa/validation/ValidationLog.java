package dev.aigcmark.core.c2pa.validation;

import dev.aigcmark.core.report.Severity;
import dev.aigcmark.core.report.StatusCode;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Collects statuses in the order validation finds them. While an ingredient's manifest is being validated
 * its assertion URI is pushed, so each status remembers which ingredient it belongs to (the reference's
 * ingredient deltas) and the active manifest's own statuses stay apart. Not thread-safe: one per validation.
 */
public final class ValidationLog {
    private final List<ValidationStatus> entries = new ArrayList<>();
    private final Deque<String> ingredients = new ArrayDeque<>();

    public void success(StatusCode code, String url, String explanation) {
        add(code, Severity.SUCCESS, url, explanation);
    }

    public void info(StatusCode code, String url, String explanation) {
        add(code, Severity.INFORMATIONAL, url, explanation);
    }

    public void failure(StatusCode code, String url, String explanation) {
        add(code, Severity.FAILURE, url, explanation);
    }

    private void add(StatusCode code, Severity severity, String url, String explanation) {
        entries.add(new ValidationStatus(code, severity, url, explanation, ingredients.peek()));
    }

    /** From now on statuses belong to the ingredient assertion at {@code uri}, until {@link #popIngredient()}. */
    public void pushIngredient(String uri) {
        ingredients.push(uri);
    }

    public void popIngredient() {
        ingredients.pop();
    }

    /** How deep in ingredients the validation is (0 = the active manifest). */
    public int depth() {
        return ingredients.size();
    }

    public List<ValidationStatus> entries() {
        return List.copyOf(entries);
    }
}
