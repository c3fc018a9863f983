package dev.aigcmark.bench.ab;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The A/B harness's statistics against values worked out by hand (and Student-t quantiles from the tables). */
class AbStatsTest {

    @Test
    void equalRatiosGiveThatRatioWithNoSpread() {
        AbStats s = AbStats.of(new double[]{10, 20, 40, 5}, new double[]{5, 10, 20, 2.5}, 0.95);
        assertThat(s.n()).isEqualTo(4);
        assertThat(s.ratio()).isCloseTo(0.5, within(1e-12));
        assertThat(s.low()).isCloseTo(0.5, within(1e-12));
        assertThat(s.high()).isCloseTo(0.5, within(1e-12));
        assertThat(s.median()).isCloseTo(0.5, within(1e-12));
        assertThat(s.verdict()).isEqualTo("B faster");
    }

    /**
     * Pair ratios e^0.1, e^-0.1, e^0.3, e^-0.3 (logs mean 0, sample sd sqrt(0.2/3)), 95 %: t(3) = 3.182446, so the
     * half-width in logs is 3.182446 * sqrt(0.2/3) / 2.
     */
    @Test
    void theIntervalIsStudentsTOnTheLogRatios() {
        double[] a = {1, 1, 1, 1};
        double[] b = {Math.exp(0.1), Math.exp(-0.1), Math.exp(0.3), Math.exp(-0.3)};
        AbStats s = AbStats.of(a, b, 0.95);
        double half = 3.182446 * Math.sqrt(0.2 / 3) / 2;
        assertThat(s.ratio()).isCloseTo(1, within(1e-12));
        assertThat(s.low()).isCloseTo(Math.exp(-half), within(1e-6));
        assertThat(s.high()).isCloseTo(Math.exp(half), within(1e-6));
        assertThat(s.median()).isCloseTo(1, within(1e-12)); // (e^-0.1 + e^0.1 logs) / 2 = 0
        assertThat(s.verdict()).isEqualTo("no difference shown");
        // 99 %: t(3) = 5.840909, a wider interval
        AbStats wide = AbStats.of(a, b, 0.99);
        assertThat(wide.high()).isCloseTo(Math.exp(5.840909 * Math.sqrt(0.2 / 3) / 2), within(1e-6));
    }

    /** The ratio is B over A, a geometric mean: 2× and 8× average to 4×, whatever the units of the pair. */
    @Test
    void theRatioIsTheGeometricMeanOfBOverA() {
        AbStats s = AbStats.of(new double[]{3, 0.001}, new double[]{6, 0.008}, 0.95);
        assertThat(s.ratio()).isCloseTo(4, within(1e-9));
        assertThat(s.median()).isCloseTo(4, within(1e-9));
        // logs ln2 and 3 ln2: sample sd sqrt(2) ln2, over sqrt(2 pairs), times t(1) = 12.706205
        double half = 12.706205 * Math.sqrt(2) * Math.log(2) / Math.sqrt(2);
        assertThat(s.high()).isCloseTo(4 * Math.exp(half), within(1e-3 * 4 * Math.exp(half)));
        assertThat(s.low()).isGreaterThan(0);
    }

    @Test
    void slowerAndOnePair() {
        assertThat(AbStats.of(new double[]{1, 1, 1}, new double[]{1.2, 1.3, 1.25}, 0.95).verdict()).isEqualTo("B slower");
        AbStats one = AbStats.of(new double[]{2}, new double[]{3}, 0.95);
        assertThat(one.ratio()).isCloseTo(1.5, within(1e-12));
        assertThat(one.low()).isNaN();
        assertThat(one.verdict()).isEqualTo("one pair: no interval");
    }

    @Test
    void badInputIsRefused() {
        assertThatThrownBy(() -> AbStats.of(new double[]{1}, new double[]{1, 2}, 0.95))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AbStats.of(new double[]{0}, new double[]{1}, 0.95))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AbStats.of(new double[]{1}, new double[]{1}, 1.0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(AbStats.median(new double[]{4, 1, 3, 2})).isEqualTo(2.5);
        assertThat(AbStats.median(new double[]{5, 1, 3})).isEqualTo(3);
    }
}
