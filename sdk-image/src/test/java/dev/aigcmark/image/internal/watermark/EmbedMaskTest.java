package dev.aigcmark.image.internal.watermark;

import dev.aigcmark.testing.TestSeed;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mask's gains against the model written out the plain way (block statistics from the even rows, Chou–Li
 * luminance factor, texture exponent chosen flattest first, 3×3 mean with the border's own count, RMS 1, floor):
 * the fast paths (row-major statistics from interleaved pixels, separable smoothing) must give the same floats.
 */
class EmbedMaskTest {
    private static final double[] EXPONENTS = {0.15, 0.25, 0.35, 0.5};
    private static final double C2 = 58.5;

    @Test
    void gainsEqualThePlainModelFromLumaAndFromPixels() {
        Random random = TestSeed.random("EmbedMaskTest.planes");
        for (int round = 0; round < 6; round++) {
            int w = 17 + random.nextInt(400);
            int h = 9 + random.nextInt(300);
            double strength = round == 5 ? 6.0 : LumaWatermarker.DEFAULT_STRENGTH; // 6: later exponents are tried
            byte[] bgr = new byte[w * h * 3];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int base = x < w / 3 ? 8 : y < h / 2 ? 128 : 230;       // dark, mid, bright
                    int noise = (x / 7 + y / 5) % 3 == 0 ? random.nextInt(90) : random.nextInt(3); // texture, flat
                    for (int c = 0; c < 3; c++) {
                        bgr[(y * w + x) * 3 + c] = (byte) Math.min(255, base + noise + random.nextInt(4) * c);
                    }
                }
            }
            byte[] luma = new byte[w * h];
            for (int i = 0; i < luma.length; i++) {
                luma[i] = (byte) ImageWatermarker.luma(bgr[3 * i + 2], bgr[3 * i + 1], bgr[3 * i]);
            }
            float[] expected = plainGains(luma, w, h, strength);
            EmbedMask fromLuma = new EmbedMask();
            fromLuma.update(luma, w, h, w, strength);
            EmbedMask fromPixels = new EmbedMask();
            fromPixels.updateFromPixels(bgr, 3, w, h, strength);
            assertThat(Arrays.copyOf(fromLuma.gains, expected.length)).as("luma %dx%d", w, h).isEqualTo(expected);
            assertThat(Arrays.copyOf(fromPixels.gains, expected.length)).as("pixels %dx%d", w, h).isEqualTo(expected);
            assertThat(new HashSet<>(Arrays.asList(box(expected)))).as("gains vary").hasSizeGreaterThan(10);
        }
    }

    /**
     * R, G, B pixels (the order a colour JPEG is decoded in for marking) at every width modulo 8: the gains from the
     * pixels, whose 3-byte rows are summed a whole block of 8 at a time and then the part block at the row's end,
     * equal the gains from the luma plane. Fails with the part block left out (widths not a multiple of 8).
     */
    @Test
    void gainsFromRgbPixelsEqualTheLumaPlanesAtEveryWidthModuloEight() {
        Random random = TestSeed.random("EmbedMaskTest.rgbWidths");
        for (int tail = 0; tail < 8; tail++) {
            int w = 8 * (3 + random.nextInt(40)) + tail;
            int h = 9 + random.nextInt(120);
            byte[] rgb = new byte[w * h * 3];
            for (int i = 0; i < w * h; i++) {
                int base = (i % w) < w / 2 ? 20 : 200;
                int noise = ((i % w) / 5 + (i / w) / 3) % 2 == 0 ? random.nextInt(50) : random.nextInt(3);
                for (int c = 0; c < 3; c++) {
                    rgb[3 * i + c] = (byte) Math.min(255, base + noise + 9 * c);
                }
            }
            byte[] luma = new byte[w * h];
            for (int i = 0; i < luma.length; i++) {
                luma[i] = (byte) ImageWatermarker.luma(rgb[3 * i], rgb[3 * i + 1], rgb[3 * i + 2]);
            }
            EmbedMask fromLuma = new EmbedMask();
            fromLuma.update(luma, w, h, w, LumaWatermarker.DEFAULT_STRENGTH);
            EmbedMask fromPixels = new EmbedMask();
            fromPixels.updateFromPixels(rgb, 3, true, w, h, LumaWatermarker.DEFAULT_STRENGTH);
            int blocks = ((w + 7) / 8) * ((h + 7) / 8);
            assertThat(Arrays.copyOf(fromPixels.gains, blocks)).as("%dx%d", w, h)
                    .isEqualTo(Arrays.copyOf(fromLuma.gains, blocks));
        }
    }

    private static Float[] box(float[] f) {
        Float[] out = new Float[f.length];
        for (int i = 0; i < f.length; i++) {
            out[i] = f[i];
        }
        return out;
    }

    private static float[] plainGains(byte[] luma, int w, int h, double strength) {
        int bw = (w + 7) / 8;
        int bh = (h + 7) / 8;
        double[] variance = new double[bw * bh];
        double[] lum = new double[bw * bh];
        for (int by = 0; by < bh; by++) {
            for (int bx = 0; bx < bw; bx++) {
                long sum = 0;
                long sq = 0;
                int n = 0;
                for (int y = by * 8; y < Math.min(h, by * 8 + 8); y += 2) {
                    for (int x = bx * 8; x < Math.min(w, bx * 8 + 8); x++) {
                        int v = luma[y * w + x] & 0xFF;
                        sum += v;
                        sq += v * v;
                        n++;
                    }
                }
                double mean = sum / (double) n;
                variance[by * bw + bx] = (float) Math.max(0, sq / (double) n - mean * mean);
                lum[by * bw + bx] = (float) EmbedMask.luminanceFactor(mean);
            }
        }
        double seen = EmbedMask.ssimVisibleShare(TileGeometry.period(w, h) / (double) WatermarkPattern.CHIPS);
        float[] gains = new float[bw * bh];
        for (double e : EXPONENTS) {
            float[] jnd = new float[bw * bh];
            for (int i = 0; i < jnd.length; i++) {
                jnd[i] = (float) (lum[i] * Math.pow((2 * variance[i] + C2) / C2, e));
            }
            double sumSq = 0;
            for (int by = 0; by < bh; by++) {
                for (int bx = 0; bx < bw; bx++) {
                    double s = 0;
                    int n = 0;
                    for (int yy = Math.max(0, by - 1); yy <= Math.min(bh - 1, by + 1); yy++) {
                        for (int xx = Math.max(0, bx - 1); xx <= Math.min(bw - 1, bx + 1); xx++) {
                            s += Math.min(EmbedMask.MAX_GAIN, jnd[yy * bw + xx]);
                            n++;
                        }
                    }
                    gains[by * bw + bx] = (float) (s / n);
                    sumSq += (s / n) * (s / n);
                }
            }
            double norm = 1 / Math.sqrt(sumSq / gains.length);
            double ssim = 0;
            for (int i = 0; i < gains.length; i++) {
                gains[i] = (float) Math.max(EmbedMask.MIN_GAIN, gains[i] * norm);
                double noise = seen * strength * strength * gains[i] * gains[i];
                ssim += 1 - noise / (2 * variance[i] + noise + C2);
            }
            if (ssim / gains.length >= EmbedMask.SSIM_TARGET) {
                break;
            }
        }
        return gains;
    }
}
