package dev.aigcmark.core.internal.io;

import dev.aigcmark.core.io.OutputException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The other half of the SDK's temporary-file policy ({@link AtomicOutput} being the first: outputs beside their
 * target): a folder of intermediate files for one call (a spooled upload, a decoded input, an encoder's output,
 * a Spark task's copies), owner-only, removed with everything in it on {@link #close()}, after a failure too.
 * Every temporary folder of the SDK comes from here.
 */
public final class WorkFolder implements AutoCloseable {
    private final Path path;

    private WorkFolder(Path path) {
        this.path = path;
    }

    /**
     * A new folder {@code aigc-PURPOSE-*} in {@code parent} ({@code SdkContext.workFolder()}), or in the system's
     * temporary folder when that is null.
     */
    public static WorkFolder in(Path parent, String purpose) throws OutputException {
        String prefix = "aigc-" + purpose + "-";
        try {
            return new WorkFolder(parent == null ? Files.createTempDirectory(prefix)
                    : Files.createTempDirectory(parent, prefix));
        } catch (IOException e) {
            throw new OutputException("cannot create a temporary folder in "
                    + (parent == null ? System.getProperty("java.io.tmpdir") : parent) + ": " + e.getMessage(), e);
        }
    }

    /** A hidden folder beside {@code target}, for intermediate files that belong on the target's disk. */
    public static WorkFolder beside(Path target, String purpose) throws OutputException {
        Path dir = target.toAbsolutePath().getParent();
        try {
            return new WorkFolder(Files.createTempDirectory(dir, ".aigc-" + purpose + "-"));
        } catch (IOException e) {
            throw AtomicOutput.failure(dir, e);
        }
    }

    public Path path() {
        return path;
    }

    /** {@code name} in this folder (a plain file name: a path from an upload's name hint keeps its last part). */
    public Path file(String name) {
        Path last;
        try {
            last = Path.of(name).getFileName();
        } catch (InvalidPathException e) {
            last = null;
        }
        String plain = last == null ? "" : last.toString();
        return path.resolve(plain.isEmpty() || plain.equals(".") || plain.equals("..") ? "file" : plain);
    }

    /** Removes the folder and everything in it. Never throws: a leftover is all that can go wrong. */
    @Override
    public void close() {
        try (Stream<Path> walk = Files.walk(path)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // Best effort: the rest is still removed.
                }
            });
        } catch (IOException | UncheckedIOException ignored) {
            // The folder is gone already, or cannot be listed: nothing more to do.
        }
    }
}
