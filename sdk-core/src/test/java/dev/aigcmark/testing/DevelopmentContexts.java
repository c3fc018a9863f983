package dev.aigcmark.testing;

import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.identity.IdentityStore;
import dev.aigcmark.core.identity.PlatformIdentity;
import dev.aigcmark.core.trust.TrustRegistry;
import dev.aigcmark.core.trust.TrustedPlatform;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The context `aigc` itself builds for marking: the development identity (created under {@code home} on first
 * use) and a trust registry holding that identity's own entry, so what it marks verifies as VALID (a development
 * identity is never TRUSTED). Keys, nonces and ids follow from {@link TestSeed}.
 */
public final class DevelopmentContexts {
    private DevelopmentContexts() {
    }

    public static SdkContext marking(Path home) throws IOException {
        PlatformIdentity identity = IdentityStore.loadOrCreateDevelopment(home, Clock.systemUTC(),
                TestSeed.randomSource("DevelopmentContexts.identity"));
        return TestContexts.builder().identity(identity).random(TestSeed.randomSource("DevelopmentContexts.marker"))
                .trust(TrustRegistry.empty().with(TrustedPlatform.of(identity))).build();
    }
}
