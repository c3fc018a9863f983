package dev.aigcmark.core.io;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.report.StatusCode;
import dev.aigcmark.core.report.StatusCodes;

import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one file may still spend: time, bytes read, bytes decompressed, and the size limits of
 * {@link ReadLimits}. The {@code Verifier} and {@code Marker} start one per file and bind it to the working
 * thread for the duration ({@link #bind()}); parsers, decoders and detectors reach it through {@link #current()}
 * and call {@link #checkpoint()} in their loops (boxes, segments, frames, tiles), and every read of a
 * {@link MediaInput} is a checkpoint too. So code that cannot be given the budget explicitly (a third-party
 * decoder reading through our streams) still stops at the deadline.
 *
 * <p>Time has two limits ({@link ReadLimits}): the CPU time of the threads working on the file, which the file
 * itself decides (a parser made to spin ends after its CPU time however loaded the machine is, so a verdict does
 * not depend on the load), and the wall clock, which bounds how long a worker is held whatever the cause (a slow
 * disk, a machine too busy to run the work). Where the JVM cannot measure thread CPU time, the CPU limit applies
 * to the wall clock instead, so no file gets more time than either limit allows.
 *
 * <p>Going over is sticky: the first {@link BudgetExceededException} is remembered and every later checkpoint
 * throws it again, so a caller that swallows the exception cannot carry on, and the {@code Verifier} reports
 * the file as UNREADABLE with the limit's status code whatever happened in between. Thread-safe: work handed to
 * another thread takes the budget along with {@link #wrap(Callable)}.
 */
public final class FileBudget {

    /** The limits a file can go over, each with the status code its report carries. */
    public enum Limit {
        /** The file's work took more CPU time than its limit. */
        TIMEOUT(StatusCodes.ASSET_TIMEOUT),
        /** The file held its worker longer than the wall-clock limit (same code: a platform retries either). */
        WALL_CLOCK(StatusCodes.ASSET_TIMEOUT),
        IN_MEMORY(StatusCodes.ASSET_TOO_LARGE),
        PIXELS(StatusCodes.ASSET_TOO_LARGE),
        BYTES_READ(StatusCodes.ASSET_LIMIT_BYTES_READ),
        XML_NODES(StatusCodes.ASSET_LIMIT_XML_NODES),
        JSON_NODES(StatusCodes.ASSET_LIMIT_JSON_NODES),
        DEPTH(StatusCodes.ASSET_LIMIT_DEPTH),
        BOX_COUNT(StatusCodes.ASSET_LIMIT_BOX_COUNT),
        ZIP_ENTRIES(StatusCodes.ASSET_LIMIT_ZIP_ENTRIES),
        COMPRESSION_RATIO(StatusCodes.ASSET_LIMIT_COMPRESSION_RATIO),
        DECOMPRESSED_BYTES(StatusCodes.ASSET_LIMIT_DECOMPRESSED_BYTES);

        private final StatusCode statusCode;

        Limit(StatusCode statusCode) {
            this.statusCode = statusCode;
        }

        public StatusCode statusCode() {
            return statusCode;
        }
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final boolean CPU_TIME = cpuTimeAvailable();

    /** The budget bound to a thread, and that thread's CPU time and the monotonic clock when it was bound. */
    private record Binding(FileBudget budget, long cpuStart, long wallStart) {
    }

    private static final ThreadLocal<Binding> CURRENT = new ThreadLocal<>();
    private static final int CHECK_EVERY_BITS = 16;

    private final ReadLimits limits;
    private final Duration cpuLimit;
    private final Duration wallLimit;
    private final long started = System.nanoTime();
    private final long wallNanos;
    private final long cpuNanos;
    private final long maxBytesRead;
    private final AtomicLong bytesRead = new AtomicLong();
    private final AtomicLong decompressed = new AtomicLong();
    private volatile BudgetExceededException exceeded;

    private FileBudget(ReadLimits limits, Duration cpuLimit, Duration wallLimit, long maxBytesRead) {
        this.limits = limits;
        this.cpuLimit = cpuLimit;
        this.wallLimit = wallLimit == null || CPU_TIME || cpuLimit == null || wallLimit.compareTo(cpuLimit) <= 0
                ? wallLimit : cpuLimit;
        this.wallNanos = this.wallLimit == null ? Long.MAX_VALUE : nanos(this.wallLimit);
        this.cpuNanos = cpuLimit == null ? Long.MAX_VALUE : nanos(cpuLimit);
        this.maxBytesRead = maxBytesRead;
    }

    /**
     * A budget for one file of {@code size} bytes, its clocks starting now: at most {@code cpuLimit} of work
     * (CPU time) and {@code wallLimit} of wall-clock time.
     */
    public static FileBudget start(ReadLimits limits, Duration cpuLimit, Duration wallLimit, long size) {
        return new FileBudget(limits, cpuLimit, wallLimit, limits.maxBytesRead(Math.max(0, size)));
    }

    /** A budget for verifying (or inspecting) one file: {@link ReadLimits#verifyCpuTimeout()} and its wall limit. */
    public static FileBudget forVerify(ReadLimits limits, long size) {
        return start(limits, limits.verifyCpuTimeout(), limits.verifyWallTimeout(), size);
    }

    /** A budget for marking one file: {@link ReadLimits#markCpuTimeout()} and its wall limit. */
    public static FileBudget forMark(ReadLimits limits, long size) {
        return start(limits, limits.markCpuTimeout(), limits.markWallTimeout(), size);
    }

    /**
     * The budget bound to this thread; outside any file's work (a parser called directly), a fresh one with the
     * default limits and no deadline, so nothing is shared between unrelated calls.
     */
    public static FileBudget current() {
        Binding b = CURRENT.get();
        return b != null ? b.budget : new FileBudget(ReadLimits.defaults(), null, null, Long.MAX_VALUE);
    }

    /** Whether a file's budget is bound to this thread (some file's work is running on it). */
    public static boolean isBound() {
        return CURRENT.get() != null;
    }

    /** Makes this the {@link #current()} budget of this thread until the scope is closed. */
    public Scope bind() {
        Binding previous = CURRENT.get();
        CURRENT.set(new Binding(this, CPU_TIME ? THREADS.getCurrentThreadCpuTime() : 0, System.nanoTime()));
        return () -> {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        };
    }

    /** {@code task} run on another thread under this budget. */
    @SuppressWarnings("try") // the scope is held, not used: it unbinds the budget on close
    public <T> Callable<T> wrap(Callable<T> task) {
        return () -> {
            try (Scope ignored = bind()) {
                return task.call();
            }
        };
    }

    public ReadLimits limits() {
        return limits;
    }

    /** The first limit this file went over, if any. */
    public Optional<BudgetExceededException> exceeded() {
        return Optional.ofNullable(exceeded);
    }

    /**
     * Throws when either time limit has passed, the thread was interrupted, or a limit was exceeded before. The
     * CPU time counted is this thread's since it was bound to this budget (each thread's own share of the work).
     * A thread cannot use more CPU time than the wall time that has passed, so the thread's CPU clock (a system call,
     * where the monotonic clock is not) is read only once the wall time since binding exceeds the CPU limit.
     */
    public void checkpoint() throws BudgetExceededException {
        BudgetExceededException e = exceeded;
        if (e != null) {
            throw e;
        }
        if (wallLimit != null && System.nanoTime() - started > wallNanos) {
            throw exceed(Limit.WALL_CLOCK, "took longer than " + seconds(wallLimit) + " s (wall clock)");
        }
        if (cpuLimit != null && CPU_TIME) {
            Binding b = CURRENT.get();
            if (b != null && b.budget == this && System.nanoTime() - b.wallStart > cpuNanos
                    && THREADS.getCurrentThreadCpuTime() - b.cpuStart > cpuNanos) {
                throw exceed(Limit.TIMEOUT, "took more than its " + seconds(cpuLimit) + " s of work (CPU time)");
            }
        }
        if (Thread.currentThread().isInterrupted()) {
            throw exceed(Limit.TIMEOUT, "was cancelled");
        }
    }

    /**
     * {@link #checkpoint()} for loops that cannot throw a checked exception (detectors over frames and tiles):
     * the {@link BudgetExceededException} comes wrapped in an {@link UncheckedIOException}; the budget stays
     * exceeded, so the file's report still names the limit.
     */
    public void checkpointUnchecked() {
        try {
            checkpoint();
        } catch (BudgetExceededException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Counts {@code n} bytes read from the input; a checkpoint every 64 KB read, so small reads stay cheap. */
    public void read(long n) throws BudgetExceededException {
        long after = bytesRead.addAndGet(n);
        if (after > maxBytesRead) {
            throw exceed(Limit.BYTES_READ, "read " + after + " bytes, over its limit of " + maxBytesRead
                    + " (the parser is going round in circles)");
        }
        if ((after >>> CHECK_EVERY_BITS) != ((after - n) >>> CHECK_EVERY_BITS)) {
            checkpoint();
        }
    }

    /** Counts {@code n} bytes produced by decompression (zip entries, zTXt, PDF streams; a checkpoint). */
    public void decompressed(long n) throws BudgetExceededException {
        long total = decompressed.addAndGet(n);
        if (total > limits.maxDecompressedBytes()) {
            throw exceed(Limit.DECOMPRESSED_BYTES, "decompresses to more than " + limits.maxDecompressedBytes() + " bytes");
        }
        checkpoint();
    }

    /**
     * Refuses an image before any pixel buffer exists when {@code width x height} is over the pixel limit (the
     * budget is exceeded); an empty or negative size is damage, refused without exceeding the budget.
     */
    public void pixels(long width, long height) throws UnreadableInputException {
        if (width <= 0 || height <= 0) {
            throw new UnreadableInputException("the image declares " + width + "x" + height + " pixels");
        }
        if (width > limits.maxPixels() / height) {
            throw exceed(Limit.PIXELS, "has " + width + "x" + height + " pixels, over the decoding limit of "
                    + limits.maxPixels());
        }
        checkpoint();
    }

    /** Throws when {@code count} is over {@code max} for {@code limit} (e.g. boxes seen so far). */
    public void count(Limit limit, long count, long max, String what) throws BudgetExceededException {
        if (count > max) {
            throw exceed(limit, "has more than " + max + " " + what);
        }
    }

    /** Records that this file went over {@code limit} and returns the exception to throw (sticky, see above). */
    public BudgetExceededException exceed(Limit limit, String message) {
        BudgetExceededException e = exceeded;
        if (e == null) {
            synchronized (this) {
                if (exceeded == null) {
                    exceeded = new BudgetExceededException(limit, "the file " + message);
                }
                e = exceeded;
            }
        }
        return e;
    }

    private static boolean cpuTimeAvailable() {
        try {
            return THREADS.isCurrentThreadCpuTimeSupported() && THREADS.isThreadCpuTimeEnabled()
                    && THREADS.getCurrentThreadCpuTime() >= 0;
        } catch (UnsupportedOperationException e) {
            return false;
        }
    }

    private static long nanos(Duration d) {
        return d.compareTo(Duration.ofNanos(Long.MAX_VALUE)) >= 0 ? Long.MAX_VALUE : d.toNanos();
    }

    private static String seconds(Duration d) {
        return d == null ? "unlimited" : d.toMillis() % 1000 == 0 ? Long.toString(d.toSeconds())
                : String.format(Locale.ROOT, "%.1f", d.toMillis() / 1000.0);
    }

    /** Unbinds the budget; no exception. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
