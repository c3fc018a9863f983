package dev.aigcmark.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One round of several named operations timed one after another in this thread's CPU time, starting with a
 * different one each round: whatever runs first (warming a cache, meeting a collection left by the previous
 * operation) is not always the same one, so no operation is favoured by its place over the rounds.
 */
final class RotatingRound {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private RotatingRound() {
    }

    /** One operation of a round. */
    @FunctionalInterface
    interface Op {
        Object run() throws Exception;
    }

    /**
     * Round {@code round} of {@code ops}: each run {@code n} times in a row, started from the operation at index
     * {@code round} modulo their number; the thread CPU milliseconds per run of each, in {@code ops}' order.
     */
    static Map<String, Double> cpuMs(Map<String, ? extends Op> ops, int round, int n) throws Exception {
        String[] names = ops.keySet().toArray(new String[0]);
        Map<String, Double> measured = new LinkedHashMap<>();
        for (int k = 0; k < names.length; k++) {
            String name = names[(k + round) % names.length];
            Op op = ops.get(name);
            long c0 = THREADS.getCurrentThreadCpuTime();
            for (int i = 0; i < n; i++) {
                op.run();
            }
            measured.put(name, (THREADS.getCurrentThreadCpuTime() - c0) / 1e6 / n);
        }
        Map<String, Double> inOrder = new LinkedHashMap<>();
        for (String name : names) {
            inOrder.put(name, measured.get(name));
        }
        return inOrder;
    }
}
