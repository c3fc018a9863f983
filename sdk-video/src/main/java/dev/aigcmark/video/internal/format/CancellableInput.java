package dev.aigcmark.video.internal.format;

import dev.aigcmark.core.internal.io.ForwardingInput;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.io.UnreadableInputException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.concurrent.CancellationException;

/**
 * The input a helper thread digests from while the caller copies the file: once {@link #cancel cancelled} (the copy
 * failed), every read and every slice of a digest update throws {@link CancellationException}, so the helper stops
 * within one {@link #SLICE} instead of digesting the rest of a gigabyte input before the caller can report the
 * failure (review of session 15, N1). A flag, not {@code Future.cancel(true)}: an interrupt closes the
 * {@code FileChannel} the caller reads the same file through. Closing it leaves the input open (the caller's).
 */
final class CancellableInput extends ForwardingInput {
    /** Bytes an input hashing ranges its own way ({@link MediaInput#updateDigest}) hashes between two looks at the flag. */
    static final long SLICE = 16L << 20;

    private volatile boolean cancelled;

    CancellableInput(MediaInput in) {
        super(in);
    }

    /** From now on the helper's next read or slice throws. */
    void cancel() {
        cancelled = true;
    }

    private void check() {
        if (cancelled) {
            throw new CancellationException("the label write failed: the samples' digest is not needed");
        }
    }

    @Override
    public int read(long position, byte[] dst, int off, int len) throws IOException {
        check();
        return in.read(position, dst, off, len);
    }

    @Override
    public int read(long position, ByteBuffer dst) throws IOException {
        check();
        return in.read(position, dst);
    }

    /**
     * The input's own way, if it has one (a file reads: the caller hashes what it reads through this input), a slice at a time, the flag checked before each; false, nothing hashed,
     * where the input has none for the first slice. A later slice it will not hash (a tail under its mapping's
     * threshold) is read and hashed here.
     */
    @Override
    public boolean updateDigest(MessageDigest digest, long position, long length) throws IOException {
        check();
        long first = Math.min(SLICE, length);
        if (!in.updateDigest(digest, position, first)) {
            return false;
        }
        for (long done = first; done < length; ) {
            check();
            long n = Math.min(SLICE, length - done);
            if (!in.updateDigest(digest, position + done, n)) {
                readInto(digest, position + done, n);
            }
            done += n;
        }
        return true;
    }

    private void readInto(MessageDigest digest, long position, long length) throws IOException {
        byte[] buffer = new byte[(int) Math.min(length, 1 << 16)];
        for (long done = 0; done < length; ) {
            check();
            int n = in.read(position + done, buffer, 0, (int) Math.min(buffer.length, length - done));
            if (n <= 0) {
                throw new UnreadableInputException(in.name() + ": unexpected end at offset " + (position + done));
            }
            digest.update(buffer, 0, n);
            done += n;
        }
    }

    @Override
    public InputStream openStream(long position) throws IOException {
        check();
        return in.openStream(position);
    }

    @Override
    public void close() {
        // the caller's input: it closes it
    }
}
