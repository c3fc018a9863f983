package dev.aigcmark.core.io;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes go to a temporary file beside the target and are moved into place only when complete, so a crash
 * or an error never leaves a half-written file, and the input is never touched unless it is the target.
 */
public final class AtomicOutput implements AutoCloseable {
    private final Path target;
    private final Path temp;
    private boolean committed;

    private AtomicOutput(Path target, Path temp) {
        this.target = target;
        this.temp = temp;
    }

    public static AtomicOutput to(Path target) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".part");
        return new AtomicOutput(abs, temp);
    }

    /** The temporary file to write. */
    public Path temp() {
        return temp;
    }

    /** Moves the finished temporary file over the target (atomically where the file system can). */
    public void commit() throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        committed = true;
    }

    /** Deletes the temporary file unless {@link #commit()} ran. */
    @Override
    public void close() throws IOException {
        if (!committed) {
            Files.deleteIfExists(temp);
        }
    }
}
