package dev.aigcmark.core.spi;

import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.io.UnreadableInputException;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.security.MessageDigest;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A range hashed on a helper thread while the calling thread reads (and copies) it: the caller reads each megabyte
 * into one of {@link #BUFFERS} direct buffers, hands a view of it to the hasher and writes it (if there is an
 * output), then reads the next one into a free buffer; the hasher updates the digest with each view in order and
 * gives the buffer back. The bytes hashed are
 * the bytes written (the same buffer, filled once), in the same order, so the digest and the output are those of the
 * serial loop; only the wall time changes: SHA-256 (≈ 1.4 GB/s with SHA-NI) and the read + write of the copy run side
 * by side instead of one after the other. Memory stays flat: {@code BUFFERS} MB off the heap per range in flight.
 * <p>The buffers (these and the serial loop's, {@link #buffer(long)}) come from a small pool of idle ones, at most
 * {@link #POOLED} MB off the heap: a file of many ranges (a fragmented MP4 has one per fragment, often under a
 * megabyte) or the next file does not allocate, zero and later free a direct buffer per range.
 * <p>The helper threads are daemons of one shared pool (a thread per range being copied, idle ones ended after a few
 * seconds). The file budget's reads and deadline stay on the caller's thread; the hash's CPU time is spent on the
 * helper, bounded by the bytes the budget let the caller read.
 */
final class OverlappedDigest {
    /** Bytes per buffer. */
    static final int BUFFER = 1 << 20;
    /** Buffers per range: the caller may run two megabytes ahead of the hasher. */
    static final int BUFFERS = 3;
    /** Idle buffers kept for the next ranges: two overlapped copies' worth. */
    static final int POOLED = 2 * BUFFERS;
    /**
     * A range shorter than this, when the pool is empty, gets a buffer of its own length (not kept); so does a range
     * up to {@link #BUFFER} once {@link #POOLED} full-size buffers exist (the pool could not keep another).
     */
    static final int SMALL = 64 << 10;
    /** Shorter ranges are hashed on the caller's thread (a hand-off costs more than it saves below a few MB). */
    static final long FROM = 8L << 20;
    /** {@code -Daigc.digest.overlap=false} hashes every range on the caller's thread (measurements, old behaviour). */
    private static final boolean ENABLED = !"false".equals(System.getProperty("aigc.digest.overlap"));
    private static final boolean SEVERAL_CPUS = Runtime.getRuntime().availableProcessors() > 1;

    private static final ExecutorService HASHERS = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 5, TimeUnit.SECONDS,
            new SynchronousQueue<>(), r -> {
                Thread t = new Thread(r, "aigc-digest");
                t.setDaemon(true);
                return t;
            });

    private static final BlockingQueue<ByteBuffer> POOL = new ArrayBlockingQueue<>(POOLED);
    /** Direct buffers allocated so far (tests: the pool is used). */
    private static final AtomicLong ALLOCATED = new AtomicLong();
    /**
     * Full-size buffers that exist (idle in the pool or in use), less those {@link #giveBack} dropped. Every buffer a
     * copy took is given back, a failed copy's too, so none leaves this count without leaving the JVM. Read and raised
     * without a lock: racing threads may make a few more than {@link #POOLED}.
     */
    private static final AtomicInteger FULL = new AtomicInteger();

    private OverlappedDigest() {
    }

    /**
     * A direct buffer for a range of {@code length} bytes: an idle one of {@link #BUFFER} bytes from the pool, else
     * a new one: {@link #BUFFER} bytes for a range at least that long, or for a range of at least {@link #SMALL} bytes
     * while fewer than {@link #POOLED} full-size buffers exist (the pool keeps it for the next ranges); else the
     * range's own length (not kept: with the pool's buffers all in use, a megabyte for a shorter range would be
     * allocated, zeroed and dropped for nothing). Its content is left over from an earlier range: {@link #fill}
     * clears it and reads at most the range's bytes into it, and only those are hashed and written.
     */
    static ByteBuffer buffer(long length) {
        ByteBuffer b = POOL.poll();
        if (b != null) {
            return b;
        }
        ALLOCATED.incrementAndGet();
        if (length >= BUFFER || (length >= SMALL && FULL.get() < POOLED)) {
            FULL.incrementAndGet();
            return ByteBuffer.allocateDirect(BUFFER);
        }
        return ByteBuffer.allocateDirect((int) length);
    }

    /** Gives back a buffer from {@link #buffer(long)} that no thread uses any more (kept if it is a full one). */
    static void giveBack(ByteBuffer b) {
        if (b.capacity() == BUFFER && !POOL.offer(b)) {
            FULL.decrementAndGet();
        }
    }

    /** Idle buffers in the pool (tests). */
    static int idle() {
        return POOL.size();
    }

    /** How many direct buffers {@link #buffer(long)} has allocated in this JVM. */
    static long allocated() {
        return ALLOCATED.get();
    }

    /** Whether a range of {@code length} bytes is hashed on a helper thread. */
    static boolean worthIt(long length) {
        return length >= FROM && ENABLED && SEVERAL_CPUS;
    }

    /**
     * Copies {@code [position, position + length)} of {@code input} to {@code out} (unless it is null) and feeds the
     * same bytes to {@code sha}, hashing on a helper thread; returns once both are done. On failure the hasher is stopped (and
     * waited for) before the exception leaves, so {@code sha} is never used by two threads.
     */
    static void copy(MessageDigest sha, MediaInput input, long position, long length, WritableByteChannel out)
            throws IOException {
        ByteBuffer[] own = new ByteBuffer[BUFFERS];
        BlockingQueue<ByteBuffer> free = new ArrayBlockingQueue<>(BUFFERS);
        for (int i = 0; i < BUFFERS; i++) {
            own[i] = buffer(length);
            free.add(own[i]);
        }
        BlockingQueue<ByteBuffer> filled = new ArrayBlockingQueue<>(BUFFERS + 1);
        ByteBuffer end = ByteBuffer.allocate(0);
        Future<?> hasher = HASHERS.submit(() -> {
            for (ByteBuffer b = filled.take(); b != end; b = filled.take()) {
                sha.update(b);
                free.put(b);
            }
            return null;
        });
        boolean ended = false;
        try {
            long done = 0;
            while (done < length) {
                ByteBuffer buf = take(free, hasher);
                int n = fill(buf, input, position + done, length - done);
                filled.put(buf.duplicate());
                if (out != null) {
                    writeAll(buf, out);
                }
                done += n;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while digesting " + input.name());
        } finally {
            // the queue has room for the end mark (at most BUFFERS views are in it); the hasher has at most three
            // megabytes left to hash, so it is waited for even on failure: the digest is never left in its hands
            filled.add(end);
            ended = await(hasher);
            // the hasher has ended and the caller is leaving: no thread uses any of the copy's buffers now, also not
            // one a failed read left in the caller's hands or the hasher never gave back (the queues hold views of
            // them, so the buffers themselves are given back: a lost one would stay counted in FULL for good and
            // later short ranges would get unpooled buffers of their own length, reviewer N4 of session 15)
            for (ByteBuffer b : own) {
                giveBack(b);
            }
        }
        if (!ended) {
            throw new IllegalStateException("hashing " + input.name() + " failed");
        }
    }

    /** Waits for the hasher to end (through interrupts, which are kept); whether it ended normally. */
    private static boolean await(Future<?> hasher) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    hasher.get();
                    return true;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    return false;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The next free buffer; fails at once if the hasher failed (it would give no buffer back). */
    private static ByteBuffer take(BlockingQueue<ByteBuffer> free, Future<?> hasher) throws InterruptedException {
        while (true) {
            ByteBuffer b = free.poll(100, TimeUnit.MILLISECONDS);
            if (b != null) {
                return b;
            }
            if (hasher.isDone()) {
                throw new IllegalStateException("the hasher ended early");
            }
        }
    }

    /**
     * Reads the next {@code min(capacity, left)} bytes at {@code position} into {@code buf} (cleared first) and
     * flips it; returns how many.
     */
    static int fill(ByteBuffer buf, MediaInput input, long position, long left) throws IOException {
        buf.clear().limit((int) Math.min(buf.capacity(), left));
        int n = input.read(position, buf);
        if (n <= 0) {
            throw new UnreadableInputException(input.name() + ": unexpected end at " + position);
        }
        buf.flip();
        return n;
    }

    static void writeAll(ByteBuffer buf, WritableByteChannel out) throws IOException {
        while (buf.hasRemaining()) {
            out.write(buf);
        }
    }
}
