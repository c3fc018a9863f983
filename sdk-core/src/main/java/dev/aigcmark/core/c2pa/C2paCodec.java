package dev.aigcmark.core.c2pa;

import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.c2pa.cose.TrustChain;
import dev.aigcmark.core.report.MarkFinding;
import dev.aigcmark.core.report.Status;
import dev.aigcmark.core.report.VerificationReport;
import dev.aigcmark.core.spi.Carrier;
import dev.aigcmark.core.spi.CarrierType;
import dev.aigcmark.core.spi.Container;
import dev.aigcmark.core.spi.MarkCodec;
import dev.aigcmark.core.trust.TrustedPlatform;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

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

    /**
     * The registry platform's name when the signer belongs to one (its leaf or a certificate its chain leads
     * to is listed), else the leaf's common name.
     */
    static Optional<String> signer(List<X509Certificate> chain, SdkContext context) {
        if (chain.isEmpty()) {
            return Optional.empty();
        }
        X509Certificate leaf = chain.get(0);
        java.util.Date now = java.util.Date.from(context.clock().instant());
        for (TrustedPlatform p : context.trust().platforms()) {
            if (p.certificates().contains(leaf) || TrustChain.anchorFor(chain, p.certificates(), now).isPresent()) {
                return Optional.of(p.displayName());
            }
        }
        return context.trust().findBySigningKey(leaf.getPublicKey()).map(TrustedPlatform::displayName)
                .or(() -> Optional.of(commonName(leaf)));
    }

    static String commonName(X509Certificate cert) {
        String dn = cert.getSubjectX500Principal().getName();
        try {
            for (Rdn rdn : new LdapName(dn).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return rdn.getValue().toString();
                }
            }
        } catch (InvalidNameException e) {
            return dn;
        }
        return dn;
    }
}
