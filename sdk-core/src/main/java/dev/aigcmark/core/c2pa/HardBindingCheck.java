package dev.aigcmark.core.c2pa;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.c2pa.binding.BmffHash;
import dev.aigcmark.core.c2pa.binding.DataHash;
import dev.aigcmark.core.c2pa.manifest.HashedUri;
import dev.aigcmark.core.c2pa.manifest.Manifest;
import dev.aigcmark.core.c2pa.validation.ValidationLog;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.report.StatusCode;
import dev.aigcmark.core.report.StatusCodes;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The hard binding of the manifest that binds the asset (data hash or BMFF hash) against the asset's bytes.
 * When the store's position in the asset is known (an embedded store), a data hash must exclude exactly that
 * container, as the reference insists: a store moved or duplicated elsewhere fails.
 */
final class HardBindingCheck {
    private HardBindingCheck() {
    }

    static void check(Manifest m, MediaInput asset, long containerOffset, long containerLength, ReadLimits limits,
                      ValidationLog log) {
        boolean found = false;
        for (HashedUri ref : m.claim().assertions()) {
            String label = C2paValidator.baseLabel(ref.label());
            boolean data = label.equals(DataHash.LABEL);
            boolean bmff = label.equals(BmffHash.LABEL_V1) || label.equals(BmffHash.LABEL_V2) || label.equals(BmffHash.LABEL_V3);
            if (!data && !bmff) {
                continue;
            }
            if (found) {
                continue; // one hard binding is checked; a claim repeating it many times cannot multiply the work
            }
            found = true;
            String url = C2paValidator.uri(m, "c2pa.assertions/" + ref.label());
            StatusCode malformed = data ? StatusCodes.DATA_HASH_MALFORMED : StatusCodes.BMFF_HASH_MALFORMED;
            Optional<JsonNode> a = m.assertionData(ref.label());
            if (a.isEmpty()) {
                log.failure(malformed, url, "hard binding unreadable");
                continue;
            }
            try {
                if (data) {
                    dataHash(a.get(), m, asset, containerOffset, containerLength, url, log);
                } else {
                    bmffHash(a.get(), m, label, asset, limits, url, log);
                }
            } catch (IOException e) {
                log.failure(malformed, url, e.getMessage());
            }
        }
        if (!found) {
            log.failure(StatusCodes.HARD_BINDINGS_MISSING, C2paValidator.uri(m, m.claimBox().label()), "the claim has no hard binding");
        }
    }

    private static void dataHash(JsonNode node, Manifest m, MediaInput asset, long containerOffset, long containerLength,
                                 String url, ValidationLog log) throws IOException {
        byte[] expected = expectedHash(node);
        List<DataHash.Exclusion> exclusions = DataHash.exclusions(node);
        if (containerOffset >= 0 && exclusions.stream().noneMatch(e -> e.start() == containerOffset
                && e.length() >= containerLength)) {
            log.failure(StatusCodes.DATA_HASH_MISMATCH, url, "data hash exclusion does not match the manifest location "
                    + containerOffset + "+" + containerLength + " in the asset");
            return;
        }
        byte[] actual = DataHash.compute(asset, alg(node, m), exclusions);
        if (Arrays.equals(actual, expected)) {
            log.success(StatusCodes.DATA_HASH_MATCH, url, "data hash valid");
        } else {
            log.failure(StatusCodes.DATA_HASH_MISMATCH, url, "asset hash error: the asset's bytes do not match the data hash");
        }
    }

    private static void bmffHash(JsonNode node, Manifest m, String label, MediaInput asset, ReadLimits limits, String url,
                                 ValidationLog log) throws IOException {
        byte[] expected = expectedHash(node);
        if (node.has("merkle")) {
            log.failure(StatusCodes.BMFF_HASH_MISMATCH, url, "fragmented (Merkle) BMFF hashes are not supported");
            return;
        }
        int version = label.equals(BmffHash.LABEL_V3) ? 3 : label.equals(BmffHash.LABEL_V2) ? 2 : 1;
        if (BmffHash.hasAdditionalExclusions(node)) {
            log.info(StatusCodes.BMFF_ADDITIONAL_EXCLUSIONS, url, "extra BMFF hash exclusion(s) found");
        }
        byte[] actual = BmffHash.compute(asset, node, version, alg(node, m), limits);
        if (Arrays.equals(actual, expected)) {
            log.success(StatusCodes.BMFF_HASH_MATCH, url, "BMFF hash valid");
        } else {
            log.failure(StatusCodes.BMFF_HASH_MISMATCH, url, "asset hash error: the asset's boxes do not match the BMFF hash");
        }
    }

    private static byte[] expectedHash(JsonNode node) throws IOException {
        byte[] expected = node.path("hash").binaryValue();
        if (expected == null) {
            throw new IOException("no hash");
        }
        return expected;
    }

    private static String alg(JsonNode node, Manifest m) {
        return node.path("alg").isTextual() ? node.get("alg").asText() : m.claim().alg();
    }
}
