package dev.aigcmark.bench;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.management.ThreadMXBean;

/**
 * Runs a baseline and ours as one pair of {@link Paired}'s counters: the baseline first in even pairs, ours first in
 * odd ones, each timed in CPU time (this thread's, or the whole process's for work spread over threads) and wall time.
 */
public final class Alternation {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean PROCESS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    /** The baseline's last result, kept so its work cannot be optimised away (ours' is the method's result). */
    private static volatile Object sink;

    private Alternation() {
    }

    /** One side of a pair. */
    @FunctionalInterface
    public interface Op<T> {
        T run() throws Exception;
    }

    /**
     * Sets every public numeric field of a JMH {@code @AuxCounters} state to zero: its {@code @Setup(Level.Iteration)}
     * reset (JMH allows such a class no public methods of its own, so the reset cannot be inherited).
     */
    public static void zero(Object counters) {
        try {
            for (Field f : counters.getClass().getFields()) {
                if (Modifier.isStatic(f.getModifiers())) {
                    continue;
                }
                if (f.getType() == long.class) {
                    f.setLong(counters, 0);
                } else if (f.getType() == double.class) {
                    f.setDouble(counters, 0);
                } else if (f.getType() == int.class) {
                    f.setInt(counters, 0);
                }
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One pair timed in this thread's CPU time (both sides run on the calling thread). */
    public static <T> T run(Paired p, Op<?> baseline, Op<T> ours) throws Exception {
        return run(p, 1, false, baseline, ours);
    }

    /** One pair timed in the process's CPU time, for work the operations spread over threads of their own. */
    public static <T> T runAllThreads(Paired p, Op<?> baseline, Op<T> ours) throws Exception {
        return run(p, 1, true, baseline, ours);
    }

    /**
     * One pair timed in the CPU time of all Java threads ({@link ThreadsCpu}: to the nanosecond, where the process's
     * counts 10 ms ticks), for operations of milliseconds that may hand part of their work to helper threads.
     */
    public static <T> T runJavaThreads(Paired p, Op<?> baseline, Op<T> ours) throws Exception {
        return run(p, 1, Clock.JAVA_THREADS, false, baseline, ours);
    }

    /**
     * One pair whose ratio is in wall time (each side's CPU time of all Java threads is recorded beside it): for work that runs
     * parts of itself on helper threads at once, where the process's CPU time is its cost and wall time is what the
     * user waits for. Wall time moves with the load far more than CPU time: read it with the load.
     */
    public static <T> T runWall(Paired p, Op<?> baseline, Op<T> ours) throws Exception {
        return run(p, 1, Clock.JAVA_THREADS, true, baseline, ours);
    }

    /**
     * One pair, each side run {@code times} times in a row (for operations of microseconds, so that the clock reads
     * are a small part of what is timed); the counters hold the cost per repetition, so a pair is one call.
     */
    public static <T> T run(Paired p, int times, boolean allThreads, Op<?> baseline, Op<T> ours) throws Exception {
        return run(p, times, allThreads ? Clock.PROCESS : Clock.THREAD, false, baseline, ours);
    }

    /** The CPU clock of a pair: this thread's, the process's (OS ticks), or all Java threads' ({@link ThreadsCpu}). */
    private enum Clock { THREAD, PROCESS, JAVA_THREADS }

    private static <T> T run(Paired p, int times, Clock clock, boolean wall, Op<?> baseline, Op<T> ours)
            throws Exception {
        Object[] results = new Object[2];
        long[] b;
        long[] o;
        if ((p.pairs & 1) == 0) {
            b = timed(times, clock, baseline, results, 0);
            o = timed(times, clock, ours, results, 1);
        } else {
            o = timed(times, clock, ours, results, 1);
            b = timed(times, clock, baseline, results, 0);
        }
        p.add(b[0] / times, b[1] / times, o[0] / times, o[1] / times, wall);
        sink = results[0];
        @SuppressWarnings("unchecked") T r = (T) results[1];
        return r;
    }

    private static long[] timed(int times, Clock clock, Op<?> op, Object[] results, int slot) throws Exception {
        ThreadsCpu threads = clock == Clock.JAVA_THREADS ? ThreadsCpu.start() : null;
        long c0 = cpu(clock);
        long t0 = System.nanoTime();
        for (int i = 0; i < times; i++) {
            results[slot] = op.run();
        }
        long t1 = System.nanoTime();
        return new long[]{t1 - t0, threads != null ? threads.elapsed() : cpu(clock) - c0};
    }

    private static long cpu(Clock clock) {
        return switch (clock) {
            case PROCESS -> PROCESS.getProcessCpuTime();
            case THREAD -> THREADS.getCurrentThreadCpuTime();
            case JAVA_THREADS -> 0;
        };
    }
}
