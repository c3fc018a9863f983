package dev.aigcmark.core.internal.c2pa.binding;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.io.MediaInput;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code c2pa.hash.bmff} (v2, v3): the exclusions name boxes by path, optionally narrowed by data at an offset,
 * version, flags and subsets. The digest covers every byte not excluded and, before each top-level box not
 * wholly excluded, that box's file offset as a big-endian u64 (v2 and later), so moving boxes breaks it.
 */
public final class BmffHash {
    public static final String LABEL_V2 = "c2pa.hash.bmff.v2";
    public static final String LABEL_V3 = "c2pa.hash.bmff.v3";
    public static final String LABEL_V1 = "c2pa.hash.bmff";
    /** The C2PA uuid box's user type. */
    public static final byte[] C2PA_UUID = HexFormat.of().parseHex("D8FEC3D61B0E483C92975828877EC481");
    /** Exclusions every writer uses; anything beyond is reported as additional (informational). */
    private static final Set<String> STANDARD = Set.of("/uuid", "/ftyp", "/mfra");

    private BmffHash() {
    }

    /** The exclusion list our writer puts in a v3 assertion (the reference builder's list). */
    public static List<Map<String, Object>> standardExclusions() {
        Map<String, Object> dataMatch = new LinkedHashMap<>();
        dataMatch.put("offset", 8);
        dataMatch.put("value", C2PA_UUID);
        Map<String, Object> uuid = new LinkedHashMap<>();
        uuid.put("xpath", "/uuid");
        uuid.put("data", List.of(dataMatch));
        List<Map<String, Object>> list = new ArrayList<>();
        list.add(uuid);
        for (String p : List.of("/ftyp", "/mfra", "/free", "/skip")) {
            list.add(Map.of("xpath", p));
        }
        return list;
    }

    /** Whether the assertion excludes more than the uuid/ftyp/mfra every writer needs. */
    public static boolean hasAdditionalExclusions(JsonNode assertion) {
        for (JsonNode e : assertion.path("exclusions")) {
            if (!STANDARD.contains(e.path("xpath").asText())) {
                return true;
            }
        }
        return false;
    }

    /** Computes the hash of {@code in} as the assertion describes; {@code version} is 1, 2 or 3 (from the label). */
    public static byte[] compute(MediaInput in, JsonNode assertion, int version, String alg, ReadLimits limits) throws IOException {
        MessageDigest md = AssetHasher.digest(alg).orElseThrow(() -> new IOException("unsupported hash algorithm " + alg));
        List<BmffBoxes.Box> boxes = BmffBoxes.all(in, limits);
        List<ByteRanges.Range> excluded = new ArrayList<>();
        List<Long> wholeTopLevel = new ArrayList<>();
        JsonNode list = assertion.path("exclusions");
        if (list.size() > DataHash.MAX_EXCLUSIONS) {
            throw new IOException(list.size() + " exclusions (limit " + DataHash.MAX_EXCLUSIONS + ")");
        }
        for (JsonNode ex : list) {
            String xpath = ex.path("xpath").asText("");
            for (BmffBoxes.Box b : boxes) {
                if (!b.path().equals(xpath) || !matches(in, b, ex)) {
                    continue;
                }
                JsonNode subsets = ex.get("subset");
                if (subsets != null && subsets.isArray() && !subsets.isEmpty()) {
                    for (JsonNode s : subsets) {
                        long off = s.path("offset").asLong(0);
                        long len = s.path("length").asLong(0);
                        if (off > b.size()) {
                            continue;
                        }
                        long l = len == 0 ? b.size() - off : Math.min(len, b.size() - off);
                        excluded.add(new ByteRanges.Range(b.offset() + off, b.offset() + off + l));
                    }
                } else {
                    excluded.add(new ByteRanges.Range(b.offset(), b.end()));
                    if (b.topLevel()) {
                        wholeTopLevel.add(b.offset());
                    }
                }
            }
        }
        List<ByteRanges.Range> merged = ByteRanges.merge(excluded);
        for (BmffBoxes.Box b : boxes) {
            if (!b.topLevel() || wholeTopLevel.contains(b.offset())) {
                continue;
            }
            if (version >= 2) {
                md.update(ByteBuffer.allocate(8).putLong(b.offset()).array());
            }
            AssetHasher.update(md, in, b.offset(), b.end(), merged);
        }
        return md.digest();
    }

    private static boolean matches(MediaInput in, BmffBoxes.Box b, JsonNode ex) throws IOException {
        JsonNode length = ex.get("length");
        if (length != null && length.canConvertToLong() && length.asLong() != b.size()) {
            return false;
        }
        JsonNode version = ex.get("version");
        if (version != null && version.canConvertToInt() && b.version() >= 0 && version.asInt() != b.version()) {
            return false;
        }
        JsonNode flags = ex.get("flags");
        if (flags != null && flags.isBinary() && b.flags() >= 0) {
            byte[] f = flags.binaryValue();
            int want = f.length >= 3 ? ((f[0] & 0xFF) << 16) | ((f[1] & 0xFF) << 8) | (f[2] & 0xFF) : 0;
            boolean exact = !ex.has("exact") || ex.get("exact").asBoolean(true);
            if (exact ? want != b.flags() : (want | b.flags()) != want) {
                return false;
            }
        }
        JsonNode data = ex.get("data");
        if (data != null && data.isArray()) {
            for (JsonNode d : data) {
                byte[] value = d.path("value").isBinary() ? d.get("value").binaryValue() : new byte[0];
                long off = d.path("offset").asLong(0);
                if (off + value.length > b.size()) {
                    return false;
                }
                if (!Arrays.equals(value, in.readFully(b.offset() + off, value.length))) {
                    return false;
                }
            }
        }
        return true;
    }
}
