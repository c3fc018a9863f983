package dev.aigcmark.bench.suite;

import dev.aigcmark.bench.suite.Comparison.Target;
import org.apache.commons.math3.distribution.TDistribution;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The benchmark suite: runs every {@link Comparison} with JMH and writes each figure as a median with its
 * error beside a baseline measured in the same run, the ratio, the target and whether it is met
 * ({@code results.md}), plus a plot of watermark cost per frame against resolution ({@code cost-per-frame.png}).
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.aigcmark.bench.suite.Suite [--quick|--full] [--out DIR] [--only REGEX]
 *     [--readme README.md]</pre>
 * {@code --readme} also writes the table into the README's generated block ({@link ReadmeTable}).
 * {@code benchmarks/run.sh} (or {@code ./aigc bench}) builds the jar and runs this.
 */
public final class Suite {
    private static final String INPUTS = "aigc.bench.inputs";
    /** The auxiliary counter a paired case counts its baseline-and-ours pairs in. */
    private static final String PAIRS = "pairs";
    private static final String WALL_PAIRS = "wallPairs";

    private Suite() {
    }

    public static void main(String[] args) throws RunnerException, IOException {
        Profile profile = Profile.QUICK;
        Path out = Path.of("benchmarks/target/bench");
        Pattern only = null;
        Path readme = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> profile = Profile.QUICK;
                case "--full" -> profile = Profile.FULL;
                case "--out" -> out = Path.of(args[++i]);
                case "--only" -> only = Pattern.compile(args[++i]);
                case "--readme" -> readme = Path.of(args[++i]);
                default -> {
                    System.err.println("usage: Suite [--quick|--full] [--out DIR] [--only REGEX] [--readme README.md]");
                    System.exit(64);
                }
            }
        }
        Files.createDirectories(out);
        // Made inputs (photos re-encoded, the large MP4) are kept beside the results, for every fork and later runs.
        System.setProperty(INPUTS, System.getProperty(INPUTS, out.toAbsolutePath().resolveSibling("bench-inputs").toString()));
        long start = System.nanoTime();
        String started = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        String command = "java -cp benchmarks/target/benchmarks.jar " + Suite.class.getName()
                + (args.length == 0 ? "" : " " + String.join(" ", args));
        List<Row> rows = new ArrayList<>();
        for (Comparison c : Comparisons.all()) {
            if (only == null || only.matcher(c.benchmark()).find()) {
                for (int threads : profile == Profile.QUICK ? List.of(1) : c.threads()) {
                    rows.addAll(run(c, profile, threads));
                }
            }
        }
        double minutes = (System.nanoTime() - start) / 60e9;
        String report = Report.markdown(profile, rows, minutes, cpuMinutes(), command, started);
        Files.writeString(out.resolve("results.md"), report);
        Plot.costPerFrame(rows, out.resolve("cost-per-frame.png"));
        if (readme != null) {
            ReadmeTable.write(readme, List.of(report));
        }
        System.out.println(report);
        System.out.println("written: " + out.resolve("results.md") + ", " + out.resolve("cost-per-frame.png"));
    }

    private static List<Row> run(Comparison c, Profile profile, int threads) throws RunnerException {
        List<String> measured = profile == Profile.QUICK ? c.quickMethods() : List.copyOf(c.baselineOf().keySet());
        List<String> methods = new ArrayList<>(measured);
        for (String m : measured) {
            String b = c.baselineOf().get(m);
            if (b.matches("\\w+") && !methods.contains(b)) {
                methods.add(b);
            }
        }
        ChainedOptionsBuilder opt = new OptionsBuilder()
                .include("dev\\.aigcmark\\.bench\\." + c.benchmark() + "\\.(" + String.join("|", methods) + ")$")
                .warmupIterations(profile.warmupIterations).warmupTime(profile.warmupTime)
                .measurementIterations(profile.measurementIterations).measurementTime(profile.measurementTime)
                .forks(profile.forks).threads(threads).shouldFailOnError(true)
                .jvmArgsAppend("-Daigc.bench.inputs=" + System.getProperty(INPUTS));
        Map<String, String[]> params = profile == Profile.QUICK ? c.quickParams() : c.fullParams();
        params.forEach(opt::param);
        if (c.gcProfile()) {
            opt.addProfiler(GCProfiler.class);
        }
        Collection<RunResult> results = new Runner(opt.build()).run();
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();

        Map<String, RunResult> byKey = new LinkedHashMap<>();
        for (RunResult r : results) {
            byKey.put(key(method(r), r.getParams().getParamsKeys().stream()
                    .collect(LinkedHashMap::new, (m, k) -> m.put(k, r.getParams().getParam(k)), Map::putAll)), r);
        }
        List<Row> rows = new ArrayList<>();
        for (RunResult r : results) {
            String m = method(r);
            if (!measured.contains(m)) {
                continue;
            }
            Map<String, String> p = new LinkedHashMap<>();
            r.getParams().getParamsKeys().forEach(k -> p.put(k, r.getParams().getParam(k)));
            String baselineMethod = c.baselineOf().get(m);
            Row paired = paired(c, m, p, threads, r, baselineMethod, load);
            if (paired != null) {
                rows.add(paired);
                continue;
            }
            RunResult b = byKey.get(key(baselineMethod, p));
            if (b == null) {
                continue;
            }
            rows.add(new Row(c.benchmark(), m, p, threads, Figure.of(r), baselineMethod, Figure.of(b),
                    allocated(r), load));
        }
        return rows;
    }

    /**
     * The row of a case that alternates its baseline and ours within each invocation (one fork) and counts both in
     * JMH auxiliary counters ({@code dev.aigcmark.bench.Paired}): each side's cost per operation in CPU time (the
     * thread's, or the process's for multi-threaded work), the median over the measurement iterations; the ratio is the geometric mean of the per-pair ratios (each
     * pair ran back to back, so load that comes and goes moves both sides alike) with a 99.9 % Student-t interval
     * over the pairs. Null for an unpaired case.
     */
    private static Row paired(Comparison c, String method, Map<String, String> params, int threads, RunResult r,
                              String baselineMethod, double load) {
        List<IterationResult> iterations = new ArrayList<>();
        r.getBenchmarkResults().forEach(b -> iterations.addAll(b.getIterationResults()));
        if (iterations.isEmpty() || !iterations.get(0).getSecondaryResults().containsKey(PAIRS)) {
            return null;
        }
        double[] ours = new double[iterations.size()];
        double[] base = new double[iterations.size()];
        double[] oursCpu = new double[iterations.size()];
        double[] baseCpu = new double[iterations.size()];
        boolean wall = iterations.get(0).getSecondaryResults().containsKey(WALL_PAIRS)
                && iterations.get(0).getSecondaryResults().get(WALL_PAIRS).getScore() > 0;
        double n = 0;
        double logs = 0;
        double squares = 0;
        for (int i = 0; i < iterations.size(); i++) {
            Map<String, Result> s = iterations.get(i).getSecondaryResults();
            double pairs = Math.max(1, s.get(PAIRS).getScore());
            oursCpu[i] = s.get("oursCpuNanos").getScore() / pairs / 1e6;
            baseCpu[i] = s.get("baselineCpuNanos").getScore() / pairs / 1e6;
            ours[i] = wall ? s.get("oursNanos").getScore() / pairs / 1e6 : oursCpu[i];
            base[i] = wall ? s.get("baselineNanos").getScore() / pairs / 1e6 : baseCpu[i];
            n += s.get(PAIRS).getScore();
            logs += s.get("logRatios").getScore();
            squares += s.get("logRatioSquares").getScore();
        }
        double mean = logs / Math.max(1, n);
        double error = Double.NaN;
        if (n > 1) {
            double sd = Math.sqrt(Math.max(0, (squares - n * mean * mean) / (n - 1)));
            double t = new TDistribution(n - 1).inverseCumulativeProbability(0.9995) * sd / Math.sqrt(n);
            error = (Math.exp(mean + t) - Math.exp(mean - t)) / 2;
        }
        String unit = wall ? "ms/op wall" : "ms/op CPU";
        String note = wall ? "CPU of all threads " + Numbers.format(Figure.of(oursCpu, "").median()) + " ms/op vs "
                + Numbers.format(Figure.of(baseCpu, "").median()) + " ms/op" : parts(iterations);
        return new Row(c.benchmark(), method, params, threads, Figure.of(ours, unit),
                baselineMethod + String.format(Locale.ROOT, " (%.0f pairs%s)", n, wall ? ", wall time" : ""),
                Figure.of(base, unit), allocated(r), load, new Figure(Math.exp(mean), error, "×"), note);
    }

    /**
     * A case's split of its work into parts (auxiliary counters {@code partFrames} and {@code part<Name>Nanos},
     * summed over the measurement iterations), as "per frame: name 1.2 ms, …"; "" when it counts none.
     */
    private static String parts(List<IterationResult> iterations) {
        Map<String, Double> sums = new LinkedHashMap<>();
        for (IterationResult i : iterations) {
            i.getSecondaryResults().forEach((k, v) -> {
                if (k.startsWith("part")) {
                    sums.merge(k, v.getScore(), Double::sum);
                }
            });
        }
        double frames = sums.getOrDefault("partFrames", 0.0);
        if (frames == 0) {
            return "";
        }
        StringBuilder s = new StringBuilder("per frame:");
        sums.forEach((k, v) -> {
            if (k.endsWith("Nanos")) {
                s.append(s.length() > 10 ? ", " : " ").append(k.substring(4, k.length() - 5).toLowerCase(Locale.ROOT))
                        .append(' ').append(Numbers.format(v / frames / 1e6)).append(" ms");
            }
        });
        return s.toString();
    }

    /**
     * CPU time of this JVM (all its threads) in minutes: with the quick profile's single JVM that is the run's CPU
     * cost, which a loaded machine does not inflate the way it inflates wall time. Forked JVMs are not counted.
     */
    private static double cpuMinutes() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime() / 60e9;
        }
        return Double.NaN;
    }

    private static double allocated(RunResult r) {
        for (Map.Entry<String, Result> e : r.getSecondaryResults().entrySet()) {
            if (e.getKey().endsWith("gc.alloc.rate.norm")) {
                return e.getValue().getScore();
            }
        }
        return Double.NaN;
    }

    private static String method(RunResult r) {
        String b = r.getParams().getBenchmark();
        return b.substring(b.lastIndexOf('.') + 1);
    }

    private static String key(String method, Map<String, String> params) {
        return method + params;
    }

    /** Which targets judge {@code row}, for the report. */
    static List<Target> targetsOf(Row row) {
        List<Target> out = new ArrayList<>();
        for (Comparison c : Comparisons.all()) {
            if (c.benchmark().equals(row.benchmark())) {
                c.targets().stream().filter(t -> t.applies().test(row)).forEach(out::add);
            }
        }
        return out;
    }
}
