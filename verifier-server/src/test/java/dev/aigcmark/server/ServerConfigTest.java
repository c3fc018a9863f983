package dev.aigcmark.server;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.SdkContext;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The request deadlines bound the SDK's per-file wall clock, so a slow file ends as an UNREADABLE report inside the
 * answer rather than as a 504 without one; budgets already within the deadlines are kept as given.
 */
class ServerConfigTest {
    private static final BearerToken TOKEN = BearerToken.of("a-token-for-the-test-0123456789");

    @Test
    void eachFilesWallClockIsHeldWithinTheRequestDeadline() {
        SdkContext sdk = SdkContext.defaults();
        ServerConfig config = ServerConfig.builder(sdk).verifyDeadline(Duration.ofSeconds(5))
                .markDeadline(Duration.ofMinutes(2)).marking(sdk, TOKEN).build();
        ReadLimits verify = config.verification().limits();
        assertThat(verify.verifyWallTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(verify.markWallTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(verify.verifyCpuTimeout()).as("CPU time is not a deadline: kept")
                .isEqualTo(ReadLimits.defaults().verifyCpuTimeout());
        assertThat(config.marking().orElseThrow().limits().markWallTimeout()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void aBudgetWithinTheDeadlinesIsKept() {
        ReadLimits tight = ReadLimits.defaults().toBuilder().verifyWallTimeout(Duration.ofSeconds(3))
                .markWallTimeout(Duration.ofSeconds(30)).build();
        SdkContext sdk = SdkContext.builder().limits(tight).build();
        ServerConfig config = ServerConfig.builder(sdk).build();
        assertThat(config.verification()).as("nothing to hold: the same context").isSameAs(sdk);
        assertThat(config.verification().limits().verifyWallTimeout()).isEqualTo(Duration.ofSeconds(3));
    }
}
