package dev.aigcmark.core.internal.bmff;

import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.io.MediaOutput;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;

/**
 * Writes a rewritten file as ranges of the input and bytes built in memory, counting what it wrote. Ranges go
 * through {@link MediaOutput#copy} (or {@link MediaInput#transferTo} for a bare channel), so file to file the
 * kernel moves them and {@code mdat} (gigabytes) never passes through the heap: memory stays bounded whatever the
 * file size.
 */
public final class RangeCopier {
    /** Read-only, shared: every {@link #zeros} call writes from a duplicate of it. */
    private static final ByteBuffer ZEROS = ByteBuffer.allocate(64 * 1024).asReadOnlyBuffer();

    private final MediaInput input;
    private final WritableByteChannel out;
    private long written;
    /** The run of {@link #defer deferred} ranges not yet copied: its start in the input (-1: none) and length. */
    private long runFrom = -1;
    private long runLength;

    public RangeCopier(MediaInput input, WritableByteChannel out) {
        this.input = input;
        this.out = out;
    }

    /** To a stream: the {@link MediaOutput} itself when it is one (its copies stay zero-copy). */
    public static RangeCopier to(MediaInput input, OutputStream out) {
        return new RangeCopier(input, out instanceof MediaOutput m ? m : Channels.newChannel(out));
    }

    /** Copies {@code [position, position + length)} of the input. */
    public void copy(long position, long length) throws IOException {
        flush();
        transfer(position, length);
        written += length;
    }

    /**
     * Copies {@code [position, position + length)} of the input with the ranges deferred right before and after it
     * when they follow one another in the input: a run of boxes kept as they are (a fragmented MP4's hundreds of moof
     * and mdat pairs) goes to the kernel in one call, not one per box. The run is copied before anything else is
     * written, and by {@link #flush()}, which a writer calls last.
     */
    public void defer(long position, long length) throws IOException {
        if (runFrom >= 0 && runFrom + runLength == position) {
            runLength += length;
        } else {
            flush();
            runFrom = position;
            runLength = length;
        }
        written += length;
    }

    /** Copies the {@link #defer deferred} run, if any. */
    public void flush() throws IOException {
        if (runFrom >= 0) {
            long from = runFrom;
            runFrom = -1;
            transfer(from, runLength);
        }
    }

    private void transfer(long position, long length) throws IOException {
        if (out instanceof MediaOutput m) {
            m.copy(input, position, length);
        } else {
            input.transferTo(position, length, out);
        }
    }

    /** Writes bytes built in memory (a rewritten moov, an inserted box). */
    public void write(byte[] bytes) throws IOException {
        flush();
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
            out.write(b);
        }
        written += bytes.length;
    }

    /** Writes {@code count} zero bytes (a free box's body) from one small buffer, however many they are. */
    public void zeros(long count) throws IOException {
        flush();
        for (long left = count; left > 0; ) {
            ByteBuffer b = ZEROS.duplicate();
            b.limit((int) Math.min(b.capacity(), left));
            while (b.hasRemaining()) {
                left -= out.write(b);
            }
        }
        written += count;
    }

    /** Bytes written, copied and deferred so far. */
    public long written() {
        return written;
    }
}
