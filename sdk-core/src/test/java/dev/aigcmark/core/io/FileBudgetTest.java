package dev.aigcmark.core.io;

import dev.aigcmark.core.ReadLimits;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The per-file budget: each limit ends the file's work with its own status code, and stays ended. */
class FileBudgetTest {
    static final ReadLimits DEFAULTS = ReadLimits.defaults();

    @Test
    void aPassedDeadlineEndsTheWorkAtTheNextCheckpointAndStaysEnded() {
        FileBudget budget = FileBudget.start(DEFAULTS, Duration.ofNanos(1), Duration.ofNanos(1), 1000);
        assertThatThrownBy(budget::checkpoint).isInstanceOf(BudgetExceededException.class)
                .hasMessageContaining("longer than").satisfies(e ->
                        assertThat(((BudgetExceededException) e).statusCode().id()).isEqualTo("asset.timeout"));
        BudgetExceededException first = budget.exceeded().orElseThrow();
        assertThatThrownBy(budget::checkpoint).isSameAs(first);
        assertThatThrownBy(() -> budget.read(1 << 20)).isSameAs(first);
    }

    @Test
    void readingInCirclesEndsAtTheBytesReadLimit() throws Exception {
        ReadLimits limits = DEFAULTS.toBuilder().maxReadFactor(2).build();
        FileBudget budget = FileBudget.start(limits, Duration.ofMinutes(5), Duration.ofMinutes(5), 1000);
        long allowed = limits.maxBytesRead(1000);
        budget.read(allowed);
        assertThatThrownBy(() -> budget.read(1)).isInstanceOf(BudgetExceededException.class)
                .satisfies(e -> assertThat(((BudgetExceededException) e).statusCode().id()).isEqualTo("asset.limit.bytesRead"));
    }

    @Test
    void pixelsAreCheckedWithoutOverflow() throws Exception {
        FileBudget budget = FileBudget.start(DEFAULTS, Duration.ofMinutes(5), Duration.ofMinutes(5), 1000);
        budget.pixels(8000, 6000);
        assertThatThrownBy(() -> budget.pixels(65_500, 65_500)).isInstanceOf(BudgetExceededException.class)
                .satisfies(e -> assertThat(((BudgetExceededException) e).statusCode().id()).isEqualTo("asset.tooLarge"));
        FileBudget other = FileBudget.start(DEFAULTS, Duration.ofMinutes(5), Duration.ofMinutes(5), 1000);
        assertThatThrownBy(() -> other.pixels(Integer.MAX_VALUE, Integer.MAX_VALUE)).isInstanceOf(BudgetExceededException.class);
    }

    @Test
    void decompressionIsCountedOverTheWholeFile() throws Exception {
        ReadLimits limits = DEFAULTS.toBuilder().maxDecompressedBytes(1000).build();
        FileBudget budget = FileBudget.start(limits, Duration.ofMinutes(5), Duration.ofMinutes(5), 10);
        budget.decompressed(600);
        assertThatThrownBy(() -> budget.decompressed(600)).isInstanceOf(BudgetExceededException.class)
                .satisfies(e -> assertThat(((BudgetExceededException) e).statusCode().id())
                        .isEqualTo("asset.limit.decompressedBytes"));
    }

    @Test
    @SuppressWarnings("try")
    void theBoundBudgetIsCurrentOnItsThreadAndOnWrappedTasksOnly() throws Exception {
        FileBudget budget = FileBudget.start(DEFAULTS, Duration.ofMinutes(5), Duration.ofMinutes(5), 10);
        try (FileBudget.Scope ignored = budget.bind()) {
            assertThat(FileBudget.current()).isSameAs(budget);
            Callable<FileBudget> seen = budget.wrap(FileBudget::current);
            Thread t = new Thread(() -> {
                try {
                    assertThat(seen.call()).isSameAs(budget);
                    assertThat(FileBudget.current()).isNotSameAs(budget);
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            t.start();
            t.join();
        }
        assertThat(FileBudget.current()).isNotSameAs(budget);
    }

    @Test
    void outsideAnyFileEachCallGetsItsOwnUnboundedBudget() throws Exception {
        FileBudget a = FileBudget.current();
        a.exceed(FileBudget.Limit.BOX_COUNT, "test");
        FileBudget.current().checkpoint(); // not poisoned by an unrelated call
        assertThat(FileBudget.current()).isNotSameAs(a);
    }

    @Test
    @SuppressWarnings("try")
    void workEndsAtTheCpuLimitWhileTheWallClockIsFarAway() {
        FileBudget budget = FileBudget.start(DEFAULTS, Duration.ofMillis(20), Duration.ofHours(1), 1000);
        try (FileBudget.Scope ignored = budget.bind()) {
            assertThatThrownBy(() -> {
                long spin = 0;
                while (true) { // CPU work only: the loop ends at the CPU limit (the test's timeout guards a hang)
                    spin += Long.numberOfTrailingZeros(spin + 1);
                    budget.checkpoint();
                }
            }).isInstanceOf(BudgetExceededException.class).hasMessageContaining("CPU time");
        }
        assertThat(budget.exceeded()).get().satisfies(e -> {
            assertThat(e.limit()).isEqualTo(FileBudget.Limit.TIMEOUT);
            assertThat(e.statusCode().id()).isEqualTo("asset.timeout");
        });
    }

    @Test
    @SuppressWarnings("try")
    void waitingCostsNoCpuTimeButEndsAtTheWallClock() throws Exception {
        FileBudget patient = FileBudget.start(DEFAULTS, Duration.ofMillis(200), Duration.ofHours(1), 1000);
        try (FileBudget.Scope ignored = patient.bind()) {
            Thread.sleep(400); // twice the CPU limit of waiting: a slow disk or a busy machine, not the file's work
            patient.checkpoint();
        }
        FileBudget held = FileBudget.start(DEFAULTS, Duration.ofHours(1), Duration.ofNanos(1), 1000);
        try (FileBudget.Scope ignored = held.bind()) {
            Thread.sleep(1);
            assertThatThrownBy(held::checkpoint).isInstanceOf(BudgetExceededException.class)
                    .hasMessageContaining("wall clock");
        }
        assertThat(held.exceeded()).get().satisfies(e -> {
            assertThat(e.limit()).isEqualTo(FileBudget.Limit.WALL_CLOCK);
            assertThat(e.statusCode().id()).isEqualTo("asset.timeout");
        });
    }

    @Test
    void theDefaultsAreTenSecondsOfWorkAndAMinuteOfWallClockToVerify() {
        assertThat(DEFAULTS.verifyCpuTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(DEFAULTS.verifyWallTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(DEFAULTS.markCpuTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(DEFAULTS.markWallTimeout()).isEqualTo(Duration.ofHours(1));
    }
}
