package dev.aigcmark.core.internal.c2pa.manifest;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A C2PA hashed URI: a JUMBF URI ({@code self#jumbf=c2pa.assertions/c2pa.hash.data}, relative to the manifest,
 * or absolute from {@code /c2pa}) and the hash of the referenced box's contents.
 *
 * @param url  the JUMBF URI
 * @param hash the expected hash
 * @param alg  the hash algorithm named here, or null to use the claim's
 */
public record HashedUri(String url, byte[] hash, String alg) {
    public static final String PREFIX = "self#jumbf=";

    /** Reads {@code {url, hash, alg?}} from CBOR (byte string hash) or JSON (base64 hash). */
    public static Optional<HashedUri> from(JsonNode node) {
        if (node == null || !node.isObject() || !node.path("url").isTextual()) {
            return Optional.empty();
        }
        JsonNode h = node.get("hash");
        byte[] hash;
        try {
            if (h == null) {
                return Optional.empty();
            } else if (h.isBinary()) {
                hash = h.binaryValue();
            } else if (h.isTextual()) {
                hash = Base64.getDecoder().decode(h.asText());
            } else {
                return Optional.empty();
            }
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
        String alg = node.path("alg").isTextual() ? node.get("alg").asText() : null;
        return Optional.of(new HashedUri(node.get("url").asText(), hash, alg));
    }

    /** The path after {@code self#jumbf=}. */
    public String path() {
        return url.startsWith(PREFIX) ? url.substring(PREFIX.length()) : url;
    }

    /** The last path element: the assertion label for an assertion reference. */
    public String label() {
        String p = path();
        return p.substring(p.lastIndexOf('/') + 1);
    }

    /** The CBOR map form, for writing. */
    public Map<String, Object> toCbor() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("url", url);
        if (alg != null) {
            m.put("alg", alg);
        }
        m.put("hash", hash);
        return m;
    }
}
