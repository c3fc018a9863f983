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
        if (out instanceof MediaOutput m) {
            m.copy(input, position, length);
        } else {
            input.transferTo(position, length, out);
        }
        written += length;
    }

    /** Writes bytes built in memory (a rewritten moov, an inserted box). */
    public void write(byte[] bytes) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
            out.write(b);
        }
        written += bytes.length;
    }

    /** Writes {@code count} zero bytes (a free box's body) from one small buffer, however many they are. */
    public void zeros(long count) throws IOException {
        for (long left = count; left > 0; ) {
            ByteBuffer b = ZEROS.duplicate();
            b.limit((int) Math.min(b.capacity(), left));
            while (b.hasRemaining()) {
                left -= out.write(b);
            }
        }
        written += count;
    }

    public long written() {
        return written;
    }
}
