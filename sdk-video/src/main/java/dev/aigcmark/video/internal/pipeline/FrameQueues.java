package dev.aigcmark.video.internal.pipeline;

import dev.aigcmark.core.io.FileBudget;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs pipeline stages on their own threads, joined by bounded queues: at most {@link #CAPACITY} frames wait
 * between two stages, so memory stays a few frames whatever the video's length. The first failure of any stage
 * stops the others; closing interrupts and joins every stage thread (a cancelled or failed job leaves nothing
 * running). Each stage thread works under the file's {@link FileBudget}, so its reads and checkpoints count
 * against the file's deadline and limits.
 */
final class FrameQueues implements AutoCloseable {
    /** Frames waiting between two stages at most: enough to ride out a slow frame, small enough for 4K. */
    static final int CAPACITY = 4;
    private static final VideoFrame END = new VideoFrame(2, 2);

    /** The body of a stage; throwing stops the pipeline. */
    @FunctionalInterface
    interface Stage {
        void run() throws IOException, InterruptedException;
    }

    private final List<Thread> threads = new ArrayList<>();
    private final FileBudget budget;
    private volatile Throwable failure;

    FrameQueues(FileBudget budget) {
        this.budget = budget;
    }

    /** A queue between two stages. */
    final class Link {
        private final BlockingQueue<VideoFrame> queue = new ArrayBlockingQueue<>(CAPACITY);

        void put(VideoFrame f) throws InterruptedException {
            queue.put(f);
        }

        /** Marks the end of the stream for the consumer. */
        void end() throws InterruptedException {
            queue.put(END);
        }

        /** The next frame, or null at the end; throws the failure of another stage instead of waiting for ever. */
        VideoFrame take() throws IOException, InterruptedException {
            while (true) {
                VideoFrame f = queue.poll(50, TimeUnit.MILLISECONDS);
                if (f == END) {
                    return null;
                }
                if (f != null) {
                    return f;
                }
                rethrow();
            }
        }
    }

    Link link() {
        return new Link();
    }

    void start(String name, Stage stage) {
        Thread t = new Thread(() -> {
            try (FileBudget.Scope bound = budget.bind()) {
                stage.run();
            } catch (Throwable e) {
                if (failure == null) {
                    failure = e;
                }
            }
        }, "aigc-video-" + name);
        t.setDaemon(true);
        threads.add(t);
        t.start();
    }

    /** Rethrows the first stage failure, if any. */
    void rethrow() throws IOException {
        Throwable f = failure;
        if (f instanceof InterruptedException) {
            throw new InterruptedIOException("video marking was interrupted");
        }
        if (f instanceof IOException e) {
            throw e;
        }
        if (f instanceof RuntimeException e) {
            throw e;
        }
        if (f instanceof Error e) {
            throw e;
        }
    }

    @Override
    public void close() {
        for (Thread t : threads) {
            t.interrupt();
        }
        boolean interrupted = false;
        for (Thread t : threads) {
            while (t.isAlive()) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    interrupted = true; // keep joining: no stage may outlive the job
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
