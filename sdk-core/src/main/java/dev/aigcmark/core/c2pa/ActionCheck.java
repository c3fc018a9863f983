package dev.aigcmark.core.c2pa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.aigcmark.core.c2pa.manifest.HashedUri;
import dev.aigcmark.core.c2pa.manifest.Manifest;
import dev.aigcmark.core.c2pa.validation.ValidationLog;
import dev.aigcmark.core.report.StatusCodes;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The rules a claim v2's actions follow (C2PA 2.x, checked as the reference checks them; v1 claims are not
 * held to them): the first actions assertion starts with {@code c2pa.created} or {@code c2pa.opened} and no
 * other action may be one of these; {@code c2pa.opened} names a {@code parentOf} ingredient of the claim,
 * {@code c2pa.placed} and {@code c2pa.removed} a {@code componentOf} one; {@code c2pa.transcoded} and
 * {@code c2pa.repackaged}, when they name an ingredient, a {@code parentOf} one.
 */
final class ActionCheck {
    private static final String CREATED = "c2pa.created";
    private static final String OPENED = "c2pa.opened";
    private static final Set<String> NEED_INGREDIENTS = Set.of(OPENED, "c2pa.placed", "c2pa.removed");
    private static final Set<String> PARENT_IF_NAMED = Set.of("c2pa.transcoded", "c2pa.repackaged");

    private ActionCheck() {
    }

    static void check(Manifest m, ValidationLog log) {
        if (m.claim().version() < 2) {
            return;
        }
        List<HashedUri> all = actionAssertions(m.claim().assertions());
        for (HashedUri ref : all) {
            if (m.assertionData(ref.label()).map(a -> a.path("actions").isArray() && a.get("actions").isEmpty()).orElse(false)) {
                log.failure(StatusCodes.ACTION_MALFORMED, uri(m, ref), "Actions missing action array");
                return;
            }
        }
        Optional<HashedUri> first = firstActions(m, actionAssertions(m.claim().createdAssertions()))
                .or(() -> firstActions(m, actionAssertions(m.claim().gatheredAssertions())));
        if (first.isEmpty() && !m.isUpdate()) {
            log.failure(StatusCodes.ACTION_MALFORMED, m.label(), "first action must be created or opened");
        }
        for (int index = 0; index < all.size(); index++) {
            HashedUri ref = all.get(index);
            JsonNode actions = m.assertionData(ref.label()).map(a -> a.path("actions")).orElse(MissingNode.getInstance());
            for (JsonNode action : actions) {
                checkAction(m, ref, index, first, action, log);
            }
        }
    }

    private static void checkAction(Manifest m, HashedUri ref, int index, Optional<HashedUri> first, JsonNode action,
                                    ValidationLog log) {
        String name = action.path("action").asText("");
        String url = uri(m, ref);
        boolean inception = name.equals(CREATED) || name.equals(OPENED);
        if (name.isEmpty()) {
            log.failure(StatusCodes.ACTION_MALFORMED, url, "action must have an action.");
        }
        if (inception && first.isPresent() && !first.get().url().equals(ref.url())) {
            log.failure(StatusCodes.ACTION_MALFORMED, url, "only first action can be created or opened");
        }
        if (inception && index != 0) {
            log.failure(StatusCodes.ACTION_MALFORMED, url, "created or opened must be first action");
        }
        JsonNode params = action.get("parameters");
        if (NEED_INGREDIENTS.contains(name)) {
            if (params == null || !params.isObject()) {
                log.failure(StatusCodes.ACTION_INGREDIENT_MISMATCH, url, "opened, placed and removed items must have parameters");
                return;
            }
            if (!params.has("ingredients") && !params.has("ingredient")) {
                log.failure(StatusCodes.ACTION_INGREDIENT_MISMATCH, url,
                        "opened, placed and removed items must have ingredient(s) parameters");
                return;
            }
            if (params.has("ingredients") && (!params.get("ingredients").isArray() || params.get("ingredients").isEmpty())) {
                log.failure(StatusCodes.ACTION_INGREDIENT_MISMATCH, url,
                        "opened, placed and removed items must have ingredients parameter must be non empty array");
            }
            String relationship = name.equals(OPENED) ? "parentOf" : "componentOf";
            if (!namesIngredient(m, params, relationship)) {
                log.failure(StatusCodes.ACTION_INGREDIENT_MISMATCH, url, name.equals(OPENED)
                        ? "opened must have valid ingredient with ParentOf relationship"
                        : "action must have valid ingredient with ComponentOf relationship");
            }
        } else if (PARENT_IF_NAMED.contains(name) && params != null && (params.has("ingredient") || params.has("ingredients"))
                && !namesIngredient(m, params, "parentOf")) {
            log.failure(StatusCodes.ACTION_INGREDIENT_MISMATCH, url, "action must have valid ingredient with ParentOf relationship");
        }
    }

    /** Whether the action's {@code ingredient} or {@code ingredients} name an ingredient assertion of the claim with this relationship. */
    private static boolean namesIngredient(Manifest m, JsonNode params, String relationship) {
        List<JsonNode> refs = new ArrayList<>();
        if (params.has("ingredient")) {
            refs.add(params.get("ingredient"));
        } else {
            params.path("ingredients").forEach(refs::add);
        }
        for (JsonNode r : refs) {
            Optional<HashedUri> h = HashedUri.from(r);
            if (h.isEmpty()) {
                continue;
            }
            String label = h.get().label();
            boolean listed = m.claim().assertions().stream().anyMatch(a -> a.label().equals(label));
            if (listed && IngredientCheck.isIngredient(label) && m.assertionData(label)
                    .map(i -> relationship.equals(i.path("relationship").asText())).orElse(false)) {
                return true;
            }
        }
        return false;
    }

    private static Optional<HashedUri> firstActions(Manifest m, List<HashedUri> actions) {
        if (actions.isEmpty()) {
            return Optional.empty();
        }
        HashedUri ref = actions.get(0);
        String first = m.assertionData(ref.label()).map(a -> a.path("actions").path(0).path("action").asText("")).orElse("");
        return first.equals(CREATED) || first.equals(OPENED) ? Optional.of(ref) : Optional.empty();
    }

    private static List<HashedUri> actionAssertions(List<HashedUri> refs) {
        return refs.stream().filter(r -> ManifestSummary.isActions(C2paValidator.baseLabel(r.label()))).toList();
    }

    private static String uri(Manifest m, HashedUri ref) {
        return C2paValidator.uri(m, "c2pa.assertions/" + ref.label());
    }
}
