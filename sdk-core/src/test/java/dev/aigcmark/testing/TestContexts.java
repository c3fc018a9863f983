package dev.aigcmark.testing;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.SdkContext;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

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

    private static final Map<String, AtomicInteger> MADE = new ConcurrentHashMap<>();

    private TestContexts() {
    }

    /**
     * {@link SdkContext#builder()} with {@link #LIMITS} and a random source from the test seed
     * ({@link TestSeed#randomSource}), so the ids and salts marking draws (ProduceIDs, and so watermark payloads)
     * follow from the seed in the log. Each context draws its own stream, named by the calling class and how many
     * contexts that class made before: a class run alone gets the ids it got in the whole suite.
     */
    public static SdkContext.Builder builder() {
        String caller = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
                .walk(frames -> frames.map(StackWalker.StackFrame::getDeclaringClass)
                        .filter(c -> c != TestContexts.class).findFirst().map(Class::getName).orElse("?"));
        int n = MADE.computeIfAbsent(caller, c -> new AtomicInteger()).getAndIncrement();
        return SdkContext.builder().limits(LIMITS).random(TestSeed.randomSource("TestContexts:" + caller + "#" + n));
    }

    /** {@link SdkContext#defaults()} with {@link #LIMITS}. */
    public static SdkContext defaults() {
        return builder().build();
    }
}
