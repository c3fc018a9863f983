package dev.aigcmark.spark;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.Serializable;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * Where a mark or propagate job writes: each input {@code <base>/<rel>} to {@code <output>/<rel>}, through a
 * staging folder {@code <output>/_aigc_staging/<run>/} on the same file system (hidden from Spark's readers by its
 * leading underscore, and removed when the run ends). The two trees must be apart: an output inside the input would
 * become input on the next run, and an input inside the output could be written over.
 */
final class OutputTree implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Object stores publish an object whole when its upload completes; they have no atomic rename to use. */
    private static final Set<String> OBJECT_STORES = Set.of("s3a", "s3", "s3n", "gs", "oss", "cosn", "obs");

    static final String STAGING = "_aigc_staging";

    private final String base;
    private final String output;
    private final String staging;

    private OutputTree(String base, String output, String staging) {
        this.base = base;
        this.output = output;
        this.staging = staging;
    }

    /** The tree for one run, paths qualified on the driver; refuses overlapping trees. */
    static OutputTree of(Configuration conf, String base, String output, String runId) throws IOException {
        Path b = qualify(new Path(base), conf);
        Path o = qualify(new Path(output), conf);
        if (within(o, b) || within(b, o)) {
            throw new IllegalArgumentException("the output " + o + " and the input folder " + b
                    + " must not contain one another (outputs must never become inputs, nor inputs be written over)");
        }
        return new OutputTree(b.toString(), o.toString(), new Path(new Path(o, STAGING), runId).toString());
    }

    static Path qualify(Path path, Configuration conf) throws IOException {
        return path.getFileSystem(conf).makeQualified(path);
    }

    /** Whether {@code inner} is {@code outer} or below it. */
    static boolean within(Path inner, Path outer) {
        URI i = inner.toUri();
        URI o = outer.toUri();
        if (!same(i.getScheme(), o.getScheme()) || !same(i.getAuthority(), o.getAuthority())) {
            return false;
        }
        String op = o.getPath().endsWith("/") ? o.getPath() : o.getPath() + "/";
        return i.getPath().equals(o.getPath()) || i.getPath().startsWith(op);
    }

    private static boolean same(String a, String b) {
        return a == null ? b == null : a.equalsIgnoreCase(b);
    }

    /** Where the copy of {@code file} (qualified) goes; null when it is not under the base folder. */
    Path target(Path file) {
        Path b = new Path(base);
        if (!within(file, b) || file.toUri().getPath().equals(b.toUri().getPath())) {
            return null;
        }
        String prefix = b.toUri().getPath().endsWith("/") ? b.toUri().getPath() : b.toUri().getPath() + "/";
        return new Path(new Path(output), file.toUri().getPath().substring(prefix.length()));
    }

    String base() {
        return base;
    }

    Path stagingDir() {
        return new Path(staging);
    }

    /** A staging name no other task attempt of the application uses. */
    Path stagingFile(long taskAttemptId, long seq, String name) {
        return new Path(new Path(staging), taskAttemptId + "-" + seq + "-" + name);
    }

    /** Whether the target's file system publishes by writing the object whole (no staging, no rename). */
    static boolean objectStore(FileSystem fs) {
        return OBJECT_STORES.contains(fs.getScheme().toLowerCase(Locale.ROOT));
    }
}
