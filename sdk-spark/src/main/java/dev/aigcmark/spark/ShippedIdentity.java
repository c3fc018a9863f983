package dev.aigcmark.spark;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkContext;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The platform identity folder of one run, shipped to the executors under a name of its own. Spark keys the files
 * a session ships by their name for the session's whole life and refuses a second, different file of the same name,
 * so a long-lived session (a notebook, a job server) that marked with one {@code home} folder could never mark with
 * another one called {@code home}. The folder is copied (from any Hadoop file system) into a private local folder
 * as {@code identity-<run>}, shipped from there, and the copy removed when the run is closed.
 */
final class ShippedIdentity implements AutoCloseable {
    private final java.nio.file.Path holder;
    private final String name;

    private ShippedIdentity(java.nio.file.Path holder, String name) {
        this.holder = holder;
        this.name = name;
    }

    /** Copies {@code identityDir} for run {@code runId} and adds it to the session's shipped files. */
    static ShippedIdentity ship(SparkContext spark, String identityDir, String runId, Configuration conf)
            throws IOException {
        // Created owner-only (rwx------) on POSIX: the copy holds the private keys.
        java.nio.file.Path holder = Files.createTempDirectory("aigc-spark-identity-");
        String name = "identity-" + runId;
        try {
            Path source = new Path(identityDir);
            FileSystem local = FileSystem.getLocal(conf).getRawFileSystem();
            if (!FileUtil.copy(source.getFileSystem(conf), source, local, new Path(holder.resolve(name).toUri()),
                    false, conf)) {
                throw new IOException("the identity " + identityDir + " could not be copied for shipping");
            }
            spark.addFile(holder.resolve(name).toUri().toString(), true);
        } catch (IOException | RuntimeException e) {
            delete(holder);
            throw e;
        }
        return new ShippedIdentity(holder, name);
    }

    /** The name executors find the identity under ({@code SparkFiles.get(name)}). */
    String name() {
        return name;
    }

    @Override
    public void close() throws IOException {
        delete(holder);
    }

    private static void delete(java.nio.file.Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<java.nio.file.Path> all = Files.walk(folder)) {
            for (java.nio.file.Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
