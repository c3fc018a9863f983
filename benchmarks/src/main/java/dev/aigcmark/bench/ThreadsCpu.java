package dev.aigcmark.bench;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time spent by the JVM's Java threads since {@link #start()}, to the nanosecond: the sum over the threads alive
 * at the end of each one's CPU time less what it had at the start (a thread that ended in between, an idle pool
 * thread, is left out). For work an operation spreads over helper threads; the operating system's process CPU time
 * ({@code OperatingSystemMXBean.getProcessCpuTime}) counts in clock ticks (10 ms on Linux), too coarse for an
 * operation of a few milliseconds, and also counts the JIT compiler and the garbage collector, which this does not.
 */
public final class ThreadsCpu {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final Map<Long, Long> start;

    private ThreadsCpu(Map<Long, Long> start) {
        this.start = start;
    }

    /** A snapshot of every live thread's CPU time. */
    public static ThreadsCpu start() {
        return new ThreadsCpu(snapshot());
    }

    /** CPU nanoseconds the Java threads spent since the snapshot. */
    public long elapsed() {
        long sum = 0;
        for (Map.Entry<Long, Long> e : snapshot().entrySet()) {
            sum += Math.max(0, e.getValue() - start.getOrDefault(e.getKey(), 0L));
        }
        return sum;
    }

    private static Map<Long, Long> snapshot() {
        long[] ids = THREADS.getAllThreadIds();
        long[] cpu = THREADS.getThreadCpuTime(ids);
        Map<Long, Long> m = new HashMap<>(ids.length * 2);
        for (int i = 0; i < ids.length; i++) {
            if (cpu[i] >= 0) {
                m.put(ids[i], cpu[i]);
            }
        }
        return m;
    }
}
