package dev.aigcmark.core.internal.c2pa;

import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.report.MarkFinding;
import dev.aigcmark.core.report.Status;
import dev.aigcmark.core.report.VerificationReport;
import dev.aigcmark.core.spi.Carrier;
import dev.aigcmark.core.spi.CarrierType;
import dev.aigcmark.core.spi.Container;
import dev.aigcmark.core.spi.MarkCodec;
import dev.aigcmark.core.trust.TrustPolicy;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads every C2PA manifest store of the asset (embedded, sidecar, or remote) and validates it against the
 * container's bytes: one {@code C2paManifest} finding per store with its state and the C2PA status codes
 * verbatim. Statuses of ingredient manifests follow, their messages prefixed with {@code ingredient:} (the
 * reference reports them apart, as ingredient deltas).
 */
public final class C2paCodec implements MarkCodec {

    @Override
    public String id() {
        return "c2pa";
    }

    @Override
    public int order() {
        return 30;
    }

    @Override
    public void verify(Container container, SdkContext context, VerificationReport.Builder report) {
        for (C2paValidation v : validations(container, context)) {
            List<Status> statuses = new ArrayList<>(v.active());
            statuses.addAll(v.ingredients());
            report.mark(new MarkFinding(v.manifest(), v.state(), signer(v.chain(), context).orElse(null), statuses));
        }
    }

    /**
     * Every manifest store the asset has, validated: the stores the handler found in it and beside it
     * (sidecar); without any, the store its XMP {@code dcterms:provenance} references, fetched only when the
     * context allows it and otherwise reported {@code manifest.inaccessible}.
     */
    public static List<C2paValidation> validations(Container container, SdkContext context) {
        C2paValidator validator = new C2paValidator(context);
        List<C2paValidation> out = new ArrayList<>();
        for (Carrier carrier : container.carriers(CarrierType.JUMBF)) {
            out.add(validator.validate(carrier, container.input()));
        }
        if (out.isEmpty()) {
            RemoteManifest.url(container, context).ifPresent(url -> out.add(remote(url, container, context, validator)));
        }
        return out;
    }

    private static C2paValidation remote(String url, Container container, SdkContext context, C2paValidator validator) {
        if (!context.fetchRemoteManifests()) {
            return validator.inaccessible(url, "the manifest is remote and fetching is off (offline verification)");
        }
        try {
            return validator.validate(RemoteManifest.fetch(url, context.limits().maxMetadataBytes()), container.input());
        } catch (IOException e) {
            return validator.inaccessible(url, "the remote manifest could not be fetched: " + e.getMessage());
        }
    }

    /** Who signed, as {@link TrustPolicy} names every signer: the registry platform's name, else the leaf's common name. */
    static Optional<String> signer(List<X509Certificate> chain, SdkContext context) {
        if (chain.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(TrustPolicy.of(context).certificateChain(chain).signer());
    }
}
