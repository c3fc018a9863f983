package dev.aigcmark.core.io;

import dev.aigcmark.core.internal.io.BudgetedInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** A file opened read-only; positional reads, so no shared cursor to get wrong. */
final class FileMediaInput implements MediaInput {
    private final Path path;
    private final String name;
    private final FileChannel channel;
    /** Bytes per kernel transfer: large enough to cost nothing, small enough to check the deadline often. */
    private static final long SLICE = 64L << 20;
    /** Bytes per read into an array-backed buffer ({@link #read(long, ByteBuffer)}). */
    static final int HEAP_SLICE = 1 << 20;
    FileMediaInput(Path path) throws IOException {
        this(path, path.toString());
    }

    FileMediaInput(Path path, String name) throws IOException {
        this.path = path;
        this.name = name;
        if (Files.isDirectory(path)) {
            throw new UnreadableInputException(path + " is a directory");
        }
        try {
            this.channel = FileChannel.open(path, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new UnreadableInputException(path + ": no such file", e);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long size() throws IOException {
        return channel.size();
    }

    @Override
    public int read(long position, byte[] dst, int off, int len) throws IOException {
        return read(position, ByteBuffer.wrap(dst, off, len));
    }

    /**
     * Into an array-backed buffer in slices of at most {@link #HEAP_SLICE} bytes: the JDK reads such a buffer through a
     * temporary direct buffer as large as the request and keeps it for the thread, so a whole large file read in one
     * request would leave a direct buffer of its size behind, per thread. A file read whole ({@link #readAll}, an
     * image's scan) comes this way too, not through a mapping as in sessions 10 to 17 (one copy from the page cache
     * where a read copies twice: 0.6 against 1.8 ms for 2.6 MB on that machine): on this virtual machine, whose page
     * faults are dear (session 17), mapping the 4 MB 12 MP photo cost 3.1 ms of thread CPU and the sliced reads 0.77 ms
     * (session 18), and a mapping stays until the collector unmaps it.
     */
    @Override
    public int read(long position, ByteBuffer dst) throws IOException {
        int total = 0;
        int limit = dst.limit();
        try {
            while (dst.hasRemaining()) {
                if (!dst.isDirect()) {
                    dst.limit((int) Math.min(limit, (long) dst.position() + HEAP_SLICE));
                }
                int n = channel.read(dst, position + total);
                dst.limit(limit);
                if (n < 0) {
                    break;
                }
                total += n;
            }
        } finally {
            dst.limit(limit);
        }
        FileBudget.current().read(total);
        return total;
    }

    /**
     * File to file: {@code transferTo}, so the kernel moves the bytes (sendfile; no copy through the Java heap),
     * in slices so the budget's deadline is checked between them.
     */
    @Override
    public void transferTo(long position, long length, WritableByteChannel target) throws IOException {
        if (!(target instanceof FileChannel)) {
            MediaInput.super.transferTo(position, length, target);
            return;
        }
        long done = 0;
        while (done < length) {
            long n = channel.transferTo(position + done, Math.min(SLICE, length - done), target);
            if (n <= 0) {
                if (position + done >= channel.size()) {
                    throw new UnreadableInputException(name + ": unexpected end at offset " + (position + done));
                }
                continue;
            }
            FileBudget.current().read(n);
            done += n;
        }
    }

    @Override
    public InputStream openStream(long position) throws IOException {
        FileChannel c = FileChannel.open(path, StandardOpenOption.READ);
        c.position(position);
        return new BudgetedInputStream(Channels.newInputStream(c), FileBudget.current());
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** Positional reads only (the last mapped window is kept in a volatile field): safe from several threads. */
    @Override
    public boolean concurrentReads() {
        return true;
    }
}
