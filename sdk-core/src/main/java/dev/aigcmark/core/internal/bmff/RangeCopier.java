package dev.aigcmark.core.internal.bmff;

import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.io.UnreadableInputException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;

/**
 * Copies byte ranges of the input to the output without holding them: the kernel's {@code transferTo}
 * when both ends are files, else one reused 1 MiB buffer. This is how {@code mdat} (gigabytes) is carried over,
 * so memory stays bounded whatever the file size.
 */
public final class RangeCopier {
    static final int BUFFER = 1 << 20;

    private final MediaInput input;
    private final FileChannel inputChannel;
    private final WritableByteChannel out;
    private ByteBuffer buffer;
    private long written;

    /**
     * @param inputChannel the same input as a file channel when there is one (enables transferTo), else null
     */
    public RangeCopier(MediaInput input, FileChannel inputChannel, WritableByteChannel out) {
        this.input = input;
        this.inputChannel = inputChannel;
        this.out = out;
    }

    /** Copies {@code [position, position + length)} of the input. */
    public void copy(long position, long length) throws IOException {
        if (inputChannel != null) {
            long done = 0;
            while (done < length) {
                long n = inputChannel.transferTo(position + done, length - done, out);
                if (n <= 0) {
                    if (position + done >= inputChannel.size()) {
                        throw new UnreadableInputException(input.name() + " ended at " + (position + done));
                    }
                    continue;
                }
                done += n;
            }
            written += length;
            return;
        }
        if (buffer == null) {
            buffer = ByteBuffer.allocate(BUFFER);
        }
        long done = 0;
        while (done < length) {
            int want = (int) Math.min(buffer.capacity(), length - done);
            int n = input.read(position + done, buffer.array(), 0, want);
            if (n <= 0) {
                throw new UnreadableInputException(input.name() + " ended at " + (position + done));
            }
            buffer.clear().limit(n);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            done += n;
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

    public long written() {
        return written;
    }
}
