package dev.aigcmark.testing;

import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A test class or property whose every case reads {@code ../shared}: skipped as a whole, with
 * {@link SharedFiles}' message, when it is absent ({@code @ExtendWith(NeedsShared.class)} on a JUnit class,
 * {@code @AddLifecycleHook(NeedsShared.class)} on a jqwik property). Under CI=true nothing is skipped: the first
 * read of {@link SharedFiles#dir()} fails the test instead.
 *
 * <p>Why not just the assumption {@link SharedFiles#dir()} raises: thrown from a {@code @BeforeAll} or a
 * parameter source it aborts the class, which Surefire counts as zero tests, not as skipped; jqwik counts it
 * inside a try as a rejected try. A disabled class or a skipped property is counted and reported with the reason.
 */
public final class NeedsShared implements ExecutionCondition, SkipExecutionHook {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return skip() ? ConditionEvaluationResult.disabled(SharedFiles.ABSENT)
                : ConditionEvaluationResult.enabled("../shared is here (or CI=true, where its absence fails)");
    }

    @Override
    public SkipResult shouldBeSkipped(LifecycleContext context) {
        return skip() ? SkipResult.skip(SharedFiles.ABSENT) : SkipResult.doNotSkip();
    }

    private static boolean skip() {
        return !SharedFiles.present() && !SharedFiles.underCi();
    }
}
