package dev.aigcmark.spark;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;

/**
 * Puts a finished copy (a local file) at its target so that the target only ever appears whole, and at most one
 * attempt's copy lands there: a task that dies half-way, or a second attempt of the same task (a retry after an
 * executor was lost, a speculative copy), never leaves a partial or a second output. Per file system:
 * <ul>
 * <li>local: copied to the staging file, then hard-linked into place, which fails if the target exists (where a
 * file system has no links, a move that refuses an existing target);</li>
 * <li>HDFS and other file systems with atomic rename: written to the staging file, then renamed into place
 * (HDFS refuses to rename over an existing file);</li>
 * <li>object stores (S3A, GCS...): written straight to the target; the object becomes visible only when its
 * upload completes, so a dead task leaves nothing; two racing attempts each write a whole copy, the last wins.</li>
 * </ul>
 */
final class Publisher {
    private Publisher() {
    }

    /**
     * Publishes {@code local} at {@code target}; {@code staged} runs once the copy is whole in {@code staging}, before
     * it moves. Returns false when the target was already there (another run or attempt published it first).
     * An I/O error is the target file system's and fails the task, for Spark to retry.
     */
    static boolean publish(java.nio.file.Path local, Path target, Path staging, Configuration conf, Runnable staged)
            throws IOException {
        FileSystem fs = target.getFileSystem(conf);
        if ("file".equals(fs.getScheme())) {
            return publishLocal(local, nio(fs, target), nio(fs, staging), staged);
        }
        if (OutputTree.objectStore(fs)) {
            return publishObject(fs, local, target);
        }
        return publishByRename(fs, local, target, staging, staged);
    }

    private static java.nio.file.Path nio(FileSystem fs, Path path) {
        return java.nio.file.Path.of(fs.makeQualified(path).toUri());
    }

    private static boolean publishLocal(java.nio.file.Path local, java.nio.file.Path target, java.nio.file.Path staging,
                                        Runnable staged) throws IOException {
        Files.createDirectories(staging.getParent());
        Files.copy(local, staging, StandardCopyOption.REPLACE_EXISTING);
        try {
            staged.run();
            Files.createDirectories(target.getParent());
            try {
                Files.createLink(target, staging);
                return true;
            } catch (java.nio.file.FileAlreadyExistsException e) {
                return false;
            } catch (UnsupportedOperationException | IOException noLinks) {
                try {
                    Files.move(staging, target); // without REPLACE_EXISTING: refuses an existing target
                    return true;
                } catch (java.nio.file.FileAlreadyExistsException e) {
                    return false;
                }
            }
        } finally {
            Files.deleteIfExists(staging);
        }
    }

    private static boolean publishObject(FileSystem fs, java.nio.file.Path local, Path target) throws IOException {
        try (FSDataOutputStream out = fs.create(target, false)) {
            Files.copy(local, out);
        } catch (FileAlreadyExistsException e) {
            return false;
        }
        return true;
    }

    private static boolean publishByRename(FileSystem fs, java.nio.file.Path local, Path target, Path staging,
                                           Runnable staged) throws IOException {
        fs.mkdirs(staging.getParent());
        try (FSDataOutputStream out = fs.create(staging, true)) {
            Files.copy(local, out);
        }
        staged.run();
        fs.mkdirs(target.getParent());
        boolean moved;
        try {
            moved = fs.rename(staging, target);
        } catch (FileAlreadyExistsException e) {
            moved = false;
        }
        if (moved) {
            return true;
        }
        fs.delete(staging, false);
        if (fs.exists(target)) {
            return false;
        }
        throw new IOException("could not move " + staging + " to " + target);
    }
}
