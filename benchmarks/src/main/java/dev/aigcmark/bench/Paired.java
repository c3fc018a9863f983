package dev.aigcmark.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The counters of a baseline and ours alternated within each invocation of one benchmark method, in one fork: each
 * call of {@link Alternation#run} times both, in turn first, in CPU time (this thread's, the whole process's, or all Java
 * threads' for work spread over threads) and wall time, into JMH auxiliary counters that JMH reports as secondary results of every iteration
 * (reset before it). The suite ({@code Suite.paired}) turns them into each side's cost per operation and the ratio
 * as the geometric mean of the per-pair CPU ratios with a 99.9 % Student-t interval: the two sides of a pair ran
 * back to back, so load that comes and goes moves both alike, where separate benchmarks run minutes apart under
 * load decide nothing. A benchmark method takes this state as a parameter and returns what
 * {@link Alternation#run} returns:
 * <pre>
 * &#64;Benchmark public MarkResult markPaired(Paired p) throws Exception {
 *     return Alternation.run(p, this::baselineDecodeEncode, this::mark);
 * }</pre>
 * (JMH allows no public methods but its own in an {@code @AuxCounters} class, hence the separate helper.)
 * The counter names are the suite's contract: {@code pairs}, {@code baselineCpuNanos}, {@code oursCpuNanos},
 * {@code logRatios}, {@code logRatioSquares} (and the wall times, for reading). A pair timed by
 * {@link Alternation#runWall} takes its ratio from the wall times instead and counts itself in {@code wallPairs}
 * (the suite then reports wall time per operation: for work that overlaps its parts on helper threads, where
 * CPU time measures the cost and wall time what a user waits).
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class Paired {
    public long pairs;
    public long baselineNanos;
    public long baselineCpuNanos;
    public long oursNanos;
    public long oursCpuNanos;
    /** Pairs whose ratio is in wall time ({@link Alternation#runWall}); 0 for CPU-time pairs. */
    public long wallPairs;
    /** Sum over the pairs of ln(ours / baseline) in CPU time (wall time for wall pairs), and of its square. */
    public double logRatios;
    public double logRatioSquares;

    @Setup(Level.Iteration)
    public void reset() {
        Alternation.zero(this);
    }

    /** Adds one pair: each side's wall and CPU time per repetition; its ratio in wall time if {@code wall}. */
    void add(long baseline, long baselineCpu, long ours, long oursCpu, boolean wall) {
        pairs++;
        if (wall) {
            wallPairs++;
        }
        baselineNanos += baseline;
        baselineCpuNanos += baselineCpu;
        oursNanos += ours;
        oursCpuNanos += oursCpu;
        double log = wall ? Math.log((double) Math.max(1, ours) / Math.max(1, baseline))
                : Math.log((double) Math.max(1, oursCpu) / Math.max(1, baselineCpu));
        logRatios += log;
        logRatioSquares += log * log;
    }
}
