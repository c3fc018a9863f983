package dev.aigcmark.testing;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.SdkContext;

import java.time.Duration;

/**
 * The context every test that compares verdicts or reports starts from: the SDK's defaults without the per-file
 * wall-clock deadline ({@link ReadLimits#verifyWallTimeout()}, {@link ReadLimits#markWallTimeout()}). On a loaded
 * machine (CI at nice 19 beside other builds) the wall clock of one file can pass the deadline while its work is
 * short, and the verdict becomes {@code asset.timeout}: a test that depends on load. The CPU-time limits stay, so a
 * parser made to spin still ends (what the file decides, the same at any load). Tests of the deadline itself
 * (budget, hostile-input and fuzz tests) keep {@link SdkContext#defaults()} or set their own limits.
 */
public final class TestContexts {
    /** The default limits with no wall-clock deadline; every other limit, CPU time included, as shipped. */
    public static final ReadLimits LIMITS = ReadLimits.defaults().toBuilder()
            .verifyWallTimeout(Duration.ofDays(1)).markWallTimeout(Duration.ofDays(1)).build();

    private TestContexts() {
    }

    /** {@link SdkContext#builder()} with {@link #LIMITS}. */
    public static SdkContext.Builder builder() {
        return SdkContext.builder().limits(LIMITS);
    }

    /** {@link SdkContext#defaults()} with {@link #LIMITS}. */
    public static SdkContext defaults() {
        return builder().build();
    }
}
