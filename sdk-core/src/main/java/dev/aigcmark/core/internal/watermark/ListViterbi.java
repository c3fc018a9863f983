package dev.aigcmark.core.internal.watermark;

import java.util.Arrays;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.function.Predicate;

import static dev.aigcmark.core.internal.watermark.PayloadCode.INFO_BITS;
import static dev.aigcmark.core.internal.watermark.PayloadCode.K;
import static dev.aigcmark.core.internal.watermark.PayloadCode.STATES;
import static dev.aigcmark.core.internal.watermark.PayloadCode.TAIL;

/**
 * A list decoder for {@link PayloadCode}: the code paths in order of likelihood (best first), each tried against the
 * CRC and the caller's own check, so a read whose most likely path is wrong by a few bits is still recovered when a
 * near one checks. The usual CRC-aided list Viterbi gain is about 0.5–1 dB at these lengths.
 *
 * <p>How: the forward Viterbi pass keeps, for every step and state, the best score from the start; a best-first
 * search then grows paths backwards from the end state, ranked by (score so far from the end + the best score from
 * the start to where they are). That bound is exact, so complete paths come out in order of their score (the
 * tree-trellis search of Soong and Huang) and each costs at most one pop per step.
 *
 * <p><b>Bounded work.</b> With exact bounds each path costs at most one pop per step of the code, so the search stops
 * after twice {@code paths} × (steps + 1) pops whatever the soft values are (a verify of a mutated MP3 once ran out of a 256 MB
 * heap inside this search: CrossFormatHostileInputTest, seed 20261212). Equal bounds are broken towards the node
 * nearer the start, so ties (silence, quantised garbage) complete paths instead of widening the search.
 *
 * <p><b>False positives.</b> Every path tried is one more chance for noise to pass the checks: a caller that tries
 * {@code n} paths multiplies its per-path false-positive probability by {@code n}, and must count them in its bound.
 */
public final class ListViterbi {
    private ListViterbi() {
    }

    private static final int STEPS = INFO_BITS + TAIL;

    /**
     * The first payload, among the {@code paths} most likely code paths for {@code soft}, whose CRC checks and which
     * {@code accept} takes. {@code paths = 1} is {@link PayloadCode#decode} followed by {@code accept}.
     */
    public static Optional<byte[]> decode(float[] soft, int paths, Predicate<byte[]> accept) {
        byte[][] found = new byte[1][];
        enumerate(soft, paths, bits -> {
            found[0] = PayloadCode.checked(bits).filter(accept).orElse(null);
            return found[0] != null;
        });
        return Optional.ofNullable(found[0]);
    }

    /**
     * Offers the information bits (payload, CRC, tail) of up to {@code paths} code paths, best first, to
     * {@code stop} until it returns true; returns the nodes popped (at most 2 × {@code paths} × (the code's steps + 1)).
     */
    static int enumerate(float[] soft, int paths, Predicate<int[]> stop) {
        if (soft.length != PayloadCode.CODED_BITS) {
            throw new IllegalArgumentException("expected " + PayloadCode.CODED_BITS + " soft values, got " + soft.length);
        }
        double[][] best = forward(soft);
        PriorityQueue<Node> queue = new PriorityQueue<>();
        queue.add(new Node(STEPS, 0, 0, best[STEPS][0], -1, null));
        int found = 0;
        long budget = 2L * paths * (STEPS + 1); // twice the exact case's most, for bounds that tie or round
        int pops = 0;
        while (!queue.isEmpty() && found < paths && pops < budget) {
            Node n = queue.poll();
            pops++;
            if (n.t == 0) {
                found++;
                if (stop.test(n.bits())) {
                    return pops;
                }
                continue;
            }
            // the two states that lead into n.state at step n.t - 1, with the input bit the move shifts in
            int bit = n.state & 1;
            int t = n.t - 1;
            if (t >= INFO_BITS && bit == 1) {
                continue; // the tail shifts in zeros only
            }
            for (int high = 0; high <= 1; high++) {
                int from = (n.state >>> 1) | (high << (K - 2));
                if (best[t][from] == Double.NEGATIVE_INFINITY) {
                    continue;
                }
                double g = n.fromEnd + PayloadCode.branch(soft, t, from, bit);
                queue.add(new Node(t, from, g, best[t][from] + g, bit, n));
            }
        }
        return pops;
    }

    /** best[t][s]: the best score of a path from the start (state 0) to state s after t steps. */
    private static double[][] forward(float[] soft) {
        double[][] best = new double[STEPS + 1][STATES];
        for (double[] row : best) {
            Arrays.fill(row, Double.NEGATIVE_INFINITY);
        }
        best[0][0] = 0;
        for (int t = 0; t < STEPS; t++) {
            int maxBit = t < INFO_BITS ? 1 : 0;
            for (int state = 0; state < STATES; state++) {
                double m = best[t][state];
                if (m == Double.NEGATIVE_INFINITY) {
                    continue;
                }
                for (int bit = 0; bit <= maxBit; bit++) {
                    int next = ((state << 1) | bit) & (STATES - 1);
                    best[t + 1][next] = Math.max(best[t + 1][next], m + PayloadCode.branch(soft, t, state, bit));
                }
            }
        }
        return best;
    }

    /** A path grown back from the end to step {@code t} in {@code state}; {@code bit} is the input bit of step t. */
    private record Node(int t, int state, double fromEnd, double bound, int bit, Node next) implements Comparable<Node> {
        @Override
        public int compareTo(Node o) {
            int c = Double.compare(o.bound, bound); // the highest bound first
            return c != 0 ? c : Integer.compare(t, o.t); // then the node nearer a complete path
        }

        int[] bits() {
            int[] bits = new int[STEPS];
            for (Node n = this; n.next != null; n = n.next) {
                bits[n.t] = n.bit;
            }
            return bits;
        }
    }
}
