package dev.aigcmark.cli;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs a pure per-item job on a small thread pool and hands the results on in the items' order. At most a few
 * items per thread are in flight, so a stream of a million items runs in constant memory.
 */
final class Parallel {

    /** Items in flight per thread: enough to keep threads busy while the consumer writes a slow result. */
    private static final int WINDOW_PER_THREAD = 4;

    private Parallel() {
    }

    /** Runs {@code job} on at most {@code maxThreads} threads and returns the results in order. */
    static <T, R> List<R> map(List<T> items, int maxThreads, Function<T, R> job) {
        List<R> results = new ArrayList<>(items.size());
        forEachOrdered(items.iterator(), Math.min(maxThreads, Math.max(1, items.size())), job, results::add);
        return results;
    }

    /**
     * Runs {@code job} over {@code items} on at most {@code maxThreads} threads (fewer on fewer cores) and gives each
     * result to {@code consumer} in the items' order, on the calling thread.
     */
    static <T, R> void forEachOrdered(Iterator<T> items, int maxThreads, Function<T, R> job, Consumer<R> consumer) {
        int threads = Math.min(maxThreads, Runtime.getRuntime().availableProcessors());
        if (threads <= 1) {
            items.forEachRemaining(item -> consumer.accept(job.apply(item)));
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "aigc-worker");
            t.setDaemon(true);
            return t;
        });
        Deque<Future<R>> inFlight = new ArrayDeque<>();
        try {
            while (items.hasNext() || !inFlight.isEmpty()) {
                while (items.hasNext() && inFlight.size() < threads * WINDOW_PER_THREAD) {
                    T item = items.next();
                    inFlight.add(pool.submit(() -> job.apply(item)));
                }
                consumer.accept(inFlight.poll().get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            // Only a bug escapes Verifier.verify; rethrow it as it was so the top level reports it (exit 70).
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        } finally {
            pool.shutdownNow();
        }
    }
}
