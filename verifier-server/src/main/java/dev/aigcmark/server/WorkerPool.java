package dev.aigcmark.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Back-pressure and the workers. A request is admitted ({@link #tryAdmit()}) before its body is read, or answered
 * 503 at once: at most {@code capacity} requests hold a ticket, so uploads on disk, waiting requests and memory
 * stay bounded whatever the load. Admitted work runs on {@code workers} threads; its deadline covers the wait for
 * a worker and the work. A ticket is released (its folder deleted, its place freed) only when both the request
 * and its work have ended: a worker still busy past the deadline keeps its place, so the bound stays true.
 */
final class WorkerPool {
    private static final System.Logger LOG = System.getLogger(WorkerPool.class.getName());

    private final Semaphore admission;
    private final ThreadPoolExecutor executor;
    private final Path root;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger working = new AtomicInteger();
    private final AtomicLong ids = new AtomicLong();

    /** @param root where tickets' folders go (one per request), created by the caller */
    WorkerPool(int workers, int capacity, Path root) {
        this.admission = new Semaphore(capacity);
        this.root = root;
        AtomicInteger threads = new AtomicInteger();
        // The queue is unbounded in type only: admission allows at most capacity - workers tasks to wait.
        this.executor = new ThreadPoolExecutor(workers, workers, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "aigc-worker-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** A ticket if there is room; empty when the service is full (answer 503). */
    Optional<Ticket> tryAdmit() {
        if (!admission.tryAcquire()) {
            return Optional.empty();
        }
        inFlight.incrementAndGet();
        return Optional.of(new Ticket(root.resolve("r" + ids.incrementAndGet())));
    }

    int inFlight() {
        return inFlight.get();
    }

    int working() {
        return working.get();
    }

    /**
     * Runs {@code work} on a worker and waits for it until {@code deadline}. Past the deadline: 503 with
     * {@code Retry-After} when it never started (the service was busy), 504 when it was running (the worker is
     * interrupted and keeps the ticket until it actually stops).
     */
    <T> T run(Ticket ticket, Work<T> work, Duration deadline, Duration retryAfter) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        AtomicReference<Thread> runner = new AtomicReference<>();
        AtomicBoolean began = new AtomicBoolean();
        ticket.retain();
        try {
            executor.execute(() -> {
                try {
                    boolean go;
                    synchronized (runner) {
                        go = !result.isDone(); // not given up on by the request while it waited in the queue
                        if (go) {
                            began.set(true);
                            runner.set(Thread.currentThread());
                        }
                    }
                    if (go) {
                        working.incrementAndGet();
                        try {
                            result.complete(work.call());
                        } finally {
                            working.decrementAndGet();
                            synchronized (runner) {
                                runner.set(null);
                                Thread.interrupted(); // an interrupt meant for this work must not reach the next
                            }
                        }
                    }
                } catch (Throwable e) {
                    result.completeExceptionally(e);
                } finally {
                    ticket.release();
                }
            });
        } catch (RuntimeException e) {
            ticket.release(); // rejected: the pool is shutting down
            throw new ApiException(503, "server.stopping", "the service is stopping", retryAfter, e);
        }
        try {
            return result.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            boolean started;
            synchronized (runner) {
                result.cancel(false);
                Thread t = runner.get();
                started = began.get();
                if (t != null) {
                    t.interrupt();
                }
            }
            if (!started) {
                throw ApiException.busy("waited " + deadline.toSeconds() + " s for a worker; try again", retryAfter);
            }
            throw new ApiException(504, "request.deadline", "the work took longer than the deadline of "
                    + deadline.toSeconds() + " s", null, null);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            throw new IllegalStateException("worker failed: " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result.cancel(false);
            throw new ApiException(503, "server.stopping", "the service is stopping", retryAfter, e);
        }
    }

    /** Stops taking work; lets running work finish for up to {@code grace}, then interrupts it. */
    void shutdown(Duration grace) {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
                executor.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** A unit of work that may throw what the route maps to an answer. */
    @FunctionalInterface
    interface Work<T> {
        T call() throws Exception;
    }

    /**
     * One admitted request: its place in the service and its folder for uploads and outputs. Held by the request
     * and, while it runs, by its work; the last to let go deletes the folder and frees the place.
     */
    final class Ticket implements AutoCloseable {
        private final Path folder;
        private final AtomicInteger holders = new AtomicInteger(1);

        private Ticket(Path folder) {
            this.folder = folder;
        }

        /** The request's own folder, created on first use, deleted with everything in it when the ticket ends. */
        Path folder() throws IOException {
            Files.createDirectories(folder);
            return folder;
        }

        private void retain() {
            holders.incrementAndGet();
        }

        private void release() {
            if (holders.decrementAndGet() == 0) {
                TempFiles.deleteTree(folder, LOG);
                inFlight.decrementAndGet();
                admission.release();
            }
        }

        /** The request is done with it (answered, failed or aborted). */
        @Override
        public void close() {
            release();
        }
    }
}
