package dev.aigcmark.core.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;

/**
 * Where a writer puts the file it rewrites: a stream (and channel) for the bytes it makes, and
 * {@link #copy(MediaInput, long, long)} for the bytes it keeps. A metadata edit writes the few bytes it changes
 * and copies the rest, so labelling a gigabyte video moves its sample data once, file to file in the kernel, and
 * never through the Java heap. Writes are buffered; {@link #close()} flushes them and closes what this output
 * owns (a file the SDK opened; not the caller's stream given to {@link #of}). Not thread-safe.
 */
public abstract class MediaOutput extends OutputStream implements WritableByteChannel {
    private static final int BUFFER = 1 << 16;

    private final byte[] buffer = new byte[BUFFER];
    private int buffered;
    private long written;
    private boolean closed;

    protected MediaOutput() {
    }

    /**
     * Output to a stream the caller keeps (closing this output flushes it but leaves it open); copies go through a
     * buffer.
     */
    public static MediaOutput of(OutputStream out) {
        if (out instanceof MediaOutput m) {
            return m;
        }
        WritableByteChannel channel = Channels.newChannel(out);
        return new MediaOutput() {
            @Override
            protected WritableByteChannel sink() {
                return channel;
            }

            @Override
            protected void closeSink() throws IOException {
                out.flush();
            }
        };
    }

    /** The channel that receives the bytes (a {@code FileChannel} for files, which makes copies zero-copy). */
    protected abstract WritableByteChannel sink() throws IOException;

    /** What a failed write of the sink is reported as (a file's output says which file and why). */
    protected IOException writeFailure(IOException e) {
        return e;
    }

    /** Called once by {@link #close()} after the last bytes were handed to the sink. */
    protected abstract void closeSink() throws IOException;

    /**
     * The file channel behind this output when bytes already written may be overwritten in place by
     * {@link #writeAt} (a file the SDK opened for writing, not in append mode); null (the default) for a stream.
     */
    protected FileChannel overwritable() {
        return null;
    }

    /**
     * Whether {@link #writeAt} works here: a writer that learns some bytes only after writing what follows them (a
     * label signed over the samples copied after it) reserves their room, writes on, and fills them in.
     */
    public boolean canWriteAt() {
        return overwritable() != null;
    }

    /**
     * Overwrites {@code src} at {@code position}, bytes already written ({@code position + src.remaining() <=}
     * {@link #written()}); later writes still go after everything written so far.
     *
     * @throws UnsupportedOperationException when {@link #canWriteAt()} is false
     */
    public void writeAt(long position, ByteBuffer src) throws IOException {
        FileChannel channel = overwritable();
        if (channel == null) {
            throw new UnsupportedOperationException("this output cannot overwrite what it has written");
        }
        if (position < 0 || position > written() - src.remaining()) { // no overflow near Long.MAX_VALUE
            throw new IllegalArgumentException("bad range " + position + "+" + src.remaining()
                    + " (" + written() + " bytes written)");
        }
        drain();
        try {
            for (long at = position; src.hasRemaining(); ) {
                at += channel.write(src, at);
            }
        } catch (IOException e) {
            throw writeFailure(e);
        }
    }

    /**
     * Drops every byte written from {@code size} on, so the next bytes go there: a writer that cannot finish the
     * layout it began (an MP4 label signed longer than the room reserved for it) writes that part again.
     *
     * @throws UnsupportedOperationException when {@link #canWriteAt()} is false
     */
    public void truncate(long size) throws IOException {
        FileChannel channel = overwritable();
        if (channel == null) {
            throw new UnsupportedOperationException("this output cannot take back what it has written");
        }
        if (size < 0 || size > written()) {
            throw new IllegalArgumentException("cannot truncate to " + size + " bytes (" + written() + " written)");
        }
        drain();
        try {
            channel.truncate(size);
            channel.position(size);
        } catch (IOException e) {
            throw writeFailure(e);
        }
        written = size;
    }

    /**
     * Copies {@code [position, position + length)} of {@code input} unchanged, after everything written so far.
     *
     * @throws UnreadableInputException when the input ends first
     */
    public void copy(MediaInput input, long position, long length) throws IOException {
        if (length < 0 || position < 0) {
            throw new IllegalArgumentException("bad range " + position + "+" + length);
        }
        drain();
        input.transferTo(position, length, sink());
        written += length;
    }

    /** Copies {@code input} from {@code position} to its end. */
    public void copyRest(MediaInput input, long position) throws IOException {
        copy(input, position, input.size() - position);
    }

    /** Bytes written and copied so far. */
    public long written() {
        return written + buffered;
    }

    @Override
    public void write(int b) throws IOException {
        if (buffered == buffer.length) {
            drain();
        }
        buffer[buffered++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (len > buffer.length - buffered) {
            drain();
        }
        if (len >= buffer.length) {
            sinkAll(ByteBuffer.wrap(b, off, len));
            written += len;
        } else {
            System.arraycopy(b, off, buffer, buffered, len);
            buffered += len;
        }
    }

    /** Channel writes (what the ISO-BMFF and other channel-based rewriters use), in order with the stream's. */
    @Override
    public int write(ByteBuffer src) throws IOException {
        drain();
        int n = src.remaining();
        sinkAll(src);
        written += n;
        return n;
    }

    @Override
    public void flush() throws IOException {
        drain();
    }

    @Override
    public boolean isOpen() {
        return !closed;
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        try {
            drain();
        } finally {
            closed = true;
            closeSink();
        }
    }

    private void drain() throws IOException {
        if (buffered > 0) {
            int n = buffered;
            buffered = 0;
            sinkAll(ByteBuffer.wrap(buffer, 0, n));
            written += n;
        }
    }

    private void sinkAll(ByteBuffer b) throws IOException {
        WritableByteChannel s = sink();
        try {
            while (b.hasRemaining()) {
                s.write(b);
            }
        } catch (IOException e) {
            throw writeFailure(e);
        }
    }
}
