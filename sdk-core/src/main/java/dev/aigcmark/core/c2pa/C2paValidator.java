package dev.aigcmark.core.c2pa;

import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.c2pa.manifest.HashedUri;
import dev.aigcmark.core.c2pa.manifest.Manifest;
import dev.aigcmark.core.c2pa.manifest.ManifestStore;
import dev.aigcmark.core.c2pa.validation.ValidationLog;
import dev.aigcmark.core.c2pa.validation.ValidationResults;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.mark.C2paManifest;
import dev.aigcmark.core.report.StatusCodes;
import dev.aigcmark.core.report.TrustState;
import dev.aigcmark.core.spi.Carrier;
import dev.aigcmark.core.trust.TrustPolicy;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Validates a C2PA manifest store against its asset the way the reference implementation does: the active
 * manifest's claim signature and certificate ({@link SignatureCheck}), every hashed URI ({@link AssertionCheck}),
 * its hard binding ({@link HardBindingCheck}), CAWG identities, and the manifests of its ingredients
 * ({@link IngredientCheck}). Statuses an ingredient assertion already recorded are left out of the deltas
 * ({@link RecordedStatuses}), and {@link C2paStateRule} turns what is left into the state. Problems become
 * status codes, spelled as the specification spells them; nothing here throws for a malformed store.
 */
public final class C2paValidator {
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
            return unreadable(carrier, null, e, Optional.empty());
        }
        Manifest active;
        try {
            active = ms.active();
        } catch (C2paFormatException e) {
            return unreadable(carrier, ms.activeLabel(), e, Optional.of(ms));
        }
        ValidationLog log = new ValidationLog();
        SignatureCheck signatures = new SignatureCheck(anchors(), context.tsaAnchors(), context.clock().instant());
        IngredientCheck ingredients = new IngredientCheck(ms, signatures);
        ingredients.reportMissing(active, log);
        SignatureInfo signature = signatures.check(active, log);
        AssertionCheck.check(ms, active, log);
        ActionCheck.check(active, log);
        HardBindingCheck.check(bindingManifest(ms, active), asset, containerOffset, containerLength, context.limits(), log);
        List<IdentityAssertion> identities = CawgIdentity.check(active, context, log);
        ingredients.check(active, log);
        ValidationResults results = ValidationResults.filtered(log.entries(), RecordedStatuses.of(ms),
                url -> ManifestStore.manifestLabel(url).filter(active.label()::equals).isPresent());
        TrustState state = C2paStateRule.state(results);
        C2paManifest mark = ManifestSummary.describe(carrier, ms, active, signature.signer().orElse(null), identities);
        return new C2paValidation(mark, results, state, Optional.of(signature), ingredients.signers(), identities,
                Optional.of(ms), context.clock().instant());
    }

    /**
     * A store the asset references but that could not be read ({@code manifest.inaccessible}): remote and not
     * fetched, or fetching failed.
     */
    public C2paValidation inaccessible(String url, String explanation) {
        ValidationLog log = new ValidationLog();
        log.failure(StatusCodes.MANIFEST_INACCESSIBLE, url, explanation);
        ValidationResults results = ValidationResults.of(log.entries());
        C2paManifest mark = new C2paManifest("remote " + url, "", 0, "", null, null, List.of(), Map.of("remoteManifest", url));
        return new C2paValidation(mark, results, C2paStateRule.state(results), Optional.empty(), Map.of(), List.of(),
                Optional.empty(), context.clock().instant());
    }

    private C2paValidation unreadable(String carrier, String label, C2paFormatException e, Optional<ManifestStore> ms) {
        ValidationLog log = new ValidationLog();
        log.failure(e.statusCode(), label == null ? null : HashedUri.PREFIX + "/c2pa/" + label, e.getMessage());
        ValidationResults results = ValidationResults.of(log.entries());
        C2paManifest mark = new C2paManifest(carrier, label == null ? "" : label, 0, "", null, null, List.of(), Map.of());
        return new C2paValidation(mark, results, C2paStateRule.state(results), Optional.empty(), Map.of(), List.of(), ms,
                context.clock().instant());
    }

    /**
     * The manifest whose hard binding covers the asset: the active one, or for an update manifest (which has no
     * hard binding of its own) the parent it updates.
     */
    private static Manifest bindingManifest(ManifestStore ms, Manifest active) {
        if (!active.isUpdate()) {
            return active;
        }
        for (HashedUri ref : active.claim().assertions()) {
            if (IngredientCheck.isIngredient(ref.label())) {
                Optional<Manifest> parent = active.assertionData(ref.label())
                        .filter(i -> "parentOf".equals(i.path("relationship").asText()))
                        .flatMap(IngredientCheck::manifestReference)
                        .flatMap(r -> ManifestStore.manifestLabel(r.url())).flatMap(ms::manifest);
                if (parent.isPresent()) {
                    return parent.get();
                }
            }
        }
        return active;
    }

    /** The registry's platforms (never development ones) and the anchors given, as the trust policy lists them. */
    private List<X509Certificate> anchors() {
        return TrustPolicy.of(context).c2paAnchors();
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
}
