package dev.aigcmark.core.internal.watermark;

import dev.aigcmark.testing.TestSeed;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static dev.aigcmark.core.internal.watermark.PayloadCodeTest.KEY;
import static org.assertj.core.api.Assertions.assertThat;

/** The list decoder: what the plain Viterbi decoder reads it reads too, it reads more, and noise never passes. */
class ListViterbiTest {

    @Test
    void oneListedPathIsThePlainDecoder() {
        Random rnd = TestSeed.random("ListViterbiTest.onePath");
        for (int trial = 0; trial < 200; trial++) {
            float[] soft = noisy(payload(rnd), 1.0, rnd);
            Optional<byte[]> plain = PayloadCode.decode(soft);
            Optional<byte[]> listed = ListViterbi.decode(soft, 1, b -> true);
            assertThat(listed.isPresent()).isEqualTo(plain.isPresent());
            plain.ifPresent(p -> assertThat(listed.get()).isEqualTo(p));
        }
    }

    @Test
    void aLongerListReadsWhatTheBestPathMissesAndNothingElse() {
        Random rnd = TestSeed.random("ListViterbiTest.gain");
        int plain = 0;
        int listed = 0;
        for (int trial = 0; trial < 200; trial++) {
            byte[] truth = payload(rnd);
            // noise at which the best path is wrong most of the time (about three times in four)
            float[] soft = noisy(truth, 1.05, rnd);
            if (PayloadCode.decode(soft).flatMap(b -> WatermarkPayload.parse(b, KEY)).isPresent()) {
                plain++;
            }
            Optional<byte[]> p = ListViterbi.decode(soft, 1024, b -> WatermarkPayload.parse(b, KEY).isPresent());
            if (p.isPresent()) {
                assertThat(p.get()).as("trial %d", trial).isEqualTo(truth);
                listed++;
            }
        }
        System.out.printf("ListViterbiTest: best path %d, list of 1024 %d of 200%n", plain, listed);
        assertThat(plain).isLessThan(150);
        assertThat(listed).isGreaterThanOrEqualTo(plain + 50);
    }

    /**
     * Soft values that say nothing (silence, a decoder's garbage, NaN from 0/0) make every path score the same: the
     * search must still end with a small, bounded amount of work (a verify of a mutated MP3 ran out of a 256 MB heap
     * inside this search: CrossFormatHostileInputTest, seed 20261212).
     */
    @Test
    void softValuesThatSayNothingEndWithinABoundedSearch() {
        Random rnd = TestSeed.random("ListViterbiTest.degenerate");
        float[][] degenerate = new float[5][PayloadCode.CODED_BITS];
        Arrays.fill(degenerate[1], Float.NaN);
        Arrays.fill(degenerate[2], Float.POSITIVE_INFINITY);
        for (int i = 0; i < PayloadCode.CODED_BITS; i++) {
            degenerate[3][i] = rnd.nextInt(3) - 1; // quantised garbage: many paths score exactly the same
            degenerate[4][i] = (float) (rnd.nextGaussian() * Math.pow(10, rnd.nextInt(30))); // sums that round
        }
        int steps = PayloadCode.CODED_BITS / 2;
        for (float[] soft : degenerate) {
            int[] offered = new int[1];
            int pops = ListViterbi.enumerate(soft, 1024, bits -> ++offered[0] < 0);
            assertThat(offered[0]).as(Arrays.toString(Arrays.copyOf(soft, 2))).isBetween(1, 1024);
            assertThat(pops).as("work bounded by paths x steps").isLessThanOrEqualTo(2 * 1024 * (steps + 1));
            assertThat(ListViterbi.decode(soft, 1024, b -> WatermarkPayload.parse(b, KEY).isPresent())).isEmpty();
        }
    }

    @Test
    void thePathsComeBestFirstEachOnceAndAsManyAsAsked() {
        Random rnd = TestSeed.random("ListViterbiTest.order");
        float[] soft = noisy(payload(rnd), 1.0, rnd);
        List<int[]> seen = new ArrayList<>();
        ListViterbi.enumerate(soft, 500, bits -> !seen.add(bits));
        assertThat(seen).hasSize(500);
        assertThat(seen.stream().map(Arrays::toString).distinct().count()).isEqualTo(500);
        double previous = Double.POSITIVE_INFINITY;
        for (int[] bits : seen) {
            double score = score(soft, bits);
            assertThat(score).isLessThanOrEqualTo(previous + 1e-3);
            previous = score;
        }
    }

    @Test
    void noiseNeverPassesTheKeyedChecksWhateverTheList() {
        Random rnd = TestSeed.random("ListViterbiTest.noise");
        for (int trial = 0; trial < 100; trial++) {
            float[] soft = new float[PayloadCode.CODED_BITS];
            for (int i = 0; i < soft.length; i++) {
                soft[i] = (float) rnd.nextGaussian();
            }
            // 100 × 1024 paths at 2^-48 each: a pass would mean the checks are broken
            assertThat(ListViterbi.decode(soft, 1024, b -> WatermarkPayload.parse(b, KEY).isPresent())).isEmpty();
        }
    }

    private static byte[] payload(Random rnd) {
        return WatermarkPayload.of(KEY, rnd.nextInt() & 0xFFFF_FFFFL).toBytes();
    }

    private static float[] noisy(byte[] payload, double sigma, Random rnd) {
        int[] code = PayloadCode.encode(payload);
        float[] soft = new float[code.length];
        for (int i = 0; i < code.length; i++) {
            soft[i] = (float) (code[i] + sigma * rnd.nextGaussian());
        }
        return soft;
    }

    /** The score of the code path that {@code bits} (payload, CRC, tail) drive, as the decoder ranks paths. */
    private static double score(float[] soft, int[] bits) {
        double s = 0;
        int state = 0;
        for (int t = 0; t < bits.length; t++) {
            s += PayloadCode.branch(soft, t, state, bits[t]);
            state = ((state << 1) | bits[t]) & (PayloadCode.STATES - 1);
        }
        return s;
    }
}
