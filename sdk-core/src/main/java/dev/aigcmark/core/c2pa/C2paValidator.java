package dev.aigcmark.core.c2pa;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.c2pa.binding.AssetHasher;
import dev.aigcmark.core.c2pa.binding.BmffHash;
import dev.aigcmark.core.c2pa.binding.DataHash;
import dev.aigcmark.core.c2pa.cose.CertificateProfile;
import dev.aigcmark.core.c2pa.cose.CoseAlgorithm;
import dev.aigcmark.core.c2pa.cose.CoseSign1;
import dev.aigcmark.core.c2pa.cose.Timestamp;
import dev.aigcmark.core.c2pa.cose.TrustChain;
import dev.aigcmark.core.c2pa.jumbf.JumbfBox;
import dev.aigcmark.core.c2pa.manifest.HashedUri;
import dev.aigcmark.core.c2pa.manifest.Manifest;
import dev.aigcmark.core.c2pa.manifest.ManifestStore;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.mark.C2paManifest;
import dev.aigcmark.core.report.Status;
import dev.aigcmark.core.report.TrustState;
import dev.aigcmark.core.spi.Carrier;
import dev.aigcmark.core.trust.TrustPolicy;
import dev.aigcmark.core.trust.TrustedPlatform;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Validates a C2PA manifest store against its asset the way the reference implementation does: claim
 * signature and certificate (profile, validity at the context's clock, trust), every hashed URI, the hard
 * binding of the active manifest, and the manifests of its ingredients. Problems become status codes,
 * spelled as the specification spells them; nothing here throws for a malformed store.
 */
public final class C2paValidator {
    /** More assertion references or hash exclusions than any real manifest has: refused, not processed. */
    static final int MAX_REFERENCES = 10_000;
    private final SdkContext context;

    public C2paValidator(SdkContext context) {
        this.context = context;
    }

    /** Validates a store a handler found: its bytes, and where its container sits for the exclusion check. */
    public C2paValidation validate(Carrier carrier, MediaInput asset) {
        return validate(carrier.data(), asset, carrier.location(), carrier.offset(), carrier.length());
    }

    /** Validates {@code store} (the JUMBF bytes) found in {@code asset}, container position unknown. */
    public C2paValidation validate(byte[] store, MediaInput asset, String carrier) {
        return validate(store, asset, carrier, -1, -1);
    }

    /**
     * Validates {@code store} found in {@code asset}; when {@code containerOffset} is known, a data hash must
     * exclude exactly that container (the reference insists, so a store moved or duplicated elsewhere fails).
     */
    public C2paValidation validate(byte[] store, MediaInput asset, String carrier, long containerOffset, long containerLength) {
        ManifestStore ms;
        try {
            ms = ManifestStore.parse(store, context.limits());
        } catch (C2paFormatException e) {
            return unreadable(carrier, null, e);
        }
        Manifest active;
        try {
            active = ms.active();
        } catch (C2paFormatException e) {
            return unreadable(carrier, ms.activeLabel(), e);
        }
        List<Status> statuses = new ArrayList<>();
        List<X509Certificate> chain = checkSignature(active, statuses);
        X509Certificate leaf = chain.isEmpty() ? null : chain.get(0);
        checkAssertions(ms, active, statuses);
        checkHardBinding(active, asset, containerOffset, containerLength, statuses);
        CawgIdentity.check(active, context, statuses);
        List<Status> ingredientStatuses = new ArrayList<>();
        List<String> ingredientTitles = checkIngredients(ms, active, ingredientStatuses);
        TrustState state = state(statuses, ingredientStatuses);
        C2paManifest mark = ManifestSummary.describe(carrier, active, ingredientTitles, leaf);
        return new C2paValidation(mark, statuses, ingredientStatuses, state, chain);
    }

    private C2paValidation unreadable(String carrier, String label, C2paFormatException e) {
        Status s = Status.failure(e.statusCode(), e.getMessage());
        C2paManifest mark = new C2paManifest(carrier, label == null ? "" : label, 0, "", null, List.of(), java.util.Map.of());
        return new C2paValidation(mark, List.of(s), List.of(), TrustState.INVALID, List.of());
    }

    /**
     * Invalid when the active manifest has a failure other than an untrusted signer or a CAWG identity
     * problem; Trusted when its signer is trusted and nothing failed anywhere (ingredients included);
     * Valid otherwise. This matches the reference's verdicts on its own fixtures.
     */
    static TrustState state(List<Status> active, List<Status> ingredients) {
        boolean invalid = active.stream().filter(Status::isFailure)
                .anyMatch(s -> !s.code().equals(C2paStatus.SIGNING_CREDENTIAL_UNTRUSTED) && !s.code().startsWith("cawg."));
        if (invalid) {
            return TrustState.INVALID;
        }
        boolean anyFailure = active.stream().anyMatch(Status::isFailure) || ingredients.stream().anyMatch(Status::isFailure);
        boolean trusted = active.stream().anyMatch(s -> s.code().equals(C2paStatus.SIGNING_CREDENTIAL_TRUSTED));
        return trusted && !anyFailure ? TrustState.TRUSTED : TrustState.VALID;
    }

    /** Signature, certificate profile, validity and trust; returns the x5chain (leaf first), empty when unreadable. */
    List<X509Certificate> checkSignature(Manifest m, List<Status> out) {
        String url = uri(m, "c2pa.signature");
        CoseSign1 cose;
        try {
            cose = CoseSign1.parse(m.signature());
        } catch (C2paFormatException e) {
            out.add(failure(e.statusCode(), e.getMessage(), url));
            return List.of();
        }
        Optional<CoseAlgorithm> alg = cose.algorithm();
        if (alg.isEmpty()) {
            out.add(failure(C2paStatus.ALGORITHM_UNSUPPORTED, "unknown or missing signature algorithm (header 1 = "
                    + cose.algorithmHeader() + ")", url));
            return List.of();
        }
        List<X509Certificate> chain;
        try {
            chain = cose.certificates();
        } catch (C2paFormatException e) {
            out.add(failure(e.statusCode(), e.getMessage(), url));
            return List.of();
        }
        X509Certificate leaf = chain.get(0);
        // With a verified time-stamp the certificate is judged when the signature was made, not now.
        Timestamp.Result tst = Timestamp.check(cose, m.claim().raw());
        boolean signatureOk = cose.verify(alg.get(), leaf, m.claim().raw());
        if (tst.time().isPresent() && signatureOk) {
            out.add(success(C2paStatus.TIMESTAMP_VALIDATED, "timestamp message digest matched: " + tst.tsaName(), url));
            tst.tsaProfileProblem().ifPresent(p -> out.add(failure(C2paStatus.SIGNING_CREDENTIAL_INVALID,
                    "time-stamp authority certificate: " + p, url)));
        } else if (tst.present()) {
            out.add(Status.info(C2paStatus.TIMESTAMP_MISMATCH, (tst.problem() != null ? tst.problem() : "signature invalid")
                    + " (" + url + ")"));
        }
        Date now = tst.time().filter(t -> signatureOk).orElse(Date.from(context.clock().instant()));
        Optional<String> profile = CertificateProfile.problem(leaf);
        boolean inTime = CertificateProfile.validAt(leaf, now);
        List<X509Certificate> anchors = anchors();
        Optional<X509Certificate> anchor = TrustChain.anchorFor(chain, anchors, now);
        if (anchor.isPresent()) {
            out.add(success(C2paStatus.SIGNING_CREDENTIAL_TRUSTED, "signing certificate chains to " + subject(anchor.get()), url));
        } else {
            out.add(failure(C2paStatus.SIGNING_CREDENTIAL_UNTRUSTED, "signing certificate untrusted: " + subject(leaf), url));
        }
        if (profile.isPresent()) {
            out.add(failure(C2paStatus.SIGNING_CREDENTIAL_INVALID, profile.get(), url));
        }
        if (!inTime) {
            out.add(failure(C2paStatus.SIGNING_CREDENTIAL_EXPIRED, "signing certificate not valid at " + now.toInstant()
                    + " (valid " + leaf.getNotBefore().toInstant() + " to " + leaf.getNotAfter().toInstant() + ")", url));
        }
        if (signatureOk) {
            if (inTime && profile.isEmpty()) {
                out.add(success(C2paStatus.CLAIM_SIGNATURE_INSIDE_VALIDITY, "claim signature valid", url));
            }
            out.add(success(C2paStatus.CLAIM_SIGNATURE_VALIDATED, "claim signature valid (" + alg.get() + ")", url));
        } else {
            out.add(failure(C2paStatus.CLAIM_SIGNATURE_MISMATCH, "claim signature does not verify (" + alg.get() + ")", url));
        }
        out.add(Status.info(C2paStatus.OCSP_SKIPPED, "revocation not checked (offline) (" + url + ")"));
        return chain;
    }

    /** The registry's platforms (never development ones) and the anchors given, as the trust policy lists them. */
    private List<X509Certificate> anchors() {
        return TrustPolicy.of(context).c2paAnchors();
    }

    /** Every assertion the claim lists must exist and hash to what the claim says. */
    void checkAssertions(ManifestStore ms, Manifest m, List<Status> out) {
        if (!m.claim().map().path("alg").isTextual()) {
            // The reference refuses such a claim outright ("UnknownAlgorithm"); we report it and go on.
            out.add(failure(C2paStatus.ALGORITHM_UNSUPPORTED, "the claim names no hash algorithm", uri(m, m.claimBox().label())));
        } else if (AssetHasher.digest(m.claim().alg()).isEmpty()) {
            out.add(failure(C2paStatus.ALGORITHM_UNSUPPORTED, "claim hash algorithm " + m.claim().alg(), uri(m, m.claimBox().label())));
        }
        if (m.claim().malformedReferences() > 0) {
            out.add(failure(C2paStatus.CLAIM_MALFORMED, m.claim().malformedReferences() + " assertion reference(s) unreadable",
                    uri(m, m.claimBox().label())));
        }
        List<HashedUri> refs = m.claim().assertions();
        if (refs.size() > MAX_REFERENCES) {
            out.add(failure(C2paStatus.CLAIM_MALFORMED, "the claim lists " + refs.size() + " assertions (limit "
                    + MAX_REFERENCES + ")", uri(m, m.claimBox().label())));
            return;
        }
        // The same box listed many times is hashed once: a hostile claim cannot multiply the work.
        java.util.Map<String, byte[]> hashes = new java.util.HashMap<>();
        for (HashedUri ref : refs) {
            String url = ManifestStore.manifestLabel(ref.url()).isPresent() ? ref.url() : uri(m, ref.path());
            Optional<JumbfBox> box = ms.resolve(m, ref.url());
            if (box.isEmpty()) {
                out.add(failure(C2paStatus.ASSERTION_MISSING, "assertion not found: " + ref.url(), url));
                continue;
            }
            String alg = ref.alg() != null ? ref.alg() : m.claim().alg();
            if (AssetHasher.digest(alg).isEmpty()) {
                out.add(failure(C2paStatus.ALGORITHM_UNSUPPORTED, "hash algorithm " + alg, url));
                continue;
            }
            JumbfBox target = box.get();
            byte[] actual = hashes.computeIfAbsent(alg + "@" + target.start(), k -> AssetHasher.hash(alg, target.contents()));
            if (Arrays.equals(actual, ref.hash())) {
                out.add(success(C2paStatus.HASHED_URI_MATCH, "hashed uri matched: " + ref.url(), url));
            } else {
                out.add(failure(C2paStatus.HASHED_URI_MISMATCH, "hash does not match: " + ref.url(), url));
            }
        }
    }

    /** The active manifest's hard binding (data hash or BMFF hash) against the asset bytes. */
    void checkHardBinding(Manifest m, MediaInput asset, long containerOffset, long containerLength, List<Status> out) {
        boolean found = false;
        int checkedBindings = 0;
        for (HashedUri ref : m.claim().assertions()) {
            String label = baseLabel(ref.label());
            boolean data = label.equals(DataHash.LABEL);
            boolean bmff = label.equals(BmffHash.LABEL_V1) || label.equals(BmffHash.LABEL_V2) || label.equals(BmffHash.LABEL_V3);
            if (!data && !bmff) {
                continue;
            }
            found = true;
            String url = uri(m, "c2pa.assertions/" + ref.label());
            if (checkedBindings++ > 0) {
                continue; // one hard binding is checked; a claim repeating it many times cannot multiply the work
            }
            Optional<JsonNode> a = m.assertionData(ref.label());
            if (a.isEmpty()) {
                out.add(failure(data ? C2paStatus.DATA_HASH_MALFORMED : C2paStatus.BMFF_HASH_MALFORMED, "hard binding unreadable", url));
                continue;
            }
            JsonNode node = a.get();
            String alg = node.path("alg").isTextual() ? node.get("alg").asText() : m.claim().alg();
            try {
                byte[] expected = node.path("hash").binaryValue();
                if (expected == null) {
                    throw new IOException("no hash");
                }
                if (data) {
                    List<DataHash.Exclusion> exclusions = DataHash.exclusions(node);
                    if (containerOffset >= 0 && exclusions.stream().noneMatch(e -> e.start() == containerOffset
                            && e.length() >= containerLength)) {
                        out.add(failure(C2paStatus.DATA_HASH_MISMATCH, "data hash exclusion does not match the manifest location "
                                + containerOffset + "+" + containerLength + " in the asset", url));
                        continue;
                    }
                    byte[] actual = DataHash.compute(asset, alg, exclusions);
                    out.add(Arrays.equals(actual, expected)
                            ? success(C2paStatus.DATA_HASH_MATCH, "data hash valid", url)
                            : failure(C2paStatus.DATA_HASH_MISMATCH, "asset bytes do not match the data hash", url));
                } else {
                    if (node.has("merkle")) {
                        out.add(failure(C2paStatus.BMFF_HASH_MISMATCH, "fragmented (Merkle) BMFF hashes are not supported", url));
                        continue;
                    }
                    int version = label.equals(BmffHash.LABEL_V3) ? 3 : label.equals(BmffHash.LABEL_V2) ? 2 : 1;
                    if (BmffHash.hasAdditionalExclusions(node)) {
                        out.add(Status.info(C2paStatus.BMFF_ADDITIONAL_EXCLUSIONS, "extra BMFF hash exclusion(s) found (" + url + ")"));
                    }
                    byte[] actual = BmffHash.compute(asset, node, version, alg, context.limits());
                    out.add(Arrays.equals(actual, expected)
                            ? success(C2paStatus.BMFF_HASH_MATCH, "BMFF hash valid", url)
                            : failure(C2paStatus.BMFF_HASH_MISMATCH, "asset boxes do not match the BMFF hash", url));
                }
            } catch (IOException e) {
                out.add(failure(data ? C2paStatus.DATA_HASH_MALFORMED : C2paStatus.BMFF_HASH_MALFORMED, e.getMessage(), url));
            }
        }
        if (!found) {
            out.add(failure(C2paStatus.HARD_BINDINGS_MISSING, "the claim has no hard binding", uri(m, m.claimBox().label())));
        }
    }

    /**
     * Validates the manifest each ingredient assertion points to (signature, trust, hashed URIs; not the
     * hard binding, which bound an earlier asset). Statuses the ingredient assertion already recorded are
     * left out, as the reference does. Returns the ingredients' titles.
     */
    List<String> checkIngredients(ManifestStore ms, Manifest active, List<Status> out) {
        List<String> titles = new ArrayList<>();
        for (HashedUri ref : active.claim().assertions()) {
            if (!baseLabel(ref.label()).startsWith("c2pa.ingredient")) {
                continue;
            }
            Optional<JsonNode> ing = active.assertionData(ref.label());
            if (ing.isEmpty()) {
                continue;
            }
            JsonNode node = ing.get();
            titles.add(node.path("dc:title").asText(ref.label()));
            JsonNode target = node.has("activeManifest") ? node.get("activeManifest") : node.get("c2pa_manifest");
            Optional<HashedUri> manifestRef = HashedUri.from(target);
            if (manifestRef.isEmpty()) {
                continue; // no provenance: nothing to validate
            }
            Optional<String> label = ManifestStore.manifestLabel(manifestRef.get().url());
            Optional<Manifest> ingredient = label.flatMap(ms::manifest);
            String url = manifestRef.get().url();
            if (ingredient.isEmpty() || ingredient.get() == active) {
                out.add(failure(C2paStatus.INGREDIENT_MANIFEST_MISSING, "ingredient manifest not in the store: " + url, url));
                continue;
            }
            List<Status> found = new ArrayList<>();
            Manifest im = ingredient.get();
            String alg = manifestRef.get().alg() != null ? manifestRef.get().alg() : active.claim().alg();
            byte[] actual = AssetHasher.digest(alg).isPresent() ? AssetHasher.hash(alg, im.box().contents()) : new byte[0];
            found.add(Arrays.equals(actual, manifestRef.get().hash())
                    ? success(C2paStatus.INGREDIENT_MANIFEST_VALIDATED, "ingredient hash matched", url)
                    : failure(C2paStatus.INGREDIENT_MANIFEST_MISMATCH, "ingredient manifest hash does not match", url));
            checkSignature(im, found);
            checkAssertions(ms, im, found);
            Set<String> recorded = recordedCodes(node);
            for (Status s : found) {
                if (!recorded.contains(s.code())) {
                    out.add(s);
                }
            }
        }
        return titles;
    }

    /** Failure codes an ingredient assertion recorded when it was made (v1/v2 validationStatus, v3 validationResults). */
    private static Set<String> recordedCodes(JsonNode ingredient) {
        Set<String> codes = new LinkedHashSet<>();
        ingredient.path("validationStatus").forEach(s -> codes.add(s.path("code").asText()));
        JsonNode results = ingredient.path("validationResults").path("activeManifest");
        results.path("failure").forEach(s -> codes.add(s.path("code").asText()));
        return codes;
    }

    /** An assertion label without its instance suffix ({@code c2pa.ingredient__1} -> {@code c2pa.ingredient}). */
    static String baseLabel(String label) {
        int i = label.indexOf("__");
        return i < 0 ? label : label.substring(0, i);
    }

    static String uri(Manifest m, String path) {
        return HashedUri.PREFIX + "/c2pa/" + m.label() + "/" + path;
    }

    static String subject(X509Certificate c) {
        return c.getSubjectX500Principal().getName();
    }

    static Status success(String code, String message, String url) {
        return Status.success(code, message + " (" + url + ")");
    }

    static Status failure(String code, String message, String url) {
        return Status.failure(code, message + " (" + url + ")");
    }
}
