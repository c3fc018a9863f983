package dev.aigcmark.core.internal.c2pa.manifest;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * A parsed claim (v1 {@code c2pa.claim} or v2 {@code c2pa.claim.v2}) with the raw CBOR it was read from,
 * which is what the signature covers.
 */
public record Claim(int version, JsonNode map, byte[] raw) {

    public String alg() {
        return map.path("alg").isTextual() ? map.get("alg").asText() : "sha256";
    }

    /** v1 {@code claim_generator}, or v2 {@code claim_generator_info} name (and version). */
    public String generator() {
        if (map.path("claim_generator").isTextual()) {
            return map.get("claim_generator").asText();
        }
        JsonNode info = map.get("claim_generator_info");
        if (info != null && info.isArray() && !info.isEmpty()) {
            info = info.get(0);
        }
        if (info != null && info.isObject()) {
            String name = info.path("name").asText("");
            String v = info.path("version").asText("");
            return v.isEmpty() ? name : name + "/" + v;
        }
        return "";
    }

    public String title() {
        return map.path("dc:title").asText(null);
    }

    public String signatureUrl() {
        return map.path("signature").asText("");
    }

    /** Every assertion the claim lists: v1 {@code assertions}; v2 {@code created_assertions} then {@code gathered_assertions}. */
    public List<HashedUri> assertions() {
        List<HashedUri> list = new ArrayList<>();
        for (String key : version >= 2 ? List.of("created_assertions", "gathered_assertions") : List.of("assertions")) {
            JsonNode arr = map.get(key);
            if (arr != null && arr.isArray()) {
                arr.forEach(n -> HashedUri.from(n).ifPresent(list::add));
            }
        }
        return list;
    }

    /** The assertions the claim generator made itself: v2 {@code created_assertions}; every assertion of a v1 claim. */
    public List<HashedUri> createdAssertions() {
        return version >= 2 ? references("created_assertions") : assertions();
    }

    /** v2 {@code gathered_assertions} (assertions taken from elsewhere); none in a v1 claim. */
    public List<HashedUri> gatheredAssertions() {
        return version >= 2 ? references("gathered_assertions") : List.of();
    }

    private List<HashedUri> references(String key) {
        List<HashedUri> list = new ArrayList<>();
        JsonNode arr = map.get(key);
        if (arr != null && arr.isArray()) {
            arr.forEach(n -> HashedUri.from(n).ifPresent(list::add));
        }
        return list;
    }

    /** How many assertion entries could not be read as hashed URIs (malformed references). */
    public int malformedReferences() {
        int n = 0;
        for (String key : List.of("assertions", "created_assertions", "gathered_assertions")) {
            JsonNode arr = map.get(key);
            if (arr != null && arr.isArray()) {
                for (JsonNode e : arr) {
                    if (HashedUri.from(e).isEmpty()) {
                        n++;
                    }
                }
            }
        }
        return n;
    }
}
