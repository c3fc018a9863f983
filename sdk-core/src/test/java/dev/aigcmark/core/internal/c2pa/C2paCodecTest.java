package dev.aigcmark.core.internal.c2pa;

import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.Verifier;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.mark.C2paManifest;
import dev.aigcmark.core.report.MarkFinding;
import dev.aigcmark.core.report.StatusCodes;
import dev.aigcmark.core.report.TrustState;
import dev.aigcmark.core.trust.TrustRegistry;
import dev.aigcmark.core.trust.TrustedPlatform;
import dev.aigcmark.testing.TestContexts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The codec in a {@link Verifier}: trust comes from explicit anchors or from the platform registry (a
 * development platform never makes a manifest trusted), and the signer is named by the registry when it knows it.
 */
class C2paCodecTest {
    @TempDir
    static Path tmp;
    private static Path marked;
    private static TestIdentity dev;

    @BeforeAll
    static void mark() throws Exception {
        dev = TestIdentity.create(tmp.resolve("home"));
        marked = tmp.resolve("marked.png");
        SdkContext ctx = TestContexts.builder().handlers(List.of(new PngFixtureHandler())).trustAnchors(dev.roots()).build();
        try (MediaInput in = MediaInput.of(C2paWriterTest.png(tmp, "in.png"))) {
            new C2paWriter(ctx).write(new PngFixtureHandler(), in, marked, C2paWriter.Request.of(dev.identity()));
        }
    }

    private static MarkFinding verify(SdkContext.Builder b) {
        SdkContext ctx = b.handlers(List.of(new PngFixtureHandler())).codecs(List.of(new C2paCodec())).build();
        List<MarkFinding> f = new Verifier(ctx).verify(marked).findings(C2paManifest.class);
        assertThat(f).hasSize(1);
        return f.get(0);
    }

    private static TrustedPlatform platform(boolean development) {
        return new TrustedPlatform("example", "Example Platform", List.of(), List.of(), dev.roots(), Optional.empty(), development);
    }

    @Test
    void withoutAnchorsTheManifestIsValidAndUntrusted() {
        MarkFinding f = verify(TestContexts.builder());
        assertThat(f.state()).isEqualTo(TrustState.VALID);
        assertThat(f.hasStatus(StatusCodes.SIGNING_CREDENTIAL_UNTRUSTED)).isTrue();
        assertThat(f.signer()).contains("C2PA signer");
    }

    @Test
    void aRegistryPlatformMakesItTrustedAndNamesTheSigner() {
        MarkFinding f = verify(TestContexts.builder().trust(TrustRegistry.empty().with(platform(false))));
        assertThat(f.state()).isEqualTo(TrustState.TRUSTED);
        assertThat(f.signer()).isEqualTo("Example Platform");
    }

    @Test
    void aDevelopmentPlatformInTheRegistryIsNotTrusted() {
        MarkFinding f = verify(TestContexts.builder().trust(TrustRegistry.empty().with(platform(true))));
        assertThat(f.state()).isEqualTo(TrustState.VALID);
    }
}
