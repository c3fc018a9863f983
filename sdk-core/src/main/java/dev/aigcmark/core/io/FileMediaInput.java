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
import java.util.concurrent.atomic.AtomicReference;

/** A file opened read-only; positional reads, so no shared cursor to get wrong. */
final class FileMediaInput implements MediaInput {
    private final Path path;
    private final String name;
    private final FileChannel channel;
    /** Bytes per kernel transfer: large enough to cost nothing, small enough to check the deadline often. */
    private static final long SLICE = 64L << 20;
    /** The kernel's file-to-file sendfile writes in rounds of this many bytes (a pipe of 16 pages). */
    private static final long SPLICE_BLOCK = 64 << 10;
    /** Block of the target that {@code copyAligned} writes at a time, on its boundaries. */
    static final int ALIGNED_CHUNK = 1 << 20;
    /** Ranges shorter than this are sent by the kernel even when unaligned: a buffer would gain nothing there. */
    static final long ALIGNED_MIN = 8L * ALIGNED_CHUNK;
    /** The buffer {@code copyAligned} keeps for the next copy. */
    private static final AtomicReference<ByteBuffer> SPARE = new AtomicReference<>();
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
     * in slices so the budget's deadline is checked between them. Where the range would land in the target at
     * another offset within a 64 KB block than it has here (a label inserted before a video's samples shifts
     * them by a few KB) and is large, it goes through a direct buffer instead, so every write
     * starts on a 1 MB boundary of the target (see {@code copyAligned}).
     */
    @Override
    public void transferTo(long position, long length, WritableByteChannel target) throws IOException {
        if (!(target instanceof FileChannel out)) {
            MediaInput.super.transferTo(position, length, target);
            return;
        }
        if (length >= ALIGNED_MIN && Math.floorMod(out.position() - position, SPLICE_BLOCK) != 0) {
            copyAligned(position, length, out);
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

    /**
     * A range copied through a direct buffer, each write but the first starting on an {@code ALIGNED_CHUNK}
     * boundary of {@code out}. Why not sendfile here: the kernel moves a file-to-file sendfile through a pipe of 16
     * pages, one 64 KB write per round, each beginning where the source's page boundary falls; when source and
     * target offsets differ within such a block, every write begins mid-page in the target (whose page cache is then,
     * we suppose, built of small pieces; not inspected), and flushing it (the commit's fsync) and dropping it when the
     * file is later replaced cost more than for the same bytes written block-aligned. Measured in session 19 on ext4
     * here (123 MB, the offsets of a fragmented MP4's label, 2,184 in the output against 797 in the input; scratch
     * probe, medians of 20 alternated rounds): sendfile as the label did 43 ms to write, fsync 148, rename over the
     * previous output 48; through a 1 MB buffer 55, 103 and 39; a whole-file copy (offsets equal) 44, 111 and 43. At
     * 983 MB the buffer's second copy costs about what it saves (the probe: 1.84 against 1.93 s in all; a plain copy
     * 1.37, sendfile with the offsets equal mod 64 KB 1.38). On the label itself (AbHarness, old and new build
     * alternated) 0.87× the wall time at 123 MB and 0.88× at 983 MB. One buffer is kept for the next copy; a copy
     * running meanwhile on another thread gets its own.
     */
    private void copyAligned(long position, long length, FileChannel out) throws IOException {
        ByteBuffer buffer = SPARE.getAndSet(null);
        if (buffer == null) {
            buffer = ByteBuffer.allocateDirect(ALIGNED_CHUNK);
        }
        try {
            long done = 0;
            long piece = ALIGNED_CHUNK - Math.floorMod(out.position(), (long) ALIGNED_CHUNK);
            while (done < length) {
                buffer.clear().limit((int) Math.min(piece, length - done));
                while (buffer.hasRemaining()) {
                    if (channel.read(buffer, position + done + buffer.position()) < 0) {
                        throw new UnreadableInputException(name + ": unexpected end at offset "
                                + (position + done + buffer.position()));
                    }
                }
                FileBudget.current().read(buffer.position());
                buffer.flip();
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                done += buffer.limit();
                piece = ALIGNED_CHUNK;
            }
        } finally {
            SPARE.set(buffer);
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
