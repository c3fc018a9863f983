package dev.aigcmark.bench.suite;

import org.openjdk.jmh.runner.options.TimeValue;

/**
 * How long the suite measures: quick (under five minutes on 2 cores) or full (the README's table). The full
 * profile forks a fresh JVM for every benchmark and parameter, as JMH advises; the quick one runs them all in the
 * suite's own JVM ({@code forks = 0}): its 26 forks each paid a JVM start, class loading and JIT compilation of the
 * SDK again, which was most of its CPU time. Quick figures can carry another benchmark's JIT profile (JMH's
 * "profile pollution"), so they are a check between full runs, not the published table.
 */
enum Profile {
    QUICK(1, TimeValue.seconds(1), 3, TimeValue.seconds(1), 0),
    FULL(3, TimeValue.seconds(2), 5, TimeValue.seconds(2), 1);

    final int warmupIterations;
    final TimeValue warmupTime;
    final int measurementIterations;
    final TimeValue measurementTime;
    final int forks;

    Profile(int warmupIterations, TimeValue warmupTime, int measurementIterations, TimeValue measurementTime,
            int forks) {
        this.warmupIterations = warmupIterations;
        this.warmupTime = warmupTime;
        this.measurementIterations = measurementIterations;
        this.measurementTime = measurementTime;
        this.forks = forks;
    }

    /** How the report describes the JVMs, e.g. "1 fork" or "no fork: all in one JVM". */
    String forkText() {
        return forks == 0 ? "no fork: every benchmark in the suite's JVM" : forks + " fork per benchmark and case";
    }
}
