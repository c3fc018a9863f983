package dev.aigcmark.core.internal.c2pa;

import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.io.MediaOutput;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;

/**
 * The output of a handler's second {@code writeStore} pass, keeping only the bytes in one range (where the first
 * pass placed the store container) and writing nothing else: a copied range just advances the position, so the
 * second pass reads no sample data. The captured bytes then replace the placeholder container in the first
 * pass's file, which is otherwise byte for byte what the second pass would have written (same-size store, same
 * layout: the writer checks the placements agree).
 */
final class StoreCapture extends MediaOutput {
    private final long offset;
    private final byte[] captured;
    private long position;

    StoreCapture(long offset, int length) {
        this.offset = offset;
        this.captured = new byte[length];
    }

    /** The bytes the pass wrote at {@code [offset, offset + length)}. */
    byte[] captured() {
        return captured;
    }

    /** How many bytes the pass produced (written and copied): must equal the first pass's file size. */
    long size() {
        return position;
    }

    @Override
    public void copy(MediaInput input, long from, long length) throws IOException {
        flush();
        long start = Math.max(position, offset);
        long end = Math.min(position + length, offset + captured.length);
        if (start < end) { // only a handler that copies the old store's bytes into the new place comes here
            byte[] b = input.readFully(from + (start - position), (int) (end - start));
            System.arraycopy(b, 0, captured, (int) (start - offset), b.length);
        }
        position += length;
    }

    @Override
    protected WritableByteChannel sink() {
        return new WritableByteChannel() {
            @Override
            public int write(ByteBuffer src) {
                int n = src.remaining();
                long start = Math.max(position, offset);
                long end = Math.min(position + n, offset + captured.length);
                if (start < end) {
                    ByteBuffer part = src.duplicate();
                    part.position(src.position() + (int) (start - position));
                    part.get(captured, (int) (start - offset), (int) (end - start));
                }
                src.position(src.limit());
                position += n;
                return n;
            }

            @Override
            public boolean isOpen() {
                return true;
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    protected void closeSink() {
    }
}
