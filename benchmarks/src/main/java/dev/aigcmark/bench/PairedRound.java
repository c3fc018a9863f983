package dev.aigcmark.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One round of a CPU-time harness: {@code n} runs of the baseline, then {@code n} of ours, on this thread; prints
 * both per run in thread CPU time and wall time, their ratios and the load average.
 */
final class PairedRound {
    /** A timed operation. */
    interface Task {
        void run() throws IOException;
    }

    private PairedRound() {
    }

    static void run(String baselineName, Task baseline, String oursName, Task ours, int n) throws IOException {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        ThreadsCpu a0 = ThreadsCpu.start();
        long c0 = mx.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            baseline.run();
        }
        long c1 = mx.getCurrentThreadCpuTime();
        long t1 = System.nanoTime();
        long a1 = a0.elapsed();
        ThreadsCpu b0 = ThreadsCpu.start();
        long c1b = mx.getCurrentThreadCpuTime();
        long t1b = System.nanoTime();
        for (int i = 0; i < n; i++) {
            ours.run();
        }
        long c2 = mx.getCurrentThreadCpuTime();
        long t2 = System.nanoTime();
        long b1 = b0.elapsed();
        System.out.printf(Locale.ROOT, "cpu: %s %.1f ms, %s %.1f ms, ratio %.2f | all threads cpu: %.1f ms, %.1f ms,"
                        + " ratio %.2f | wall: %s %.1f ms, %s %.1f ms, ratio %.2f | load %.1f%n",
                baselineName, (c1 - c0) / 1e6 / n, oursName, (c2 - c1b) / 1e6 / n, (double) (c2 - c1b) / (c1 - c0),
                a1 / 1e6 / n, b1 / 1e6 / n, (double) b1 / a1,
                baselineName, (t1 - t0) / 1e6 / n, oursName, (t2 - t1b) / 1e6 / n, (double) (t2 - t1b) / (t1 - t0),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /**
     * One round of several tasks, {@code n} runs of each in turn ({@code reversed}: the last first), on this thread;
     * prints each one's CPU time per run (this thread's and all Java threads'), wall time and the load average, and
     * returns each one's {thread CPU ms, all threads' CPU ms} per run.
     */
    static Map<String, double[]> runAll(Map<String, Task> tasks, int n, boolean reversed) throws IOException {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        List<String> order = new ArrayList<>(tasks.keySet());
        if (reversed) {
            Collections.reverse(order);
        }
        Map<String, double[]> ms = new LinkedHashMap<>();
        Map<String, Double> wall = new LinkedHashMap<>();
        for (String name : order) {
            ThreadsCpu all = ThreadsCpu.start();
            long c0 = mx.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                tasks.get(name).run();
            }
            wall.put(name, (System.nanoTime() - t0) / 1e6 / n);
            ms.put(name, new double[]{(mx.getCurrentThreadCpuTime() - c0) / 1e6 / n, all.elapsed() / 1e6 / n});
        }
        StringBuilder line = new StringBuilder("ms per run (cpu / all threads' cpu / wall):");
        for (String name : tasks.keySet()) {
            double[] v = ms.get(name);
            line.append(String.format(Locale.ROOT, " %s %.1f / %.1f / %.1f |", name, v[0], v[1], wall.get(name)));
        }
        System.out.println(line.append(String.format(Locale.ROOT, " load %.1f",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage())));
        return ms;
    }
}
