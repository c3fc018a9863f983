package dev.aigcmark.core.io;

import dev.aigcmark.core.internal.io.BudgetedInputStream;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;

/** Bytes already in memory (an upload buffer, a test vector). */
final class BytesMediaInput implements MediaInput {
    private final byte[] bytes;
    private final String name;

    BytesMediaInput(byte[] bytes, String name) {
        this.bytes = bytes;
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long size() {
        return bytes.length;
    }

    @Override
    public int read(long position, byte[] dst, int off, int len) throws BudgetExceededException {
        if (position >= bytes.length) {
            return 0;
        }
        int n = (int) Math.min(len, bytes.length - position);
        System.arraycopy(bytes, (int) position, dst, off, n);
        FileBudget.current().read(n);
        return n;
    }

    @Override
    public int read(long position, ByteBuffer dst) throws BudgetExceededException {
        if (position >= bytes.length) {
            return 0;
        }
        int n = (int) Math.min(dst.remaining(), bytes.length - position);
        dst.put(bytes, (int) position, n);
        FileBudget.current().read(n);
        return n;
    }

    @Override
    public InputStream openStream(long position) {
        int p = (int) Math.min(position, bytes.length);
        return new BudgetedInputStream(new ByteArrayInputStream(bytes, p, bytes.length - p), FileBudget.current());
    }

    /** An array nobody writes: safe from several threads. */
    @Override
    public boolean concurrentReads() {
        return true;
    }
}
