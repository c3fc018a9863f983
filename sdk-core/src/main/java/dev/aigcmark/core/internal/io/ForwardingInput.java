package dev.aigcmark.core.internal.io;

import dev.aigcmark.core.io.MediaInput;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;

/**
 * An input that hands every call to another one, for a subclass to watch or stop some of them (the MP4 writer's
 * cancellable digest input, tests that count or hold reads). Copies ({@link MediaInput#transferTo}) are not handed
 * on: they read through {@link #read}, so the subclass sees them.
 */
public abstract class ForwardingInput implements MediaInput {
    protected final MediaInput in;

    protected ForwardingInput(MediaInput in) {
        this.in = in;
    }

    @Override
    public String name() {
        return in.name();
    }

    @Override
    public long size() throws IOException {
        return in.size();
    }

    @Override
    public int read(long position, byte[] dst, int off, int len) throws IOException {
        return in.read(position, dst, off, len);
    }

    @Override
    public int read(long position, ByteBuffer dst) throws IOException {
        return in.read(position, dst);
    }

    @Override
    public boolean updateDigest(MessageDigest digest, long position, long length) throws IOException {
        return in.updateDigest(digest, position, length);
    }

    @Override
    public boolean concurrentReads() {
        return in.concurrentReads();
    }

    @Override
    public InputStream openStream(long position) throws IOException {
        return in.openStream(position);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
