package dev.aigcmark.core.internal.c2pa.binding;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigcmark.core.io.MediaInput;

import java.io.IOException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code c2pa.hash.data}: one hash over the whole asset minus {@code exclusions} ({@code [{start, length}]}),
 * which cover the manifest store's container.
 */
public final class DataHash {
    public static final String LABEL = "c2pa.hash.data";
    /** Far more than any container needs (JPEG splits a store into a few segments, all in one range). */
    static final int MAX_EXCLUSIONS = 1000;

    private DataHash() {
    }

    /** An exclusion as written in the assertion. */
    public record Exclusion(long start, long length) {
    }

    /** Hashes {@code in} minus {@code exclusions}; empty result means the algorithm is unsupported. */
    public static byte[] compute(MediaInput in, String alg, List<Exclusion> exclusions) throws IOException {
        MessageDigest md = AssetHasher.digest(alg).orElseThrow(() -> new IOException("unsupported hash algorithm " + alg));
        List<ByteRanges.Range> ranges = new ArrayList<>();
        for (Exclusion e : exclusions) {
            ranges.add(new ByteRanges.Range(e.start(), e.start() + e.length()));
        }
        AssetHasher.update(md, in, 0, in.size(), ByteRanges.merge(ranges));
        return md.digest();
    }

    /** The exclusions of a parsed assertion; malformed entries give an exception with the reason. */
    public static List<Exclusion> exclusions(JsonNode assertion) throws IOException {
        List<Exclusion> list = new ArrayList<>();
        JsonNode ex = assertion.get("exclusions");
        if (ex == null || ex.isNull()) {
            return list;
        }
        if (!ex.isArray()) {
            throw new IOException("exclusions is not an array");
        }
        if (ex.size() > MAX_EXCLUSIONS) {
            throw new IOException(ex.size() + " exclusions (limit " + MAX_EXCLUSIONS + ")");
        }
        for (JsonNode e : ex) {
            if (!e.path("start").canConvertToLong() || !e.path("length").canConvertToLong()) {
                throw new IOException("exclusion without start/length");
            }
            long s = e.get("start").asLong();
            long l = e.get("length").asLong();
            if (s < 0 || l < 0) {
                throw new IOException("negative exclusion");
            }
            list.add(new Exclusion(s, l));
        }
        return list;
    }
}
