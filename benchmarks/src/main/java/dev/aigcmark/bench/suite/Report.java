package dev.aigcmark.bench.suite;

import dev.aigcmark.bench.suite.Comparison.Target;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The results as a Markdown table a person reads next to the README's Performance section. */
final class Report {
    private Report() {
    }

    static String markdown(Profile profile, List<Row> rows, double minutes, double cpuMinutes, String command,
                           String started) {
        StringBuilder s = new StringBuilder();
        s.append("# Benchmark results (").append(profile.name().toLowerCase(Locale.ROOT)).append(" profile)\n\n");
        s.append("Command: `").append(command).append("`, started ").append(started).append(".\n");
        s.append("Machine: ").append(machine()).append(". Run took ")
                .append(String.format(Locale.ROOT, "%.1f", minutes)).append(" min")
                .append(Double.isNaN(cpuMinutes) || profile.forks > 0 ? ""
                        : String.format(Locale.ROOT, " (CPU time %.1f min)", cpuMinutes))
                .append(", one-minute load average at the end ")
                .append(String.format(Locale.ROOT, "%.1f",
                        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()))
                .append(".\n");
        s.append("Each figure: median of ").append(profile.measurementIterations).append(" measurement iterations of ")
                .append(profile.measurementTime).append(" (after ").append(profile.warmupIterations).append(" × ")
                .append(profile.warmupTime).append(" warm-up, ").append(profile.forkText()).append(") ± JMH's 99.9 % confidence half-width; ")
                .append("the baseline is measured in the same run with the same parameters; load = the machine's ")
                .append("one-minute load average when that benchmark finished. A paired case (baseline \"alternated in ")
                .append("one fork\") runs its baseline and ours back to back in every invocation, each in turn first: ")
                .append("each side is its CPU time per operation (its wall time where the baseline says \"wall time\"; ")
                .append("median over the iterations ± JMH's half-width), the ratio the geometric mean of the per-pair ")
                .append("ratios in the same clock ± its 99.9 % Student-t half-width.\n\n");
        s.append("| benchmark | case | ours | baseline | baseline cost | ratio | target | met? | load |\n");
        s.append("|---|---|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            List<Target> targets = Suite.targetsOf(r);
            StringBuilder target = new StringBuilder();
            StringBuilder met = new StringBuilder();
            for (Target t : targets) {
                double f = t.fraction(r);
                target.append(target.length() > 0 ? "; " : "").append(t.text());
                String verdict = f <= 1 ? "yes" : "**no, " + String.format(Locale.ROOT, "%.2f", f) + "× the target**";
                met.append(met.length() > 0 ? "; " : "").append(t.undecided(r)
                        ? "undecided: the target is inside the error (" + (f <= 1 ? "yes" : "no") + " by the figure)"
                        : verdict);
            }
            String alloc = Double.isNaN(r.allocBytes()) ? ""
                    : " (allocates " + Numbers.format(r.allocBytes() / 1e6) + " MB/op)";
            s.append("| ").append(r.benchmark().replace("Benchmark", "")).append('.').append(r.method())
                    .append(" | ").append(r.caseName())
                    .append(" | ").append(r.ours().format()).append(alloc)
                    .append(r.note().isEmpty() ? "" : "; " + r.note())
                    .append(" | ").append(r.baselineMethod())
                    .append(" | ").append(r.baseline().format())
                    .append(" | ").append(Numbers.format(r.ratio())).append("× ± ").append(Numbers.format(r.ratioError()))
                    .append(" | ").append(target.length() == 0 ? "–" : target)
                    .append(" | ").append(met.length() == 0 ? "–" : met)
                    .append(" | ").append(String.format(Locale.ROOT, "%.1f", r.load())).append(" |\n");
        }
        return s.toString();
    }

    /** Cores, memory, CPU model and JVM: what a reader needs to compare these figures with their own. */
    static String machine() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse(cpu);
        } catch (IOException | RuntimeException e) {
            // not Linux: the core count and JVM still describe the machine
        }
        long heap = Runtime.getRuntime().maxMemory() >> 20;
        return Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), " + System.getProperty("os.name")
                + " " + System.getProperty("os.arch") + ", Java " + System.getProperty("java.vm.version")
                + ", suite heap " + heap + " MB";
    }
}
