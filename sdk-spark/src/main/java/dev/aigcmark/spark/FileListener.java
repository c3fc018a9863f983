package dev.aigcmark.spark;

import java.io.Serializable;

/**
 * Told, in the executors, where each file's work stands: for instrumentation, and for tests that fail a task at a
 * chosen point (throwing from a callback fails the task, which Spark then retries like any other failure).
 */
public interface FileListener extends Serializable {

    /** Listens to nothing. */
    FileListener NONE = new FileListener() {
        private static final long serialVersionUID = 1L;
    };

    /** Before {@code file} is opened. */
    default void starting(String file) {
    }

    /**
     * Mark and propagate jobs: the copy of {@code file} is complete in {@code staging} on the target file system and
     * is about to be moved to its place.
     */
    default void staged(String file, String staging) {
    }
}
