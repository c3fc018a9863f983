package dev.aigcmark.testing;

import dev.aigcmark.core.internal.io.ForwardingInput;
import dev.aigcmark.core.io.MediaInput;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link MediaInput} that counts the bytes read through it — ranged reads, streams, and the default copy
 * primitive ({@link MediaInput#transferTo}, which reads through {@link #read}) — for tests that a writer reads its
 * input once (counted, not timed). With {@link #onlyWithin} ranges, only the bytes inside them count (an MP4's
 * sample data, say). The input's ways around reading (a file's mapped digest, reads from a helper thread) are
 * turned off, so every byte the code takes from it is read here and counted.
 */
public final class CountingInput extends ForwardingInput {
    private final List<long[]> ranges = new ArrayList<>();
    private long count;

    public CountingInput(MediaInput in) {
        super(in);
    }

    /** From now on only bytes in {@code [from, to)} (and the other ranges given) count. */
    public CountingInput onlyWithin(long from, long to) {
        ranges.add(new long[] {from, to});
        return this;
    }

    /** The bytes counted since construction or the last {@link #reset}. */
    public long count() {
        return count;
    }

    /** The sum of the lengths of the {@link #onlyWithin} ranges. */
    public long rangesLength() {
        return ranges.stream().mapToLong(r -> r[1] - r[0]).sum();
    }

    public void reset() {
        count = 0;
    }

    private void counted(long position, int n) {
        if (n <= 0) {
            return;
        }
        if (ranges.isEmpty()) {
            count += n;
            return;
        }
        for (long[] r : ranges) {
            count += Math.max(0, Math.min(position + n, r[1]) - Math.max(position, r[0]));
        }
    }

    @Override
    public int read(long position, byte[] dst, int off, int len) throws IOException {
        int n = in.read(position, dst, off, len);
        counted(position, n);
        return n;
    }

    @Override
    public int read(long position, ByteBuffer dst) throws IOException {
        int n = in.read(position, dst);
        counted(position, n);
        return n;
    }

    /** None: the caller then reads the range through {@link #read}, where it is counted. */
    @Override
    public boolean updateDigest(MessageDigest digest, long position, long length) {
        return false;
    }

    /** No: the count is not thread-safe, so a writer digests on its own thread, through {@link #read}. */
    @Override
    public boolean concurrentReads() {
        return false;
    }

    @Override
    public InputStream openStream(long position) throws IOException {
        return new FilterInputStream(in.openStream(position)) {
            private long at = position;

            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    counted(at++, 1);
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                counted(at, n);
                at += Math.max(0, n);
                return n;
            }

            @Override
            public long skip(long n) throws IOException {
                long s = super.skip(n);
                at += Math.max(0, s);
                return s;
            }

            @Override
            public boolean markSupported() {
                return false; // a reset would make the position untrue
            }
        };
    }
}
