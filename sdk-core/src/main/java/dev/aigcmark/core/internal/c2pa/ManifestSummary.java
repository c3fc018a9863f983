package dev.aigcmark.core.internal.c2pa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.aigcmark.core.internal.c2pa.manifest.HashedUri;
import dev.aigcmark.core.internal.c2pa.manifest.Manifest;
import dev.aigcmark.core.internal.c2pa.manifest.ManifestStore;
import dev.aigcmark.core.mark.C2paManifest;
import dev.aigcmark.core.mark.SoftBinding;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Turns an active manifest into the {@link C2paManifest} mark reports show: actions, source type, soft bindings. */
final class ManifestSummary {
    private ManifestSummary() {
    }

    static C2paManifest describe(String carrier, ManifestStore store, Manifest m, X509Certificate leaf,
                                 List<IdentityAssertion> identities) {
        List<String> actions = new ArrayList<>();
        Map<String, Object> details = new LinkedHashMap<>();
        Optional<SoftBinding> softBinding = Optional.empty();
        for (HashedUri ref : m.claim().assertions()) {
            String base = C2paValidator.baseLabel(ref.label());
            if (isActions(base)) {
                m.assertionData(ref.label()).ifPresent(data -> data.path("actions")
                        .forEach(a -> actions.add(a.path("action").asText(""))));
            } else if (base.equals("c2pa.soft-binding") && softBinding.isEmpty()) {
                softBinding = softBinding(m, ref.label());
            }
        }
        String title = m.claim().title();
        if (title != null) {
            details.put("title", title);
        }
        List<String> ingredients = ingredientTitles(m);
        if (!ingredients.isEmpty()) {
            details.put("ingredients", ingredients);
        }
        if (leaf != null) {
            details.put("signerSubject", leaf.getSubjectX500Principal().getName());
        }
        if (!identities.isEmpty()) {
            details.put("identities", identities.stream().map(ManifestSummary::identity).toList());
        }
        return new C2paManifest(carrier, m.label(), m.claim().version(), m.claim().generator(), ownSourceType(m),
                SourceTypes.inherited(store, m).orElse(null), actions, softBinding, details);
    }

    static boolean isActions(String baseLabel) {
        return baseLabel.equals("c2pa.actions") || baseLabel.equals("c2pa.actions.v2");
    }

    /**
     * The digital source type a manifest's own actions declare: that of its {@code c2pa.created} action, else
     * the first any action carries; null when none does.
     */
    static String ownSourceType(Manifest m) {
        String sourceType = null;
        for (HashedUri ref : m.claim().assertions()) {
            if (!isActions(C2paValidator.baseLabel(ref.label()))) {
                continue;
            }
            for (JsonNode a : m.assertionData(ref.label()).map(d -> d.path("actions")).orElse(MissingNode.getInstance())) {
                String dst = a.path("digitalSourceType").asText(null);
                if (dst != null && (sourceType == null || a.path("action").asText("").equals("c2pa.created"))) {
                    sourceType = dst.strip();
                }
            }
        }
        return sourceType;
    }

    private static List<String> ingredientTitles(Manifest m) {
        List<String> titles = new ArrayList<>();
        for (HashedUri ref : m.claim().assertions()) {
            if (IngredientCheck.isIngredient(ref.label())) {
                m.assertionData(ref.label()).ifPresent(n -> titles.add(n.path("dc:title").asText(ref.label())));
            }
        }
        return titles;
    }

    private static Map<String, Object> identity(IdentityAssertion id) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sigType", id.sigType());
        id.name().ifPresent(n -> m.put("name", n));
        id.subject().ifPresent(n -> m.put("subject", n));
        m.put("signatureValid", id.signatureValid());
        m.put("trusted", id.trusted());
        return m;
    }

    /** The algorithm and the value of the assertion's first soft-binding block (for ours, the watermark payload). */
    static Optional<SoftBinding> softBinding(Manifest m, String label) {
        return m.assertionData(label).flatMap(n -> {
            byte[] value = value(n.path("blocks").path(0).get("value"));
            return value == null ? Optional.empty() : Optional.of(new SoftBinding(n.path("alg").asText(""), value));
        });
    }

    /** A soft-binding value: an array of byte values (as the reference writes it), a byte string, or base64 text. */
    static byte[] value(JsonNode v) {
        try {
            if (v == null) {
                return null;
            }
            if (v.isBinary()) {
                return v.binaryValue();
            }
            if (v.isTextual()) {
                return Base64.getDecoder().decode(v.asText());
            }
            if (v.isArray() && v.size() <= 4096) {
                byte[] out = new byte[v.size()];
                for (int i = 0; i < out.length; i++) {
                    JsonNode b = v.get(i);
                    if (!b.canConvertToInt() || b.asInt() < 0 || b.asInt() > 255) {
                        return null;
                    }
                    out[i] = (byte) b.asInt();
                }
                return out;
            }
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
        return null;
    }
}
