package dev.aigcmark.image.internal;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Work shared with a helper thread: every chunk runs exactly once and has run when {@code forEach} returns, a chunk's
 * exception reaches the caller, a result asked for ahead is computed once whoever computes it, and an interrupted
 * caller still waits for the helper (which may be writing into its arrays) and keeps its interrupt.
 */
class SecondCoreTest {
    @Test
    void everyChunkRunsExactlyOnceBeforeForEachReturns() {
        for (int trial = 0; trial < 300; trial++) {
            int chunks = 1 + trial % 40;
            AtomicIntegerArray runs = new AtomicIntegerArray(chunks);
            SecondCore.forEach(chunks, c -> {
                for (int spin = 0; spin < 1000 * (c % 3); spin++) {
                    Thread.onSpinWait();
                }
                runs.incrementAndGet(c);
            });
            for (int c = 0; c < chunks; c++) {
                assertThat(runs.get(c)).as("trial %d chunk %d of %d", trial, c, chunks).isEqualTo(1);
            }
        }
    }

    @Test
    void aChunksExceptionReachesTheCaller() {
        for (int failing = 0; failing < 8; failing++) {
            int f = failing;
            assertThatThrownBy(() -> SecondCore.forEach(8, c -> {
                if (c == f) {
                    throw new IllegalArgumentException("chunk " + c);
                }
            })).isInstanceOf(IllegalArgumentException.class).hasMessage("chunk " + failing);
        }
    }

    @Test
    void aResultAskedForAheadIsComputedOnce() throws Exception {
        for (int trial = 0; trial < 200; trial++) {
            AtomicInteger computed = new AtomicInteger();
            SecondCore.Ahead<Integer> ahead = SecondCore.ahead(() -> {
                computed.incrementAndGet();
                return 42;
            });
            if (trial % 2 == 0) {
                Thread.sleep(0, 1000);
            }
            assertThat(ahead.get()).isEqualTo(42);
            assertThat(ahead.get()).isEqualTo(42);
            assertThat(computed.get()).isEqualTo(1);
        }
        SecondCore.Ahead<Object> failing = SecondCore.ahead(() -> {
            throw new IllegalStateException("no tile");
        });
        assertThatThrownBy(failing::get).isInstanceOf(IllegalStateException.class).hasMessage("no tile");
    }

    @Test
    void anInterruptedCallerStillWaitsForEveryChunkAndKeepsItsInterrupt() {
        AtomicIntegerArray runs = new AtomicIntegerArray(4);
        Thread.currentThread().interrupt();
        try {
            SecondCore.forEach(4, c -> {
                for (int spin = 0; spin < 20_000; spin++) {
                    Thread.onSpinWait();
                }
                runs.incrementAndGet(c);
            });
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        for (int c = 0; c < 4; c++) {
            assertThat(runs.get(c)).isEqualTo(1);
        }
    }
}
