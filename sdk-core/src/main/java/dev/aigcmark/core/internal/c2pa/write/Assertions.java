package dev.aigcmark.core.internal.c2pa.write;

import dev.aigcmark.core.internal.c2pa.binding.BmffHash;
import dev.aigcmark.core.internal.c2pa.cbor.Cbor;
import dev.aigcmark.core.internal.c2pa.manifest.HashedUri;
import dev.aigcmark.core.label.DigitalSourceType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The CBOR of the assertions our writer makes, shaped as the reference builder shapes them. */
public final class Assertions {
    public static final String ACTIONS = "c2pa.actions.v2";
    public static final String SOFT_BINDING = "c2pa.soft-binding";
    public static final String INGREDIENT = "c2pa.ingredient.v3";

    private Assertions() {
    }

    /**
     * {@code c2pa.actions.v2}: {@code c2pa.created} (or {@code c2pa.opened} of the parent when re-marking) with the
     * digital source type and our software agent, then {@code c2pa.watermarked} when a watermark was embedded.
     */
    public static byte[] actions(Map<String, Object> softwareAgent, String digitalSourceType, HashedUri parent,
                                 boolean watermarked) {
        List<Object> actions = new ArrayList<>();
        Map<String, Object> first = new LinkedHashMap<>();
        first.put("action", parent == null ? "c2pa.created" : "c2pa.opened");
        first.put("softwareAgent", softwareAgent);
        first.put("digitalSourceType", digitalSourceType != null ? digitalSourceType : DigitalSourceType.TRAINED_ALGORITHMIC_MEDIA);
        if (parent != null) {
            first.put("parameters", Map.of("ingredients", List.of(parent.toCbor())));
        }
        actions.add(first);
        if (watermarked) {
            Map<String, Object> wm = new LinkedHashMap<>();
            wm.put("action", "c2pa.watermarked");
            wm.put("softwareAgent", softwareAgent);
            wm.put("description", "Invisible watermark embedded; its payload is recorded in c2pa.soft-binding");
            actions.add(wm);
        }
        return Cbor.encode(Map.of("actions", actions));
    }

    /**
     * {@code c2pa.soft-binding} with one block whose value is the watermark payload. The value is written as
     * an array of byte values, as the reference builder writes it, so every reader decodes it the same way.
     */
    public static byte[] softBinding(String alg, byte[] payload) {
        List<Object> value = new ArrayList<>();
        for (byte b : payload) {
            value.add(b & 0xFF);
        }
        Map<String, Object> block = new LinkedHashMap<>();
        block.put("scope", Map.of());
        block.put("value", value);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("alg", alg);
        m.put("blocks", List.of(block));
        m.put("pad", List.of());
        return Cbor.encode(m);
    }

    /** {@code c2pa.hash.data} excluding {@code [start, start+length)}, padded with {@code pad} zero bytes. */
    public static byte[] dataHash(long start, long length, byte[] hash, int pad) {
        Map<String, Object> ex = new LinkedHashMap<>();
        ex.put("start", start);
        ex.put("length", length);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("exclusions", List.of(ex));
        m.put("name", "jumbf manifest");
        m.put("alg", "sha256");
        m.put("hash", hash);
        m.put("pad", new byte[pad]);
        return Cbor.encode(m);
    }

    /** {@code c2pa.hash.bmff.v3} with the standard exclusions. */
    public static byte[] bmffHash(byte[] hash) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("exclusions", BmffHash.standardExclusions());
        m.put("alg", "sha256");
        m.put("hash", hash);
        m.put("name", "jumbf manifest");
        return Cbor.encode(m);
    }

    /**
     * {@code c2pa.ingredient.v3} for the manifest the asset carried before: a parent, referenced by its
     * manifest and signature boxes, with the validation results it had when we took it in.
     */
    public static byte[] parentIngredient(String title, String format, HashedUri activeManifest, HashedUri claimSignature,
                                          Map<String, Object> validationResults) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (title != null) {
            m.put("dc:title", title);
        }
        m.put("dc:format", format);
        m.put("relationship", "parentOf");
        m.put("activeManifest", activeManifest.toCbor());
        m.put("claimSignature", claimSignature.toCbor());
        m.put("validationResults", validationResults);
        return Cbor.encode(m);
    }
}
