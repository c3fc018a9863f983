package dev.aigcmark.core.internal.c2pa;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.Verifier;
import dev.aigcmark.core.identity.IdentityStore;
import dev.aigcmark.core.identity.PlatformIdentity;
import dev.aigcmark.core.mark.C2paManifest;
import dev.aigcmark.core.report.MarkFinding;
import dev.aigcmark.core.report.TrustState;
import dev.aigcmark.core.trust.TrustRegistry;
import dev.aigcmark.core.trust.TrustedPlatform;
import dev.aigcmark.testing.TestContexts;
import dev.aigcmark.testing.TestSeed;

import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

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
        return TestContexts.builder().trustAnchors(roots).build();
    }

    /**
     * A context that marks as this identity and trusts it (its root as anchor, its platform in the trust registry),
     * with {@link TestContexts#LIMITS} and the ids and salts marking draws from the test seed's stream {@code purpose}
     * (a test class's name: the same draws whether the class runs alone or in the suite).
     */
    public SdkContext trustingContext(String purpose) {
        return SdkContext.builder().limits(TestContexts.LIMITS).identity(identity).trustAnchors(roots)
                .random(TestSeed.randomSource(purpose))
                .trust(TrustRegistry.empty().with(TrustedPlatform.of(identity))).build();
    }

    /** The reference (this identity's root as anchor) and our verifier both find {@code file}'s manifest Trusted, without a failure. */
    public void assertBothTrust(Path file) throws IOException {
        JsonNode reference = C2paPeer.read(file, rootPem);
        assertThat(reference.path("validation_state").asText()).as(reference.toString())
                .isEqualTo("Trusted");
        assertThat(C2paPeer.allFailures(reference)).isEmpty();
        List<MarkFinding> ours = new Verifier(context()).verify(file)
                .findings(C2paManifest.class);
        assertThat(ours).hasSize(1);
        assertThat(ours.get(0).state()).as("%s", ours.get(0).statuses())
                .isEqualTo(TrustState.TRUSTED);
    }
}
