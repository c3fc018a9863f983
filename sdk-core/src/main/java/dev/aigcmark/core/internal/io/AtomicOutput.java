package dev.aigcmark.core.internal.io;

import dev.aigcmark.core.io.MediaOutput;
import dev.aigcmark.core.io.OutputException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one way the SDK writes a file (marked outputs, identity and trust files, exported registries): into a
 * temporary file beside the target, flushed to disk, then moved over the target in one atomic rename, the folder
 * flushed too. A crash, a full disk or an error leaves either the old target or the new one, never a half-written
 * file, and every temporary file is removed on failure. Intermediate files (a marking step's output) are
 * {@link #scratch() scratch} files beside the target under the same rules; folders of intermediate files are
 * {@link WorkFolder}s.
 *
 * <p>Refused before anything is written, with an {@link OutputException}: a target that is a symbolic link (the
 * rename would replace the link, not what it points to), a folder or a device, a missing or read-only folder.
 * A new target gets the mode any new file gets (0666 less the umask, like a plain copy); a replaced target keeps
 * its mode; {@link #privateTo(Path)} makes the owner-only files of an identity (0600).
 */
public final class AtomicOutput implements AutoCloseable {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final Path target;
    private final Path temp;
    private final boolean ownerOnly;
    private final List<Path> scratch = new ArrayList<>();
    private boolean committed;

    private AtomicOutput(Path target, Path temp, boolean ownerOnly) {
        this.target = target;
        this.temp = temp;
        this.ownerOnly = ownerOnly;
    }

    /** Output for {@code target}, with the mode a new file (or the replaced target) has. */
    public static AtomicOutput to(Path target) throws OutputException {
        return open(target, false);
    }

    /** Output readable by the owner only (0600), for keys and identity files. */
    public static AtomicOutput privateTo(Path target) throws OutputException {
        return open(target, true);
    }

    private static AtomicOutput open(Path target, boolean ownerOnly) throws OutputException {
        Path abs = target.toAbsolutePath();
        checkTarget(abs);
        Path temp = create(abs, ownerOnly);
        AtomicOutput out = new AtomicOutput(abs, temp, ownerOnly);
        if (!ownerOnly && Files.isRegularFile(abs, LinkOption.NOFOLLOW_LINKS)) {
            out.keepModeOf(abs, temp);
        }
        return out;
    }

    /** What would make writing {@code target} wrong, checked before any byte is written. */
    private static void checkTarget(Path target) throws OutputException {
        Path dir = target.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new OutputException("cannot write " + target + ": the folder " + dir + " does not exist");
        }
        if (Files.isSymbolicLink(target)) {
            throw new OutputException("cannot write " + target + ": it is a symbolic link (write to the file it points"
                    + " to, or remove the link)");
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new OutputException("cannot write " + target + ": it is not a regular file"
                    + (Files.isDirectory(target) ? " but a folder" : ""));
        }
    }

    /** A new, empty file beside {@code beside}, named after it, that nobody else has opened. */
    private static Path create(Path beside, boolean ownerOnly) throws OutputException {
        Path dir = beside.getParent();
        for (int attempt = 0; ; attempt++) {
            Path p = dir.resolve("." + beside.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong())
                    + ".part");
            try {
                FileAttribute<?>[] attrs = ownerOnly && posix(dir)
                        ? new FileAttribute<?>[]{PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                        : new FileAttribute<?>[0];
                return Files.createFile(p, attrs);
            } catch (FileAlreadyExistsException e) {
                if (attempt > 8) {
                    throw new OutputException("cannot create a temporary file in " + dir, e);
                }
            } catch (IOException e) {
                throw failure(beside, e);
            }
        }
    }

    /** The temporary file to write; it becomes the target on {@link #commit()}. */
    public Path temp() {
        return temp;
    }

    /** Another temporary file beside the target, for an intermediate step; removed on {@link #close()}. */
    public Path scratch() throws OutputException {
        Path p = create(target, ownerOnly);
        scratch.add(p);
        return p;
    }

    /**
     * Flushes the temporary file to disk and renames it over the target (atomically where the file system can),
     * then flushes the folder so the rename survives a crash.
     */
    public void commit() throws OutputException {
        checkTarget(target);
        try {
            try (FileChannel c = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                c.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw failure(target, e);
        }
        committed = true;
        syncFolder(target.getParent());
    }

    /**
     * Like {@link #commit()} but only when the target does not exist yet: two processes creating the same file
     * cannot both win (a hard link fails atomically when the target exists, which a rename cannot promise).
     *
     * @throws FileAlreadyExistsException when the target exists
     */
    public void commitNew() throws IOException {
        try (FileChannel c = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            c.force(true);
        } catch (IOException e) {
            throw failure(target, e);
        }
        try {
            Files.createLink(target, temp);
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (UnsupportedOperationException | FileSystemException e) {
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                throw new FileAlreadyExistsException(target.toString());
            }
            try {
                Files.move(temp, target);
            } catch (IOException moved) {
                throw failure(target, moved);
            }
        }
        committed = true;
        try {
            Files.deleteIfExists(temp); // the link's other name
        } catch (IOException ignored) {
            // harmless: a hidden .part file beside the target
        }
        syncFolder(target.getParent());
    }

    /** Removes the temporary and scratch files unless {@link #commit()} ran. Never throws. */
    @Override
    public void close() {
        List<Path> leftovers = new ArrayList<>(scratch);
        if (!committed) {
            leftovers.add(temp);
        }
        for (Path p : leftovers) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // Best effort: the folder went away or became read-only; nothing else can be done here.
            }
        }
    }

    private void keepModeOf(Path existing, Path file) throws OutputException {
        if (!posix(existing.getParent())) {
            return;
        }
        try {
            Files.setPosixFilePermissions(file, Files.getPosixFilePermissions(existing));
        } catch (IOException e) {
            close();
            throw failure(target, e);
        }
    }

    private static boolean posix(Path dir) {
        return Files.getFileAttributeView(dir, PosixFileAttributeView.class) != null;
    }

    /** fsync of the folder: where the platform cannot open a folder for it, the rename is as durable as it gets. */
    private static void syncFolder(Path dir) {
        try (FileChannel c = FileChannel.open(dir, StandardOpenOption.READ)) {
            c.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // Not supported here (e.g. Windows, some virtual file systems): nothing more to do.
        }
    }

    /**
     * The output writing {@code file} (a {@link #temp()} or {@link #scratch()} file): writers' bytes buffered into
     * its channel, and {@link MediaOutput#copy copies} of a file input moved by the kernel. Its failures are
     * {@link OutputException}s: a full disk while a handler writes is an output problem, not an unreadable input.
     */
    public static MediaOutput stream(Path file) throws OutputException {
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw failure(file, e);
        }
        return new MediaOutput() {
            @Override
            protected WritableByteChannel sink() {
                return channel;
            }

            @Override
            protected IOException writeFailure(IOException e) {
                return failure(file, e);
            }

            @Override
            protected FileChannel overwritable() {
                return channel;
            }

            @Override
            protected void closeSink() throws IOException {
                try {
                    channel.close();
                } catch (IOException e) {
                    throw failure(file, e);
                }
            }
        };
    }

    /**
     * The output problem behind {@code e}, if that is what it is: an {@link OutputException} somewhere in its
     * causes (a handler wrapped it), or the operating system saying the disk or quota is full or the file system
     * read-only while a step wrote through a channel of its own.
     */
    public static Optional<OutputException> outputFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof OutputException o) {
                return Optional.of(o);
            }
            String m = t.getMessage();
            if (t instanceof IOException io && m != null && (m.contains("No space left on device")
                    || m.contains("Disk quota exceeded") || m.contains("Read-only file system"))) {
                return Optional.of(new OutputException("cannot write the output: " + m, io));
            }
        }
        return Optional.empty();
    }

    /** An OutputException that says what went wrong in words a user acts on. */
    static OutputException failure(Path target, IOException e) {
        if (e instanceof OutputException o) {
            return o;
        }
        String reason;
        if (e instanceof AccessDeniedException) {
            reason = "permission denied (is the folder read-only?)";
        } else if (e instanceof NoSuchFileException) {
            reason = "the folder disappeared";
        } else if (e instanceof FileSystemException f && f.getReason() != null) {
            reason = f.getReason();
        } else {
            reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        return new OutputException("cannot write " + target + ": " + reason, e);
    }
}
