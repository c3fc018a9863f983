package dev.aigcmark.image.internal.watermark;

import dev.aigcmark.core.identity.WatermarkKey;
import dev.aigcmark.core.internal.watermark.PayloadCode;
import dev.aigcmark.core.internal.watermark.WatermarkPayload;
import dev.aigcmark.testing.TestSeed;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

/**
 * {@link FoldFlattening} in the soft bits: a fold whose host residue is a few strong low-frequency waves (what a
 * periodic texture leaves after folding) still reads its coded bits, and a fold of white noise is not changed in
 * kind (it stays noise of the same spread: the flattening adds no signal of its own).
 */
class FoldFlatteningTest {
    private static final WatermarkKey KEY = new WatermarkKey(0x0C0D, "fold-flattening-test-key".getBytes(StandardCharsets.US_ASCII));
    private static final int T = WatermarkPattern.TILE;

    @Test
    void strongPeriodicHostResidueDoesNotOutvoteTheMark() {
        Random rnd = TestSeed.random("FoldFlatteningTest.waves");
        WatermarkPayload payload = WatermarkPayload.of(KEY, rnd.nextInt(1 << 30));
        WatermarkPattern pattern = WatermarkPattern.of(KEY);
        double[] fold = pattern.tile(PayloadCode.encode(payload.toBytes())); // unit RMS
        // four waves of 1–5 cycles per tile (not whole numbers: a folded host leaks into neighbouring bins), each
        // 3 times the mark's RMS. Measured on 30 such folds: the plain matched filter read 0.74 of the coded bits on
        // average (at best 0.84, often not decodable), the flattened one 0.96 (at worst 0.91)
        for (int wave = 0; wave < 4; wave++) {
            double fx = 1 + 4 * rnd.nextDouble();
            double fy = 1 + 4 * rnd.nextDouble();
            double phase = 2 * Math.PI * rnd.nextDouble();
            for (int y = 0; y < T; y++) {
                for (int x = 0; x < T; x++) {
                    fold[y * T + x] += 3 * Math.sqrt(2) * Math.sin(2 * Math.PI * (fx * x + fy * y) / T + phase);
                }
            }
        }
        for (int i = 0; i < fold.length; i++) {
            fold[i] += 0.5 * rnd.nextGaussian();
        }
        float[] soft = pattern.softBits(fold);
        assertThat(PayloadCode.agreement(soft, payload.toBytes())).isGreaterThanOrEqualTo(0.9);
        assertThat(LumaDetector.decode(soft, KEY)).contains(payload);
    }

    @Test
    void theTemplateFilterInTheFlatteningsSpectrumIsTheSpatialOne() {
        Random rnd = TestSeed.random("FoldFlatteningTest.filter");
        double[] fold = new double[WatermarkPattern.AREA];
        for (int i = 0; i < fold.length; i++) {
            fold[i] = rnd.nextGaussian() + 5 * Math.sin(2 * Math.PI * 3.3 * (i & (T - 1)) / T);
        }
        double[] spatial = WatermarkPattern.detectorTemplate(FoldFlattening.flatten(fold));
        double[] spectral = FoldFlattening.flattenedTemplate(fold);
        double scale = 0;
        for (double v : spatial) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < fold.length; i++) {
            assertThat(spectral[i]).isCloseTo(spatial[i], offset(1e-9 * scale));
        }
    }

    @Test
    void flatteningWhiteNoiseLeavesWhiteNoise() {
        Random rnd = TestSeed.random("FoldFlatteningTest.noise");
        double[] noise = new double[WatermarkPattern.AREA];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = rnd.nextGaussian();
        }
        double[] flat = FoldFlattening.flatten(noise);
        double mean = 0;
        for (double v : flat) {
            mean += v;
        }
        mean /= flat.length;
        double var = 0;
        double lag1 = 0;
        for (int i = 0; i < flat.length; i++) {
            var += (flat[i] - mean) * (flat[i] - mean);
            lag1 += (flat[i] - mean) * (flat[(i & ~(T - 1)) | ((i + 1) & (T - 1))] - mean);
        }
        // the weights are nearly constant on a flat spectrum: the output is noise again, uncorrelated between
        // neighbours (a smoothing or sharpening filter would correlate them)
        assertThat(lag1 / var).isCloseTo(0, offset(0.05));
        assertThat(flat).doesNotContain(Double.NaN);
    }
    @Test
    void theExponentSetsHowFarLoudBinsAreFlattened() {
        // a 16×16 spectrum of unit bins with a 5×5 block 100 times louder in amplitude (10⁴ in power): the block's
        // centre sees only loud neighbours, a far bin only quiet ones, so after weighting by the local mean power to
        // the −p their magnitudes are 100^(1 − 2p) apart: equal at ½ (the sync's half-way flattening), the loud bin
        // 10 times quieter at ¾ (the coarse screen's), 100 times at 1
        int n = 16;
        for (double p : new double[] {0.5, 0.75, 1}) {
            double[] re = new double[n * n];
            double[] im = new double[n * n];
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++) {
                    double a = Math.abs(x - 8) <= 2 && Math.abs(y - 8) <= 2 ? 100 : 1;
                    re[y * n + x] = a * Math.cos(x + 3 * y); // the phase is kept, the magnitude weighted
                    im[y * n + x] = a * Math.sin(x + 3 * y);
                }
            }
            FoldFlattening.whitenSpectrum(re, im, n, p);
            double loud = Math.hypot(re[8 * n + 8], im[8 * n + 8]);
            double quiet = Math.hypot(re[0], im[0]);
            assertThat(loud / quiet).as("p = %s", p).isCloseTo(Math.pow(100, 1 - 2 * p), offset(1e-9 * Math.pow(100, 1 - 2 * p)));
            assertThat(Math.atan2(im[8 * n + 8], re[8 * n + 8])).isCloseTo(Math.atan2(Math.sin(32), Math.cos(32)), offset(1e-12));
        }
    }

    @Test
    void theHalfExponentIsTheSyncsFlatteningBitForBitAndSilentBinsStaySilent() {
        Random rnd = TestSeed.random("FoldFlatteningTest.exponent");
        int n = WatermarkPattern.COARSE;
        double[] re = new double[n * n];
        double[] im = new double[n * n];
        for (int i = 0; i < re.length; i++) {
            re[i] = rnd.nextGaussian() * (1 + 50 * rnd.nextDouble());
            im[i] = rnd.nextGaussian();
        }
        for (int y = 0; y < 5; y++) { // a silent 5×5 corner: its inner 3×3 bins have a zero local mean
            for (int x = 0; x < 5; x++) {
                re[y * n + x] = 0;
                im[y * n + x] = 0;
            }
        }
        double[] re2 = re.clone();
        double[] im2 = im.clone();
        double[] re3 = re.clone();
        double[] im3 = im.clone();
        FoldFlattening.whitenSpectrum(re, im, n);
        FoldFlattening.whitenSpectrum(re2, im2, n, 0.5);
        FoldFlattening.whitenSpectrum(re3, im3, n, Analysis.COARSE_FLATTENING);
        assertThat(re2).isEqualTo(re);
        assertThat(im2).isEqualTo(im);
        assertThat(re3).doesNotContain(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
        assertThat(re3[2 * n + 2]).isZero();
        assertThat(re3).isNotEqualTo(re);
    }
}
