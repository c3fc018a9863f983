package dev.aigcmark.bench.ab;

import dev.aigcmark.bench.ThreadsCpu;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Two builds of the SDK (or two operations) compared in one JVM, in one run: each side gets its own class loader
 * over its class path (a benchmarks jar of an older commit, or a folder of changed classes before it), and batches of
 * A and B alternate (A first in even pairs, B first in odd ones), so load that comes and goes moves both; the result
 * is B/A per pair as wall time, as this thread's CPU time, as the CPU time of all Java threads (for work spread over
 * helper threads; {@code ThreadsCpu}, to the nanosecond) and as the process's CPU time (clock ticks of 10 ms on Linux:
 * read it only for operations of 100 ms and more; it also counts JIT and GC), each a geometric mean with a Student-t interval ({@link AbStats}), and the
 * bytes this thread allocated per operation. Both sides run the same driver code
 * ({@link AbDriver}, defined in each loader from this jar's bytes).
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.aigcmark.bench.ab.AbHarness [--batch N] [--pairs P] [--warmup W]
 *      [--level 0.95] FILE MODE:CLASSPATH MODE:CLASSPATH
 * </pre>
 * {@code MODE} is {@code label}, {@code mark}, {@code verify} or {@code copy} ({@link AbDriver}); {@code CLASSPATH} is
 * colon-separated jars and folders, e.g. {@code label:/tmp/old/benchmarks.jar label:/tmp/new-classes:/tmp/old/benchmarks.jar}
 * (old against new build), or {@code copy:benchmarks/target/benchmarks.jar label:benchmarks/target/benchmarks.jar}
 * (labelling against a durable copy, one build). Defaults: batches of 5 operations, 20 pairs, 3 warm-up rounds.
 */
public final class AbHarness {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final String DRIVER = AbDriver.class.getName();

    private AbHarness() {
    }

    /** A side: its name, class loader and operation. */
    private record Side(String name, ClassLoader loader, Runnable op, Path target) {
        void run(int times) {
            Thread t = Thread.currentThread();
            ClassLoader before = t.getContextClassLoader();
            t.setContextClassLoader(loader);
            try {
                for (int i = 0; i < times; i++) {
                    op.run();
                }
            } finally {
                t.setContextClassLoader(before);
            }
        }
    }

    public static void main(String[] args) throws Exception {
        int batch = 5;
        int pairs = 20;
        int warmup = 3;
        double level = 0.95;
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--batch" -> batch = Integer.parseInt(args[++i]);
                case "--pairs" -> pairs = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--level" -> level = Double.parseDouble(args[++i]);
                default -> rest.add(args[i]);
            }
        }
        if (rest.size() != 3 || pairs < 2 || batch < 1) {
            System.err.println("usage: AbHarness [--batch N] [--pairs P >= 2] [--warmup W] [--level 0.95] FILE MODE:CLASSPATH MODE:CLASSPATH");
            System.exit(2);
        }
        Path source = Path.of(rest.get(0));
        Path dir = Files.createTempDirectory("aigc-ab");
        try {
            Side[] sides = {side("A", rest.get(1), source, dir), side("B", rest.get(2), source, dir)};
            System.out.printf(Locale.ROOT, "input %s (%d bytes); A = %s; B = %s; %d pairs of %d, %d warm-up rounds; load %.1f%n",
                    source, Files.size(source), rest.get(1), rest.get(2), pairs, batch, warmup, load());
            for (int w = 0; w < warmup; w++) {
                for (Side s : sides) {
                    s.run(batch);
                }
            }
            double[][] wall = new double[2][pairs];
            double[][] cpu = new double[2][pairs];
            double[][] threads = new double[2][pairs];
            double[][] process = new double[2][pairs];
            double[][] allocated = new double[2][pairs];
            for (int p = 0; p < pairs; p++) {
                for (int k = 0; k < 2; k++) {
                    int s = (p & 1) == 0 ? k : 1 - k;
                    ThreadsCpu all = ThreadsCpu.start();
                    long c0 = THREADS.getCurrentThreadCpuTime();
                    long b0 = THREADS.getCurrentThreadAllocatedBytes();
                    long p0 = OS.getProcessCpuTime();
                    long t0 = System.nanoTime();
                    sides[s].run(batch);
                    wall[s][p] = (System.nanoTime() - t0) / 1e6 / batch;
                    cpu[s][p] = (THREADS.getCurrentThreadCpuTime() - c0) / 1e6 / batch;
                    threads[s][p] = all.elapsed() / 1e6 / batch;
                    process[s][p] = (OS.getProcessCpuTime() - p0) / 1e6 / batch;
                    allocated[s][p] = (THREADS.getCurrentThreadAllocatedBytes() - b0) / 1024.0 / batch;
                }
            }
            report("wall time", wall, level);
            report("thread CPU", cpu, level);
            report("all threads CPU", threads, level);
            report("process CPU", process, level);
            System.out.printf(Locale.ROOT, "%-15s A %.1f KB/op, B %.1f KB/op (medians, this thread); %s%n", "allocated",
                    AbStats.median(allocated[0]), AbStats.median(allocated[1]),
                    AbStats.of(allocated[0], allocated[1], level).toString().replace("faster", "allocates less")
                            .replace("slower", "allocates more"));
            String a = digest(sides[0].target());
            String b = digest(sides[1].target());
            System.out.printf(Locale.ROOT, "last outputs: A %s, B %s (%s; a signed label differs by its signature and time)%n",
                    a, b, a.equals(b) ? "equal" : "differ");
            System.out.printf(Locale.ROOT, "load at the end %.1f%n", load());
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    private static void report(String clock, double[][] t, double level) {
        System.out.printf(Locale.ROOT, "%-15s A %.2f ms/op, B %.2f ms/op (medians); %s%n", clock,
                AbStats.median(t[0]), AbStats.median(t[1]), AbStats.of(t[0], t[1], level));
    }

    private static Side side(String name, String spec, Path source, Path dir) throws Exception {
        int colon = spec.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("a side is MODE:CLASSPATH, not " + spec);
        }
        String[] entries = spec.substring(colon + 1).split(":");
        URL[] urls = new URL[entries.length];
        for (int i = 0; i < entries.length; i++) {
            Path p = Path.of(entries[i]);
            if (!Files.exists(p)) {
                throw new IllegalArgumentException("no such class path entry: " + p);
            }
            urls[i] = p.toUri().toURL();
        }
        ClassLoader loader = new SideLoader(name, urls);
        Path home = Files.createDirectories(dir.resolve(name).resolve("home"));
        String file = source.getFileName().toString();
        Path target = dir.resolve(name).resolve("out" + (file.contains(".") ? file.substring(file.lastIndexOf('.')) : ""));
        Thread t = Thread.currentThread();
        ClassLoader before = t.getContextClassLoader();
        t.setContextClassLoader(loader);
        try {
            Runnable op = (Runnable) loader.loadClass(DRIVER)
                    .getMethod("make", String.class, Path.class, Path.class, Path.class)
                    .invoke(null, spec.substring(0, colon), source, target, home);
            return new Side(name, loader, op, target);
        } finally {
            t.setContextClassLoader(before);
        }
    }

    /**
     * A side's class loader: the platform's classes, then its class path; the driver is defined from this jar's bytes
     * whatever the class path holds, so both sides run the same driver.
     */
    static final class SideLoader extends URLClassLoader {
        SideLoader(String name, URL[] urls) {
            super("ab-" + name, urls, ClassLoader.getPlatformClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.equals(DRIVER) && !name.startsWith(DRIVER + "$")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    try (InputStream in = AbHarness.class.getClassLoader()
                            .getResourceAsStream(name.replace('.', '/') + ".class")) {
                        if (in == null) {
                            throw new ClassNotFoundException(name);
                        }
                        byte[] b = in.readAllBytes();
                        c = defineClass(name, b, 0, b.length);
                    } catch (IOException e) {
                        throw new ClassNotFoundException(name, e);
                    }
                }
                if (resolve) {
                    resolveClass(c);
                }
                return c;
            }
        }
    }

    private static String digest(Path file) throws Exception {
        if (!Files.exists(file)) {
            return "none";
        }
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int n = in.read(buf); n > 0; n = in.read(buf)) {
                sha.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
