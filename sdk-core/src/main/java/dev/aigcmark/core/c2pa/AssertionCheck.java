package dev.aigcmark.core.c2pa;

import dev.aigcmark.core.c2pa.binding.AssetHasher;
import dev.aigcmark.core.c2pa.jumbf.JumbfBox;
import dev.aigcmark.core.c2pa.manifest.HashedUri;
import dev.aigcmark.core.c2pa.manifest.Manifest;
import dev.aigcmark.core.c2pa.manifest.ManifestStore;
import dev.aigcmark.core.c2pa.validation.ValidationLog;
import dev.aigcmark.core.report.StatusCodes;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every assertion a claim lists must exist and hash to what the claim says (its hashed URI). */
final class AssertionCheck {
    /** More assertion references than any real manifest has: refused, not processed. */
    static final int MAX_REFERENCES = 10_000;

    private AssertionCheck() {
    }

    static void check(ManifestStore ms, Manifest m, ValidationLog log) {
        String claimUrl = C2paValidator.uri(m, m.claimBox().label());
        if (!m.claim().map().path("alg").isTextual()) {
            // The reference refuses such a claim outright ("UnknownAlgorithm"); we report it and go on.
            log.failure(StatusCodes.ALGORITHM_UNSUPPORTED, claimUrl, "the claim names no hash algorithm");
        } else if (AssetHasher.digest(m.claim().alg()).isEmpty()) {
            log.failure(StatusCodes.ALGORITHM_UNSUPPORTED, claimUrl, "claim hash algorithm " + m.claim().alg());
        }
        if (m.claim().malformedReferences() > 0) {
            log.failure(StatusCodes.CLAIM_MALFORMED, claimUrl, m.claim().malformedReferences() + " assertion reference(s) unreadable");
        }
        List<HashedUri> refs = m.claim().assertions();
        if (refs.size() > MAX_REFERENCES) {
            log.failure(StatusCodes.CLAIM_MALFORMED, claimUrl, "the claim lists " + refs.size() + " assertions (limit "
                    + MAX_REFERENCES + ")");
            return;
        }
        // The same box listed many times is hashed once: a hostile claim cannot multiply the work.
        Map<String, byte[]> hashes = new HashMap<>();
        for (HashedUri ref : refs) {
            String url = ManifestStore.manifestLabel(ref.url()).isPresent() ? ref.url() : C2paValidator.uri(m, ref.path());
            Optional<JumbfBox> box = ms.resolve(m, ref.url());
            if (box.isEmpty()) {
                log.failure(StatusCodes.ASSERTION_MISSING, url, "assertion not found: " + ref.url());
                continue;
            }
            String alg = ref.alg() != null ? ref.alg() : m.claim().alg();
            if (AssetHasher.digest(alg).isEmpty()) {
                log.failure(StatusCodes.ALGORITHM_UNSUPPORTED, url, "hash algorithm " + alg);
                continue;
            }
            JumbfBox target = box.get();
            byte[] actual = hashes.computeIfAbsent(alg + "@" + target.start(), k -> AssetHasher.hash(alg, target.contents()));
            if (Arrays.equals(actual, ref.hash())) {
                log.success(StatusCodes.HASHED_URI_MATCH, url, "hashed uri matched: " + ref.url());
            } else {
                log.failure(StatusCodes.HASHED_URI_MISMATCH, url, "hash does not match assertion data: " + ref.url());
            }
        }
    }
}
