package dev.aigcmark.core.internal.watermark;

import java.util.Arrays;
import java.util.Optional;
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
 * <p>How (session 8): the forward Viterbi pass keeps, for every step and state, the best score from the start and the
 * predecessor it came from (the survivor); the best path follows the survivors back from the end state. Every other
 * path leaves a better one exactly once in a way that matters, by taking at some node the other predecessor and then
 * the survivors again (a deviation): so the paths are enumerated from a heap of deviations, each ranked by its exact
 * score (the path's score from the end down to the node, the other branch, the best score from the start to it).
 * Each path taken from the heap puts there the best deviation of its own survivor tail and its parent's next best
 * (the k-best search of Lawler's and Eppstein's kind on the trellis: a path's other deviations rank below its best,
 * so the heap need not hold them yet). Paths come out in order of their score, the same paths in the same order as
 * the tree-trellis search of Soong and Huang that session 7 used (same bounds, summed in the same order), with one
 * heap removal per path instead of one per step of each path, and no node objects: on audio without a mark, where
 * all 64 × 1024 paths of a file are tried, that search was most of a verify's CPU.
 *
 * <p><b>Bounded work.</b> Each removal from the heap is one complete path and adds at most two deviations, each found
 * in one pass over the steps, so the work is at most {@code paths} removals and 2 × {@code paths} passes whatever the
 * soft values are, ties, NaN and infinities included (a verify of a mutated MP3 once ran out of a 256 MB heap inside
 * the session-7 search: CrossFormatHostileInputTest, seed 20261212). Equal scores are broken by the order the paths
 * were found in, then towards the deviation nearer the end.
 *
 * <p><b>False positives.</b> Every path tried is one more chance for noise to pass the checks: a caller that tries
 * {@code n} paths multiplies its per-path false-positive probability by {@code n}, and must count them in its bound.
 */
public final class ListViterbi {
    private ListViterbi() {
    }

    private static final int STEPS = INFO_BITS + TAIL;
    /** The longest list: a candidate packs the index of the path it leaves in 23 bits. */
    static final int MAX_PATHS = 1 << 20;

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
     * {@code stop} until it returns true (the array is reused: a caller that keeps it copies it); returns the paths
     * offered (at most {@code paths}).
     */
    static int enumerate(float[] soft, int paths, Predicate<int[]> stop) {
        if (soft.length != PayloadCode.CODED_BITS) {
            throw new IllegalArgumentException("expected " + PayloadCode.CODED_BITS + " soft values, got " + soft.length);
        }
        if (paths < 1 || paths > MAX_PATHS) {
            throw new IllegalArgumentException("paths must be 1.." + MAX_PATHS + ", got " + paths);
        }
        Trellis trellis = new Trellis(soft);
        // the paths found so far: their states at every step (state[t] after t steps), for their children's prefixes;
        // the step below which each follows the survivors; the last of its deviations taken from the heap
        int room = Math.min(paths, 64);
        byte[][] states = new byte[room][];
        int[] tails = new int[room];
        double[] takenScore = new double[room];
        int[] takenStep = new int[room];
        double[] fromEnd = new double[STEPS + 1];
        int[] bits = new int[STEPS];
        Candidates heap = new Candidates();
        heap.add(trellis.best(STEPS, 0), -1, STEPS); // the best path: no deviation
        int found = 0;
        while (!heap.isEmpty() && found < paths) {
            int parent = heap.parent();
            int at = heap.step();
            double score = heap.score();
            heap.remove();
            byte[] s = new byte[STEPS + 1];
            int tail; // the path follows the survivors below this step
            if (parent < 0) {
                s[STEPS] = 0;
                tail = STEPS;
            } else {
                // the parent's states down to step `at`, then the other way into it
                System.arraycopy(states[parent], at, s, at, STEPS + 1 - at);
                s[at - 1] = (byte) trellis.other(at, s[at]);
                tail = at - 1;
            }
            for (int t = tail; t > 0; t--) {
                s[t - 1] = (byte) trellis.survivor(t, s[t]);
            }
            if (found == states.length) {
                int grown = Math.min(paths, 2 * found);
                states = Arrays.copyOf(states, grown);
                tails = Arrays.copyOf(tails, grown);
                takenScore = Arrays.copyOf(takenScore, grown);
                takenStep = Arrays.copyOf(takenStep, grown);
            }
            int index = found++;
            states[index] = s;
            tails[index] = tail;
            takenStep[index] = -1; // none taken yet
            for (int t = 0; t < STEPS; t++) {
                bits[t] = s[t + 1] & 1;
            }
            if (stop.test(bits)) {
                return found;
            }
            if (found == paths) {
                break;
            }
            // the heap holds, per path found, only its best deviation not yet taken (Eppstein's trick: the others
            // rank below it, so they can wait until it is taken): the new path's best, and the parent's next
            addNext(trellis, heap, index, s, tail, -1, 0, fromEnd);
            if (parent >= 0) {
                takenScore[parent] = score;
                takenStep[parent] = at;
                addNext(trellis, heap, parent, states[parent], tails[parent], at, score, fromEnd);
            }
        }
        return found;
    }

    /**
     * Adds to the heap the best deviation of path {@code index} (states {@code s}, survivors below {@code tail}) that
     * ranks after its deviation at {@code takenStep} scored {@code takenScore} (any, when {@code takenStep < 0}), in
     * the heap's order: higher score first, then the step nearer the end. A deviation at step t leaves s[t] by its
     * other predecessor: its score is the path's score from the end down to step t, the other branch, and the best
     * score from the start to that predecessor (summed as the session-7 search summed its bounds).
     */
    private static void addNext(Trellis trellis, Candidates heap, int index, byte[] s, int tail, int takenStep,
            double takenScore, double[] fromEnd) {
        int bestStep = -1;
        double bestScore = 0;
        fromEnd[STEPS] = 0;
        for (int t = STEPS; t > 0; t--) {
            int bit = s[t] & 1;
            fromEnd[t - 1] = fromEnd[t] + trellis.branch(t - 1, s[t - 1], bit);
            if (t > tail) {
                continue;
            }
            int from = trellis.other(t, s[t]);
            double start = trellis.best(t - 1, from);
            if (start == Double.NEGATIVE_INFINITY) {
                continue;
            }
            double d = start + (fromEnd[t] + trellis.branch(t - 1, from, bit));
            if (takenStep >= 0) {
                int c = Double.compare(d, takenScore);
                if (c > 0 || c == 0 && t >= takenStep) {
                    continue; // taken already (or ranked before the one taken)
                }
            }
            // steps run from the end, so of equal scores the first seen is the one nearer the end
            if (bestStep < 0 || Double.compare(d, bestScore) > 0) {
                bestStep = t;
                bestScore = d;
            }
        }
        if (bestStep >= 0) {
            heap.add(bestScore, index, bestStep);
        }
    }

    /** Per register (state << 1 | input bit): the two bits the code emits, as {@link PayloadCode#output}. */
    private static final byte[] OUTPUT = outputs();

    private static byte[] outputs() {
        byte[] out = new byte[2 * STATES];
        for (int reg = 0; reg < out.length; reg++) {
            out[reg] = (byte) PayloadCode.output(reg);
        }
        for (int low = 0; low < STATES / 2; low++) { // what the butterflies of the forward pass rely on
            int high = low + STATES / 2;
            if (out[(low << 1) | 1] != (out[low << 1] ^ 3) || out[high << 1] != (out[low << 1] ^ 3)
                    || out[(high << 1) | 1] != out[low << 1]) {
                throw new IllegalStateException("the code's generators must tap the newest and the oldest bit");
            }
        }
        return out;
    }

    /**
     * The forward pass: {@code best}, the best score of a path from the start (state 0) to each state after t steps
     * ({@code best[t * STATES + s]}), and {@code survivor}, the state after t - 1 steps on that path (the plain
     * decoder's choice: of two equal scores the predecessor whose high bit is 0). Scores are summed exactly as
     * {@link PayloadCode#branch} and session 7's search summed them (a float sum per step, then doubles), from four
     * branch values per step computed once.
     */
    private static final class Trellis {
        final double[] best = new double[(STEPS + 1) * STATES];
        final byte[] survivor = new byte[(STEPS + 1) * STATES];
        /** branch[t * 4 + output]: the soft value of step t's two coded bits for what the code emits there. */
        final double[] branch = new double[STEPS * 4];

        Trellis(float[] soft) {
            for (int t = 0; t < STEPS; t++) {
                float s0 = soft[2 * t];
                float s1 = soft[2 * t + 1];
                branch[4 * t] = -s0 + -s1;
                branch[4 * t + 1] = -s0 + s1;
                branch[4 * t + 2] = s0 + -s1;
                branch[4 * t + 3] = s0 + s1;
            }
            Arrays.fill(best, Double.NEGATIVE_INFINITY);
            best[0] = 0;
            // butterflies: states j and j + 32 lead to 2j and 2j + 1; both generators tap the register's newest and
            // oldest bits, so flipping either flips both coded bits and negates the branch value (exactly, in IEEE
            // arithmetic): one value per butterfly, +v and -v
            int half = STATES / 2;
            boolean finite = true;
            for (float v : soft) {
                finite &= Float.isFinite(v);
            }
            for (int t = 0; t < STEPS; t++) {
                int here = t * STATES;
                int there = here + STATES;
                int b = 4 * t;
                if (finite && t >= K - 1 && t < INFO_BITS) {
                    // every state reached, every sum finite: the choice without the checks (the same values; of two
                    // equal scores the low predecessor, as the plain decoder)
                    for (int low = 0; low < half; low++) {
                        int high = low + half;
                        double lowBest = best[here + low];
                        double highBest = best[here + high];
                        double v = branch[b + OUTPUT[low << 1]];
                        double low0 = lowBest + v;
                        double high0 = highBest - v;
                        double low1 = lowBest - v;
                        double high1 = highBest + v;
                        boolean h0 = high0 > low0;
                        boolean h1 = high1 > low1;
                        best[there + 2 * low] = h0 ? high0 : low0;
                        best[there + 2 * low + 1] = h1 ? high1 : low1;
                        survivor[there + 2 * low] = (byte) (h0 ? high : low);
                        survivor[there + 2 * low + 1] = (byte) (h1 ? high : low);
                    }
                    continue;
                }
                boolean tail = t >= INFO_BITS;
                for (int low = 0; low < half; low++) {
                    int high = low + half;
                    double lowBest = best[here + low];
                    double highBest = best[here + high];
                    boolean lowOk = lowBest != Double.NEGATIVE_INFINITY;
                    boolean highOk = highBest != Double.NEGATIVE_INFINITY;
                    if (!lowOk && !highOk) {
                        continue;
                    }
                    double v = branch[b + OUTPUT[low << 1]]; // low, input 0 (and high, input 1)
                    step(there + 2 * low, low, high, lowOk, highOk, lowBest + v, highBest - v);
                    if (!tail) { // the tail shifts in zeros only
                        step(there + 2 * low + 1, low, high, lowOk, highOk, lowBest - v, highBest + v);
                    }
                }
            }
        }

        /** The best way into one state from its two predecessors, as session 7's forward pass and the plain decoder. */
        private void step(int at, int low, int high, boolean lowOk, boolean highOk, double viaLow, double viaHigh) {
            double m = Double.NEGATIVE_INFINITY;
            if (lowOk) {
                m = Math.max(m, viaLow);
            }
            if (highOk) {
                m = Math.max(m, viaHigh);
            }
            best[at] = m;
            survivor[at] = (byte) (highOk && (!lowOk || viaHigh > viaLow) ? high : low);
        }

        double best(int t, int state) {
            return best[t * STATES + state];
        }

        int survivor(int t, int state) {
            return survivor[t * STATES + state];
        }

        /** The score of step {@code t} from {@code state} with input {@code bit}: {@link PayloadCode#branch}. */
        double branch(int t, int state, int bit) {
            return branch[4 * t + OUTPUT[(state << 1) | bit]];
        }

        /** The predecessor of {@code state} (after {@code t} steps) that is not its survivor. */
        int other(int t, int state) {
            return survivor(t, state) ^ (1 << (K - 2));
        }
    }

    /**
     * The ways still open to leave a path found, highest score first: a binary heap over parallel arrays (score; the
     * path left and the step whose node is left by its other predecessor), so the search allocates no node objects.
     */
    private static final class Candidates {
        private double[] score = new double[256];
        private int[] where = new int[256];
        private int size;

        boolean isEmpty() {
            return size == 0;
        }

        double score() {
            return score[0];
        }

        int parent() {
            return where[0] >> 8;
        }

        int step() {
            return where[0] & 0xFF;
        }

        void add(double s, int parent, int step) {
            if (size == score.length) {
                score = Arrays.copyOf(score, 2 * size);
                where = Arrays.copyOf(where, 2 * size);
            }
            int w = (parent << 8) | step;
            int i = size++;
            while (i > 0) {
                int up = (i - 1) >>> 1;
                if (!before(s, w, score[up], where[up])) {
                    break;
                }
                score[i] = score[up];
                where[i] = where[up];
                i = up;
            }
            score[i] = s;
            where[i] = w;
        }

        void remove() {
            double s = score[--size];
            int w = where[size];
            int i = 0;
            while (true) {
                int child = 2 * i + 1;
                if (child >= size) {
                    break;
                }
                if (child + 1 < size && before(score[child + 1], where[child + 1], score[child], where[child])) {
                    child++;
                }
                if (!before(score[child], where[child], s, w)) {
                    break;
                }
                score[i] = score[child];
                where[i] = where[child];
                i = child;
            }
            score[i] = s;
            where[i] = w;
        }

        /** Higher score first; of equal scores the earlier path, then the deviation nearer the end (deterministic). */
        private static boolean before(double s1, int w1, double s2, int w2) {
            int c = Double.compare(s1, s2);
            if (c != 0) {
                return c > 0;
            }
            int p1 = w1 >> 8;
            int p2 = w2 >> 8;
            return p1 != p2 ? p1 < p2 : (w1 & 0xFF) > (w2 & 0xFF);
        }
    }
}
