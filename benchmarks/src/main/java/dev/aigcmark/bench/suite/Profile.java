package dev.aigcmark.bench.suite;

import org.openjdk.jmh.runner.options.TimeValue;

/** How long the suite measures: quick (under five minutes on 2 cores) or full (the README's table). */
enum Profile {
    QUICK(1, TimeValue.seconds(1), 3, TimeValue.seconds(1)),
    FULL(3, TimeValue.seconds(2), 5, TimeValue.seconds(2));

    final int warmupIterations;
    final TimeValue warmupTime;
    final int measurementIterations;
    final TimeValue measurementTime;

    Profile(int warmupIterations, TimeValue warmupTime, int measurementIterations, TimeValue measurementTime) {
        this.warmupIterations = warmupIterations;
        this.warmupTime = warmupTime;
        this.measurementIterations = measurementIterations;
        this.measurementTime = measurementTime;
    }
}
