package dev.aigcmark.image.internal;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * Work of one picture shared with a helper thread when another core may be free: the pixel passes of marking (the
 * watermark's block statistics and rows, which touch disjoint parts of the picture) and the watermark's tile, drawn
 * while the picture decodes. Nothing here changes a result: each chunk of work is the same code on the same data
 * whichever thread runs it, so the bytes written are those of the serial loop (the tests compare them).
 * <p>
 * The caller never waits for a helper to become free: helpers are daemons of one small shared pool (one fewer than
 * the processors, idle ones ended after a few seconds); a request finding none free is dropped, and the caller then
 * runs every chunk itself. Chunks are claimed one at a time from a counter by whichever thread is free, so a helper
 * that starts late takes only what is left; the caller returns once every chunk has run, waiting at most for the one
 * chunk a helper holds. What a helper computes is seen by the caller after that wait (the latch orders it).
 * <p>
 * It saves wall time only where a core is idle; the CPU time is the same (plus a hand-off of some microseconds), and
 * a helper's CPU time is not counted against the per-file CPU limit of the file's {@code FileBudget} (it is bounded
 * by the picture's size, which the budget has already admitted). Off with {@code -Daigc.image.parallel=false}, and
 * on a single processor.
 */
public final class SecondCore {
    /** Whether helpers are used at all ({@code aigc.image.parallel}, more than one processor). */
    public static final boolean ENABLED = Runtime.getRuntime().availableProcessors() > 1
            && !"false".equalsIgnoreCase(System.getProperty("aigc.image.parallel"));
    private static final ThreadPoolExecutor HELPERS = new ThreadPoolExecutor(0,
            Math.max(1, Runtime.getRuntime().availableProcessors() - 1), 5, TimeUnit.SECONDS, new SynchronousQueue<>(),
            r -> {
                Thread t = new Thread(r, "aigc-image-helper");
                t.setDaemon(true);
                return t;
            }, (r, pool) -> {
                // every helper busy: the caller does the work itself
            });

    private SecondCore() {
    }

    /**
     * Runs {@code chunk} for 0 … {@code chunks} − 1, each exactly once, on this thread and at most one helper;
     * returns when all have run. The chunks must be independent of one another. An exception from a chunk is thrown
     * here (the first one; the other chunks still run or are skipped, never half-shared).
     */
    public static void forEach(int chunks, IntConsumer chunk) {
        if (chunks <= 0) {
            return;
        }
        AtomicInteger next = new AtomicInteger();
        CountDownLatch finished = new CountDownLatch(chunks);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable worker = () -> {
            for (int c = next.getAndIncrement(); c < chunks; c = next.getAndIncrement()) {
                try {
                    if (failure.get() == null) {
                        chunk.accept(c);
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                } finally {
                    finished.countDown();
                }
            }
        };
        if (ENABLED && chunks > 1) {
            HELPERS.execute(worker);
        }
        worker.run();
        awaitUninterruptibly(finished);
        rethrow(failure.get());
    }

    /**
     * {@code work} started on a helper if one is free; {@link Ahead#get()} returns its result, running it on the
     * calling thread if no helper has started it yet (so the result is there either way, computed once).
     */
    public static <T> Ahead<T> ahead(Supplier<T> work) {
        Ahead<T> a = new Ahead<>(work);
        if (ENABLED) {
            HELPERS.execute(a::claimAndRun);
        }
        return a;
    }

    /** A result computed once, by a helper or by the first thread that asks for it before a helper starts. */
    public static final class Ahead<T> {
        private final Supplier<T> work;
        private final AtomicInteger claimed = new AtomicInteger();
        private final CountDownLatch done = new CountDownLatch(1);
        private T result;
        private Throwable failure;

        private Ahead(Supplier<T> work) {
            this.work = work;
        }

        private void claimAndRun() {
            if (!claimed.compareAndSet(0, 1)) {
                return;
            }
            try {
                result = work.get();
            } catch (Throwable t) {
                failure = t;
            } finally {
                done.countDown();
            }
        }

        /** The result; computed here if no helper has begun it, else waited for. */
        public T get() {
            claimAndRun();
            awaitUninterruptibly(done);
            rethrow(failure);
            return result;
        }
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // the helper still writes into the caller's arrays: wait for it, keep the flag
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void rethrow(Throwable t) {
        if (t == null) {
            return;
        }
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException(t);
    }
}
