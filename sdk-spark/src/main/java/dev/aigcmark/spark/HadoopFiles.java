package dev.aigcmark.spark;

import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.io.UnreadableInputException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;

/**
 * Reaching the files of a job from an executor: listed paths are Hadoop URIs ({@code hdfs://nn/a.jpg},
 * {@code s3a://bucket/a.jpg}, {@code file:/data/a.jpg}); the SDK reads {@link MediaInput}s and, to write, local files.
 */
final class HadoopFiles {
    private HadoopFiles() {
    }

    /**
     * The file as the SDK's input, named {@code file} in reports. {@code file:} paths are read with Java NIO when
     * {@code localDirect} (as {@code aigc verify} reads them); every other file streams through Hadoop.
     */
    static MediaInput open(String file, Configuration conf, boolean localDirect) throws IOException {
        Path path = path(file);
        FileSystem fs = path.getFileSystem(conf);
        if (localDirect && "file".equals(fs.getScheme())) {
            return MediaInput.of(java.nio.file.Path.of(fs.makeQualified(path).toUri()));
        }
        return HadoopMediaInput.open(fs, path, file);
    }

    /**
     * A local file with the content of {@code file}, for the SDK's writers (which rewrite containers with random
     * access): the file itself when it is local, else a copy streamed into {@code dir} (disk, never memory).
     */
    static java.nio.file.Path local(String file, Configuration conf, java.nio.file.Path dir) throws IOException {
        Path path = path(file);
        FileSystem fs = path.getFileSystem(conf);
        if ("file".equals(fs.getScheme())) {
            java.nio.file.Path local = java.nio.file.Path.of(fs.makeQualified(path).toUri());
            if (!Files.isRegularFile(local)) {
                throw new UnreadableInputException(file + (Files.exists(local) ? ": not a regular file" : ": no such file"));
            }
            return local;
        }
        java.nio.file.Path copy = dir.resolve("in-" + path.getName());
        try (FSDataInputStream in = fs.open(path)) {
            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
        } catch (FileNotFoundException e) {
            throw new UnreadableInputException(file + ": no such file", e);
        }
        return copy;
    }

    /** The Hadoop path of a listed name; a name that is no valid path is input that cannot be read. */
    static Path path(String file) throws UnreadableInputException {
        try {
            return new Path(file);
        } catch (IllegalArgumentException e) {
            throw new UnreadableInputException(file + ": not a valid path (" + e.getMessage() + ")", e);
        }
    }
}
