package dev.aigcmark.core.c2pa;

import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.identity.IdentityStore;
import dev.aigcmark.core.identity.PlatformIdentity;
import dev.aigcmark.testing.TestSeed;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;

/**
 * The development identity as {@code aigc} creates it, with its root CA written to {@code root.pem} so the
 * reference reader can be given it as trust anchor.
 */
public record TestIdentity(PlatformIdentity identity, List<X509Certificate> roots, Path rootPem) {

    public static TestIdentity create(Path home) throws Exception {
        PlatformIdentity id = IdentityStore.loadOrCreateDevelopment(home, Clock.systemUTC(),
                TestSeed.randomSource("TestIdentity"));
        List<X509Certificate> roots = IdentityStore.caCertificates(home);
        Path rootPem = TestKeys.writePem(roots, home.resolve("root.pem"));
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
