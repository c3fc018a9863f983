package dev.aigcmark.core.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.security.MessageDigest;

/**
 * Read-only random access to one input (a file or bytes in memory). Readers ask for ranges, so a
 * multi-gigabyte video is never loaded whole; {@link #readAll(long)} refuses inputs over a stated limit.
 * Instances are not thread-safe.
 */
public interface MediaInput extends Closeable {

    /** A name for reports (the path, or what the caller called the stream). */
    String name();

    long size() throws IOException;

    /** Reads up to {@code len} bytes at {@code position}; returns the count read, fewer only at the end. */
    int read(long position, byte[] dst, int off, int len) throws IOException;

    /**
     * Reads up to {@code dst.remaining()} bytes at {@code position} into {@code dst}, advancing its position; returns
     * the count read, fewer only at the end. A file reads straight into the buffer: into a direct buffer, one copy
     * from the page cache, where reading into an array copies twice (through a temporary direct buffer).
     */
    default int read(long position, ByteBuffer dst) throws IOException {
        if (dst.hasArray()) {
            int n = read(position, dst.array(), dst.arrayOffset() + dst.position(), dst.remaining());
            dst.position(dst.position() + n);
            return n;
        }
        byte[] b = new byte[Math.min(dst.remaining(), 1 << 16)];
        int total = 0;
        while (dst.hasRemaining()) {
            int n = read(position + total, b, 0, Math.min(b.length, dst.remaining()));
            if (n <= 0) {
                break;
            }
            dst.put(b, 0, n);
            total += n;
        }
        return total;
    }

    /**
     * Exactly {@code len} bytes at {@code position}.
     *
     * @throws UnreadableInputException when the input ends first (a length field pointing past the end)
     */
    default byte[] readFully(long position, int len) throws IOException {
        if (len < 0 || position < 0 || position + len > size()) {
            throw new UnreadableInputException(name() + ": " + len + " bytes at offset " + position
                    + " run past the end (" + size() + " bytes)");
        }
        byte[] b = new byte[len];
        int done = 0;
        while (done < len) {
            int n = read(position + done, b, done, len - done);
            if (n <= 0) {
                throw new UnreadableInputException(name() + ": unexpected end at offset " + (position + done));
            }
            done += n;
        }
        return b;
    }

    /** The whole input, refusing one larger than {@code limit} bytes. */
    default byte[] readAll(long limit) throws IOException {
        long size = size();
        if (size > limit) {
            throw new UnreadableInputException(name() + " has " + size + " bytes, over the in-memory limit of "
                    + limit + " for this format");
        }
        return readFully(0, (int) size);
    }

    /**
     * Feeds the {@code length} bytes at {@code position} to {@code digest}, in order, as {@code digest.update} of the
     * bytes read would, and returns true; or returns false without touching {@code digest} where this input has no
     * cheaper way than {@linkplain #read(long, ByteBuffer) reading} them into a buffer (the default; a file and memory
     * too). A file hashed a range of 64 KB or more from read-only memory mappings in sessions 14 to 16 (0.68× the CPU
     * of reading 128 MB into a direct buffer on that machine); on session 17's (a virtual machine whose page faults
     * are dear) the mappings cost 1.4× the reads, verifying a 128 MB fragmented MP4 took 1.4× the thread CPU, and the
     * reads are never much dearer (one copy from the page cache): files read now. Counted against the input's budget
     * like a read. The range must lie within the input.
     *
     * @throws UnreadableInputException when the file is cut short while it is hashed
     */
    default boolean updateDigest(MessageDigest digest, long position, long length) throws IOException {
        return false;
    }

    /**
     * Whether two threads may read this input at once (positional reads and {@link #updateDigest}, no shared
     * cursor): a file's and a byte array's input. False by default: instances are not thread-safe unless they say
     * so here. A writer may then digest the content on a helper thread while it copies it.
     */
    default boolean concurrentReads() {
        return false;
    }

    /** A stream from {@code position} to the end. */
    InputStream openStream(long position) throws IOException;

    /**
     * Copies {@code [position, position + length)} to {@code target} without holding it: the bytes a writer keeps
     * unchanged (the sample data of a video, the image data after the metadata). A file moves them in the
     * kernel where the target is a file too ({@code FileChannel.transferTo}); otherwise through one reused
     * buffer. Counted against the file's budget like any read. Writers call it through
     * {@link MediaOutput#copy(MediaInput, long, long)}.
     *
     * @throws UnreadableInputException when the input ends first
     */
    default void transferTo(long position, long length, WritableByteChannel target)
            throws IOException {
        byte[] buffer = new byte[(int) Math.min(length, 1 << 20)];
        long done = 0;
        while (done < length) {
            int n = read(position + done, buffer, 0, (int) Math.min(buffer.length, length - done));
            if (n <= 0) {
                throw new UnreadableInputException(name() + ": unexpected end at offset " + (position + done));
            }
            ByteBuffer b = ByteBuffer.wrap(buffer, 0, n);
            while (b.hasRemaining()) {
                target.write(b);
            }
            done += n;
        }
    }

    static MediaInput of(Path path) throws IOException {
        return new FileMediaInput(path);
    }

    /** A file reported under another name (an upload spooled to a temporary file, named as the client sent it). */
    static MediaInput of(Path path, String name) throws IOException {
        return new FileMediaInput(path, name);
    }

    static MediaInput of(byte[] bytes, String name) {
        return new BytesMediaInput(bytes, name);
    }

    @Override
    default void close() throws IOException {
    }
}
