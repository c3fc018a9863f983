package dev.aigcmark.core.c2pa;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigcmark.core.c2pa.binding.AssetHasher;
import dev.aigcmark.core.c2pa.manifest.HashedUri;
import dev.aigcmark.core.c2pa.manifest.Manifest;
import dev.aigcmark.core.c2pa.manifest.ManifestStore;
import dev.aigcmark.core.c2pa.validation.ValidationLog;
import dev.aigcmark.core.report.StatusCodes;

import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Ingredients as the specification validates them (ingredient assertions v1 to v3, claims v1 and v2): each
 * ingredient that has a manifest of its own gets that manifest checked against the hashed URI the ingredient
 * assertion holds ({@code c2pa_manifest}, v3 {@code activeManifest}), then its claim signature, certificate and
 * assertions (not its hard binding: that bound an earlier asset), then its own ingredients. Statuses are logged
 * under the ingredient assertion's URI, so they become that ingredient's delta. Traversal follows the reference:
 * a manifest reached twice is validated each time, its ingredients only the first time; depth and the number
 * of manifest validations are bounded so a hostile store cannot make the work explode.
 */
final class IngredientCheck {
    static final int MAX_DEPTH = 200;
    static final int MAX_VALIDATIONS = 1_000;
    private static final String INPUT_TO = "inputTo";

    private final ManifestStore store;
    private final SignatureCheck signatures;
    private final Map<String, SignatureInfo> signers = new LinkedHashMap<>();
    private final Set<String> expanded = new HashSet<>();
    private int validations;

    IngredientCheck(ManifestStore store, SignatureCheck signatures) {
        this.store = store;
        this.signatures = signatures;
    }

    /** {@code c2pa.ingredient}, {@code c2pa.ingredient.v2}, {@code c2pa.ingredient.v3}, with instance suffixes. */
    static boolean isIngredient(String label) {
        return C2paValidator.baseLabel(label).startsWith("c2pa.ingredient");
    }

    /** 1, 2 or 3, from the assertion's label. */
    static int version(String label) {
        String base = C2paValidator.baseLabel(label);
        return base.endsWith(".v3") ? 3 : base.endsWith(".v2") ? 2 : 1;
    }

    /** The hashed URI of the ingredient's own manifest: v3 {@code activeManifest}, else {@code c2pa_manifest}. */
    static Optional<HashedUri> manifestReference(JsonNode ingredient) {
        return HashedUri.from(ingredient.get("activeManifest")).or(() -> HashedUri.from(ingredient.get("c2pa_manifest")));
    }

    /** The signatures of the ingredient manifests validated, by manifest label (first validation wins). */
    Map<String, SignatureInfo> signers() {
        return Map.copyOf(signers);
    }

    /**
     * Before anything else the reference walks every manifest the active one leads to and reports each one
     * missing from the store under the active manifest itself; the ingredient's delta reports it again.
     */
    void reportMissing(Manifest active, ValidationLog log) {
        Set<String> seen = new HashSet<>();
        walkMissing(active, log, seen, 0);
    }

    private void walkMissing(Manifest m, ValidationLog log, Set<String> seen, int depth) {
        if (!seen.add(m.label()) || depth > MAX_DEPTH) {
            return;
        }
        for (HashedUri ref : m.claim().assertions()) {
            if (!isIngredient(ref.label())) {
                continue;
            }
            Optional<HashedUri> target = m.assertionData(ref.label()).flatMap(IngredientCheck::manifestReference);
            if (target.isEmpty()) {
                continue;
            }
            String label = targetLabel(target.get());
            Optional<Manifest> found = store.manifest(label);
            if (found.isEmpty()) {
                log.failure(StatusCodes.INGREDIENT_MANIFEST_MISSING, label, "ingredient manifest missing");
            } else {
                walkMissing(found.get(), log, seen, depth + 1);
            }
        }
    }

    /** Validates the ingredients of {@code claim} and, recursively, theirs. */
    void check(Manifest claim, ValidationLog log) {
        expanded.add(claim.label());
        walk(claim, log, 0);
    }

    private void walk(Manifest claim, ValidationLog log, int depth) {
        for (HashedUri ref : claim.claim().assertions()) {
            if (!isIngredient(ref.label())) {
                continue;
            }
            String uri = C2paValidator.uri(claim, "c2pa.assertions/" + ref.label());
            Optional<JsonNode> data = claim.assertionData(ref.label());
            if (data.isEmpty()) {
                if (!zeroed(claim, ref.label())) {
                    log.failure(StatusCodes.INGREDIENT_MALFORMED, uri, "ingredient assertion could not be parsed");
                }
                continue; // an ingredient zeroed out on purpose (redaction) is skipped, as the reference does
            }
            JsonNode ingredient = data.get();
            if (INPUT_TO.equals(ingredient.path("relationship").asText())) {
                continue; // the reference does not validate inputTo ingredients
            }
            log.pushIngredient(uri);
            try {
                checkOne(ingredient, ref.label(), uri, log, depth);
            } finally {
                log.popIngredient();
            }
        }
    }

    private void checkOne(JsonNode ingredient, String label, String uri, ValidationLog log, int depth) {
        Optional<HashedUri> target = manifestReference(ingredient);
        if (target.isEmpty()) {
            log.info(StatusCodes.INGREDIENT_UNKNOWN_PROVENANCE, uri,
                    ingredient.path("dc:title").asText("no title") + ": ingredient does not have provenance");
            return;
        }
        if (version(label) >= 3 && !ingredient.has("validationResults")) {
            log.failure(StatusCodes.INGREDIENT_MALFORMED, uri, "ingredient V3 must have validation results");
        }
        String targetLabel = targetLabel(target.get());
        Optional<Manifest> found = store.manifest(targetLabel);
        if (found.isEmpty()) {
            log.failure(StatusCodes.INGREDIENT_MANIFEST_MISSING, targetLabel, "ingredient not found");
            return;
        }
        if (++validations > MAX_VALIDATIONS) {
            log.failure(StatusCodes.CLAIM_MALFORMED, uri, "more than " + MAX_VALIDATIONS
                    + " ingredient manifest validations: the rest are not checked");
            return;
        }
        Manifest m = found.get();
        checkManifestHash(target.get(), m, log);
        SignatureInfo signer = signatures.check(m, log);
        signers.putIfAbsent(m.label(), signer);
        AssertionCheck.check(store, m, log);
        ActionCheck.check(m, log);
        if (depth < MAX_DEPTH && expanded.add(m.label())) {
            walk(m, log, depth + 1);
        }
    }

    /**
     * The ingredient assertion's hash of the manifest: over the manifest superbox's contents (spec 1.1+), or,
     * as files written before spec 1.3 have it, over the claim's CBOR. Only the first form is reported as
     * validated, as the reference reports it; a legacy match is silent.
     */
    private void checkManifestHash(HashedUri target, Manifest m, ValidationLog log) {
        String alg = target.alg() != null ? target.alg() : m.claim().alg();
        if (AssetHasher.digest(alg).isEmpty()) {
            log.failure(StatusCodes.ALGORITHM_UNSUPPORTED, target.url(), "hash algorithm " + alg);
            return;
        }
        if (Arrays.equals(AssetHasher.hash(alg, m.box().contents()), target.hash())) {
            log.success(StatusCodes.INGREDIENT_MANIFEST_VALIDATED, target.url(), "ingredient hash matched");
        } else if (!Arrays.equals(AssetHasher.hash(alg, m.claim().raw()), target.hash())) {
            log.failure(StatusCodes.INGREDIENT_MANIFEST_MISMATCH, target.url(), "ingredient hash incorrect");
        }
    }

    /** The label of the manifest a reference names: {@code self#jumbf=/c2pa/LABEL}, else the text itself. */
    private static String targetLabel(HashedUri target) {
        return ManifestStore.manifestLabel(target.url()).orElse(target.url());
    }

    private static boolean zeroed(Manifest m, String label) {
        return m.assertion(label).flatMap(b -> b.content("cbor").or(() -> b.content("json")))
                .map(b -> {
                    for (byte x : b.contents()) {
                        if (x != 0) {
                            return false;
                        }
                    }
                    return true;
                }).orElse(false);
    }
}
