package dev.aigcmark.core.c2pa;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigcmark.core.c2pa.manifest.HashedUri;
import dev.aigcmark.core.c2pa.manifest.Manifest;
import dev.aigcmark.core.mark.C2paManifest;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Turns an active manifest into the {@link C2paManifest} mark reports show: actions, source type, soft bindings. */
final class ManifestSummary {
    private ManifestSummary() {
    }

    static C2paManifest describe(String carrier, Manifest m, List<String> ingredients, X509Certificate leaf) {
        List<String> actions = new ArrayList<>();
        String sourceType = null;
        Map<String, Object> details = new LinkedHashMap<>();
        for (HashedUri ref : m.claim().assertions()) {
            String base = C2paValidator.baseLabel(ref.label());
            if (base.equals("c2pa.actions") || base.equals("c2pa.actions.v2")) {
                Optional<JsonNode> data = m.assertionData(ref.label());
                if (data.isEmpty()) {
                    continue;
                }
                for (JsonNode a : data.get().path("actions")) {
                    String action = a.path("action").asText("");
                    actions.add(action);
                    String dst = a.path("digitalSourceType").asText(null);
                    if (dst != null && (sourceType == null || action.equals("c2pa.created"))) {
                        sourceType = dst.strip();
                    }
                }
            } else if (base.equals("c2pa.soft-binding")) {
                softBinding(m, ref.label()).ifPresent(sb -> details.put("softBinding", sb));
            }
        }
        String title = m.claim().title();
        if (title != null) {
            details.put("title", title);
        }
        if (!ingredients.isEmpty()) {
            details.put("ingredients", List.copyOf(ingredients));
        }
        if (leaf != null) {
            details.put("signerSubject", leaf.getSubjectX500Principal().getName());
        }
        return new C2paManifest(carrier, m.label(), m.claim().version(), m.claim().generator(), sourceType, actions, details);
    }

    /** {@code {alg, value}} of the first soft-binding block, the value in hex (the watermark payload). */
    static Optional<Map<String, Object>> softBinding(Manifest m, String label) {
        return m.assertionData(label).flatMap(n -> {
            JsonNode block = n.path("blocks").path(0);
            byte[] value = value(block.get("value"));
            if (value == null) {
                return Optional.empty();
            }
            Map<String, Object> sb = new LinkedHashMap<>();
            sb.put("alg", n.path("alg").asText(""));
            sb.put("value", HexFormat.of().formatHex(value));
            return Optional.of(sb);
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
