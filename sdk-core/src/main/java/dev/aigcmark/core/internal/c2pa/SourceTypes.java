package dev.aigcmark.core.internal.c2pa;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigcmark.core.internal.c2pa.manifest.HashedUri;
import dev.aigcmark.core.internal.c2pa.manifest.Manifest;
import dev.aigcmark.core.internal.c2pa.manifest.ManifestStore;
import dev.aigcmark.core.label.DigitalSourceType;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * What a manifest's ingredients say about where the content came from. A ChatGPT picture's active manifest
 * records a conversion, and its parent ingredient's manifest records the {@code c2pa.created} action with
 * {@code trainedAlgorithmicMedia}: the picture is AI-generated. Rules, applied over the ingredient tree
 * (ingredient v3 assertions may also carry {@code digitalSourceType} themselves):
 * <ul>
 *   <li>a {@code parentOf} ingredient passes its source type on unchanged (an edit of AI output is AI output);</li>
 *   <li>a {@code componentOf} ingredient made by generative AI makes the result
 *       {@code compositeWithTrainedAlgorithmicMedia};</li>
 *   <li>{@code inputTo} ingredients (prompts, reference images) pass nothing on;</li>
 *   <li>generative AI wins over any other type found; otherwise the parent's type is reported.</li>
 * </ul>
 */
final class SourceTypes {
    private static final int MAX_DEPTH = 50;

    private SourceTypes() {
    }

    /** The source type the ingredients of {@code m} pass on, if any says one. */
    static Optional<String> inherited(ManifestStore store, Manifest m) {
        return Optional.ofNullable(inherited(store, m, new HashSet<>(Set.of(m.label())), 0));
    }

    private static String inherited(ManifestStore store, Manifest m, Set<String> seen, int depth) {
        String parent = null;
        String composite = null;
        for (HashedUri ref : m.claim().assertions()) {
            if (!IngredientCheck.isIngredient(ref.label())) {
                continue;
            }
            Optional<JsonNode> ingredient = m.assertionData(ref.label());
            if (ingredient.isEmpty()) {
                continue;
            }
            String relationship = ingredient.get().path("relationship").asText("componentOf");
            if (relationship.equals("inputTo")) {
                continue;
            }
            String type = declared(store, ingredient.get(), seen, depth);
            if (type == null) {
                continue;
            }
            if (relationship.equals("parentOf")) {
                parent = better(parent, type);
            } else if (DigitalSourceType.isGenerativeAi(type)) {
                composite = DigitalSourceType.COMPOSITE_WITH_TRAINED_ALGORITHMIC_MEDIA;
            }
        }
        return DigitalSourceType.isGenerativeAi(parent) || composite == null ? parent : composite;
    }

    /** The ingredient's own type (v3 field), else its manifest's actions, else what that manifest inherits. */
    private static String declared(ManifestStore store, JsonNode ingredient, Set<String> seen, int depth) {
        if (ingredient.path("digitalSourceType").isTextual()) {
            return ingredient.get("digitalSourceType").asText().strip();
        }
        Optional<Manifest> manifest = IngredientCheck.manifestReference(ingredient)
                .flatMap(r -> ManifestStore.manifestLabel(r.url())).flatMap(store::manifest);
        if (manifest.isEmpty() || depth >= MAX_DEPTH || !seen.add(manifest.get().label())) {
            return null;
        }
        String own = ManifestSummary.ownSourceType(manifest.get());
        String passed = inherited(store, manifest.get(), seen, depth + 1);
        return DigitalSourceType.isGenerativeAi(own) || passed == null ? (own != null ? own : passed) : passed;
    }

    private static String better(String current, String candidate) {
        if (current == null || (!DigitalSourceType.isGenerativeAi(current) && DigitalSourceType.isGenerativeAi(candidate))) {
            return candidate;
        }
        return current;
    }
}
