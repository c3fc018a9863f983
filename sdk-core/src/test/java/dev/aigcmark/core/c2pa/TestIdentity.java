package dev.aigcmark.core.c2pa;

import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.identity.IdentityStore;
import dev.aigcmark.core.identity.PlatformIdentity;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Base64;
import java.util.List;

/**
 * The development identity as {@code aigc} creates it, with its root CA written to {@code root.pem} so the
 * reference reader can be given it as trust anchor.
 */
public record TestIdentity(PlatformIdentity identity, List<X509Certificate> roots, Path rootPem) {

    public static TestIdentity create(Path home) throws Exception {
        PlatformIdentity id = IdentityStore.loadOrCreateDevelopment(home, Clock.systemUTC());
        List<X509Certificate> roots = IdentityStore.caCertificates(home);
        StringBuilder pem = new StringBuilder();
        for (X509Certificate c : roots) {
            pem.append("-----BEGIN CERTIFICATE-----\n")
                    .append(Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(c.getEncoded()))
                    .append("\n-----END CERTIFICATE-----\n");
        }
        Path rootPem = home.resolve("root.pem");
        Files.writeString(rootPem, pem);
        return new TestIdentity(id, roots, rootPem);
    }

    public CoseSigner signer() {
        return CoseSigner.of(identity.c2paSigner());
    }

    /** Handlers and codecs from the class path, the development root as the only trust anchor. */
    public SdkContext context() {
        return SdkContext.builder().trustAnchors(roots).build();
    }
}
