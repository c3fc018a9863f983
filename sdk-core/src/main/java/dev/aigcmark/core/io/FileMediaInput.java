package dev.aigcmark.core.io;

import dev.aigcmark.core.internal.io.BudgetedInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
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
    /** Files from this size are read whole through a mapping ({@link #readAll}). */
    static final long MAP_FROM = 1L << 20;
    private static final boolean WINDOWS = System.getProperty("os.name", "").startsWith("Windows");
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

    @Override
    public int read(long position, ByteBuffer dst) throws IOException {
        int total = 0;
        while (dst.hasRemaining()) {
            int n = channel.read(dst, position + total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        FileBudget.current().read(total);
        return total;
    }

    /**
     * The whole file, read through a memory mapping where it is large ({@link #MAP_FROM}): one copy from the page
     * cache into the array, where a channel read copies twice (into a temporary direct buffer, then into the array)
     * and costs about three times the CPU (2.6 MB: 1.8 → 0.6 ms, the session-10 note), a fifth of labelling a 12 MP
     * JPEG. Not on Windows, where a mapped file cannot be replaced until the mapping is collected (the output may
     * be the input). A file cut short while it is copied is unreadable input, as a short read is.
     */
    @Override
    public byte[] readAll(long limit) throws IOException {
        long size = size();
        if (size < MAP_FROM || size > limit || WINDOWS) {
            return MediaInput.super.readAll(limit);
        }
        MappedByteBuffer mapped;
        try {
            mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
        } catch (IOException | UnsupportedOperationException e) { // a file system that cannot map: read it
            return MediaInput.super.readAll(limit);
        }
        byte[] b = new byte[(int) size];
        try {
            mapped.get(b);
        } catch (InternalError e) { // the JVM's report of a fault in the mapped pages: the file shrank
            throw new UnreadableInputException(name + ": the file changed while it was read", e);
        }
        FileBudget.current().read(size);
        return b;
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
