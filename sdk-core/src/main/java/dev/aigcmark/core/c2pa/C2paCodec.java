package dev.aigcmark.core.c2pa;

import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.report.MarkFinding;
import dev.aigcmark.core.report.Status;
import dev.aigcmark.core.report.VerificationReport;
import dev.aigcmark.core.spi.Carrier;
import dev.aigcmark.core.spi.CarrierType;
import dev.aigcmark.core.spi.Container;
import dev.aigcmark.core.spi.MarkCodec;
import dev.aigcmark.core.trust.TrustPolicy;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads every C2PA manifest store the handler found ({@link CarrierType#JUMBF} carriers) and validates it
 * against the container's bytes: one {@code C2paManifest} finding per store with its state and the C2PA
 * status codes verbatim. Statuses of ingredient manifests follow, their messages prefixed with
 * {@code ingredient:} (the reference reports them apart, as ingredient deltas).
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
        C2paValidator validator = new C2paValidator(context);
        for (Carrier carrier : container.carriers(CarrierType.JUMBF)) {
            C2paValidation v = validator.validate(carrier, container.input());
            List<Status> statuses = new ArrayList<>(v.active());
            statuses.addAll(v.ingredients());
            report.mark(new MarkFinding(v.manifest(), v.state(), signer(v.chain(), context).orElse(null), statuses));
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
