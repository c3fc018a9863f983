package dev.aigcmark.core.internal.dsp;

import dev.aigcmark.testing.TestSeed;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class Radix4FftTest {

    /**
     * The merged stages give the radix-2 transform's numbers up to rounding, forward and inverse, for every length
     * from 1 to 2048 (odd and even numbers of stages), 1-D, 2-D and on a run of columns only.
     */
    @Test
    void equalsTheRadix2TransformUpToRounding() {
        Random rnd = TestSeed.random("Radix4FftTest.lengths");
        for (int n = 1; n <= 2048; n <<= 1) {
            for (boolean inverse : new boolean[] {false, true}) {
                double[] re = gaussian(rnd, n);
                double[] im = gaussian(rnd, n);
                double[] er = re.clone();
                double[] ei = im.clone();
                Fft.transform(er, ei, 0, n, 1, inverse);
                Radix4Fft.transform(re, im, 0, n, inverse);
                assertClose(re, im, er, ei, "length " + n);
            }
        }
        for (int[] s : new int[][] {{64, 32}, {128, 128}, {32, 256}, {8, 2}}) {
            int cols = s[0];
            int rows = s[1];
            for (boolean inverse : new boolean[] {false, true}) {
                double[] re = gaussian(rnd, cols * rows);
                double[] im = gaussian(rnd, cols * rows);
                double[] er = re.clone();
                double[] ei = im.clone();
                Fft.transform2d(er, ei, cols, rows, inverse);
                double[] r2 = re.clone();
                double[] i2 = im.clone();
                Radix4Fft.transform2d(r2, i2, cols, rows, inverse);
                assertClose(r2, i2, er, ei, cols + "x" + rows);

                // columns [cols/4, cols/2) only: those transformed, the others untouched
                double[] cr = re.clone();
                double[] ci = im.clone();
                Fft.transformColumns(cr, ci, cols, rows, inverse, cols / 4, cols / 2);
                double[] r3 = re.clone();
                double[] i3 = im.clone();
                Radix4Fft.transformColumns(r3, i3, cols, rows, inverse, cols / 4, cols / 2);
                assertClose(r3, i3, cr, ci, cols + "x" + rows + " columns");
                for (int r = 0; r < rows; r++) {
                    for (int x = 0; x < cols; x++) {
                        if (x < cols / 4 || x >= cols / 2) {
                            assertThat(r3[r * cols + x]).isEqualTo(re[r * cols + x]);
                        }
                    }
                }
            }
        }
    }

    /**
     * The column pass runs {@link Radix4Fft#transform}'s butterflies (one kernel) with the same twiddles on each
     * column: bit-identical to the 1-D transform of the column copied out, for odd and even numbers of stages.
     */
    @Test
    void theColumnPassIsTheOneDimensionalTransformBitForBit() {
        Random rnd = TestSeed.random("Radix4FftTest.columns");
        for (int rows = 1; rows <= 512; rows <<= 1) {
            int cols = 12;
            for (boolean inverse : new boolean[] {false, true}) {
                double[] re = gaussian(rnd, cols * rows);
                double[] im = gaussian(rnd, cols * rows);
                double[] cr = re.clone();
                double[] ci = im.clone();
                Radix4Fft.transformColumns(cr, ci, cols, rows, inverse, 1, cols - 2);
                for (int x = 0; x < cols; x++) {
                    double[] colRe = new double[rows];
                    double[] colIm = new double[rows];
                    for (int r = 0; r < rows; r++) {
                        colRe[r] = re[r * cols + x];
                        colIm[r] = im[r * cols + x];
                    }
                    if (x >= 1 && x < cols - 2) {
                        Radix4Fft.transform(colRe, colIm, 0, rows, inverse);
                    }
                    for (int r = 0; r < rows; r++) {
                        assertThat(cr[r * cols + x]).as("%d rows, column %d, row %d", rows, x, r).isEqualTo(colRe[r]);
                        assertThat(ci[r * cols + x]).as("%d rows, column %d, row %d", rows, x, r).isEqualTo(colIm[r]);
                    }
                }
            }
        }
    }

    /**
     * The zero-padded column pass is {@link Radix4Fft#transformColumns} of the same array: every element equal as a
     * number (a zero may change sign) and its power {@code re² + im²} bit for bit, for odd and even numbers of
     * stages, filled row counts from 0 to past half (where it is the plain pass), forward and inverse, with zeros
     * inside the filled rows too.
     */
    @Test
    void theZeroPaddedColumnPassIsTheColumnPassBitForBit() {
        Random rnd = TestSeed.random("Radix4FftTest.zeroPadded");
        for (int rows = 1; rows <= 1024; rows <<= 1) {
            int cols = 7;
            for (int filled : new int[] {0, 1, rows / 4, rows / 2 - 1, rows / 2, rows / 2 + 1, rows}) {
                if (filled < 0 || filled > rows) {
                    continue;
                }
                for (boolean inverse : new boolean[] {false, true}) {
                    double[] re = new double[cols * rows];
                    double[] im = new double[cols * rows];
                    for (int i = 0; i < filled * cols; i++) {
                        re[i] = rnd.nextInt(8) == 0 ? 0 : 100 * rnd.nextGaussian();
                        im[i] = rnd.nextInt(8) == 0 ? 0 : 100 * rnd.nextGaussian();
                    }
                    double[] er = re.clone();
                    double[] ei = im.clone();
                    Radix4Fft.transformColumns(er, ei, cols, rows, inverse, 0, cols);
                    Radix4Fft.transformZeroPaddedColumns(re, im, cols, rows, inverse, filled);
                    for (int i = 0; i < re.length; i++) {
                        String at = rows + " rows, " + filled + " filled, " + (inverse ? "inverse" : "forward") + ", at " + i;
                        assertThat(re[i] == er[i]).as(at).isTrue();
                        assertThat(im[i] == ei[i]).as(at).isTrue();
                        assertThat(Double.doubleToRawLongBits(re[i] * re[i] + im[i] * im[i]))
                                .as(at).isEqualTo(Double.doubleToRawLongBits(er[i] * er[i] + ei[i] * ei[i]));
                    }
                }
            }
        }
    }

    /** Transforms at an offset inside a longer array leave the rest of it alone. */
    @Test
    void transformsInPlaceAtAnOffset() {
        Random rnd = TestSeed.random("Radix4FftTest.offset");
        double[] re = gaussian(rnd, 96);
        double[] im = gaussian(rnd, 96);
        double[] er = re.clone();
        double[] ei = im.clone();
        Fft.transform(er, ei, 16, 64, 1, false);
        Radix4Fft.transform(re, im, 16, 64, false);
        assertClose(re, im, er, ei, "offset 16");
        for (int i = 0; i < 96; i++) {
            if (i < 16 || i >= 80) {
                assertThat(re[i]).isEqualTo(er[i]);
            }
        }
    }

    private static double[] gaussian(Random rnd, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = 100 * rnd.nextGaussian();
        }
        return v;
    }

    private static void assertClose(double[] re, double[] im, double[] er, double[] ei, String what) {
        double scale = 1e-300;
        for (int i = 0; i < er.length; i++) {
            scale = Math.max(scale, Math.hypot(er[i], ei[i]));
        }
        for (int i = 0; i < er.length; i++) {
            assertThat(Math.hypot(re[i] - er[i], im[i] - ei[i]) / scale).as("%s at %d", what, i).isLessThan(1e-12);
        }
    }
}
