package dev.aigcmark.image.internal.watermark;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.image.internal.PackedRgb;
import dev.aigcmark.image.internal.container.Rasters;
import dev.aigcmark.testing.SharedFiles;
import dev.aigcmark.testing.TestSeed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The working plane is sample for sample what the plain resampling loops give (kept here as the reference: one
 * float sum per output over its taps in order, then the same over rows, then whitening), whatever the layout of
 * the pixels (luma plane, R, G, B or B, G, R bytes), on noise at sizes downscaled by a fraction, by an integer,
 * not at all and through the long-side window, and on real photos as the verifier decodes them.
 */
class WorkingPlaneResampleTest {

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"1920, 1080", "1080, 1920", "800, 600", "768, 1024", "300, 200", "385, 384", "1152, 384",
            "4000, 300", "2000, 1000", "3840, 2160", "999, 997"})
    void noiseGivesTheReferencePlane(int width, int height) {
        Random random = TestSeed.random("WorkingPlaneResampleTest." + width + "x" + height);
        byte[] rgb = new byte[3 * width * height];
        random.nextBytes(rgb);
        assertEveryLayoutGivesTheReference(rgb, width, height);
    }

    @ParameterizedTest
    @ValueSource(strings = {"truepic-20230212-landscape.jpg", "adobe-20220124-I.jpg"})
    void realPhotosGiveTheReferencePlane(String name) throws IOException {
        Path file = SharedFiles.vectors("photos").resolve(name);
        PackedRgb view = PackedRgb.of(Rasters.lazy(Files.readAllBytes(file), ReadLimits.defaults()).get().image())
                .orElseThrow();
        byte[] rgb = view.bytes();
        if (view.redAt() != 0) {
            rgb = swapped(rgb);
        }
        assertEveryLayoutGivesTheReference(rgb, view.width(), view.height());
    }

    /** The table-driven luma rows are {@link ImageWatermarker#luma(byte, byte, byte)} for every one of the 2^24 colours. */
    @Test
    void lumaRowsAreTheBt601LumaOfEveryColour() {
        byte[] rgb = new byte[3 * 256];
        byte[] bgr = new byte[3 * 256];
        int[] fromRgb = new int[256];
        int[] fromBgr = new int[256];
        for (int r = 0; r < 256; r++) {
            for (int g = 0; g < 256; g++) {
                for (int b = 0; b < 256; b++) {
                    rgb[3 * b] = (byte) r;
                    rgb[3 * b + 1] = (byte) g;
                    rgb[3 * b + 2] = (byte) b;
                    bgr[3 * b] = (byte) b;
                    bgr[3 * b + 1] = (byte) g;
                    bgr[3 * b + 2] = (byte) r;
                }
                WorkingPlane.lumaRgb(rgb, 0, 256, fromRgb);
                WorkingPlane.lumaBgr(bgr, 0, 256, fromBgr);
                for (int b = 0; b < 256; b++) {
                    int expected = ImageWatermarker.luma((byte) r, (byte) g, (byte) b);
                    if (fromRgb[b] != expected || fromBgr[b] != expected) {
                        throw new AssertionError("luma of (" + r + ", " + g + ", " + b + "): " + fromRgb[b] + " / "
                                + fromBgr[b] + ", expected " + expected);
                    }
                }
            }
        }
    }

    private static void assertEveryLayoutGivesTheReference(byte[] rgb, int width, int height) {
        byte[] luma = new byte[width * height];
        for (int i = 0; i < luma.length; i++) {
            luma[i] = (byte) ImageWatermarker.luma(rgb[3 * i], rgb[3 * i + 1], rgb[3 * i + 2]);
        }
        float[] reference = reference(luma, width, height);
        assertThat(WorkingPlane.of(luma, width, height, width, WorkingPlane.SHORT_SIDE).samples).as("luma plane")
                .isEqualTo(reference);
        assertThat(WorkingPlane.of(new PackedRgb(rgb, width, height, 0, 2), WorkingPlane.SHORT_SIDE).samples)
                .as("R, G, B").isEqualTo(reference);
        assertThat(WorkingPlane.ofBgr(swapped(rgb), width, height, WorkingPlane.SHORT_SIDE).samples).as("B, G, R")
                .isEqualTo(reference);
    }

    private static byte[] swapped(byte[] rgb) {
        byte[] out = rgb.clone();
        for (int i = 0; i < out.length; i += 3) {
            out[i] = rgb[i + 2];
            out[i + 2] = rgb[i];
        }
        return out;
    }

    /** The plane as session 7's code made it: window, plain area resampling of the luma plane, whitening. */
    private static float[] reference(byte[] luma, int width, int height) {
        double factor = Math.max(1.0, Math.min(width, height) / (double) WorkingPlane.SHORT_SIDE);
        int window = (int) Math.floor(WorkingPlane.LONG_SIDE * factor);
        int w = Math.min(width, window);
        int h = Math.min(height, window);
        int offset = (height - h) / 2 * width + (width - w) / 2;
        int ww = Math.max(1, (int) Math.floor(w / factor));
        int hh = Math.max(1, (int) Math.floor(h / factor));
        int[][] xs = spans(ww, factor, w);
        float[][] xw = weights(ww, factor, w);
        int[][] ys = spans(hh, factor, h);
        float[][] yw = weights(hh, factor, h);
        float[] rows = new float[ww * h];
        for (int y = 0; y < h; y++) {
            int o = offset + y * width;
            for (int j = 0; j < ww; j++) {
                float s = 0;
                for (int k = 0; k < xw[j].length; k++) {
                    s += xw[j][k] * (luma[o + xs[j][0] + k] & 0xFF);
                }
                rows[y * ww + j] = s;
            }
        }
        float[] out = new float[ww * hh];
        for (int i = 0; i < hh; i++) {
            for (int k = 0; k < yw[i].length; k++) {
                for (int j = 0; j < ww; j++) {
                    out[i * ww + j] += yw[i][k] * rows[(ys[i][0] + k) * ww + j];
                }
            }
        }
        return Whitening.whiten(out, ww, hh);
    }

    private static int[][] spans(int n, double factor, int limit) {
        int[][] s = new int[n][2];
        for (int j = 0; j < n; j++) {
            s[j][0] = (int) Math.floor(j * factor);
            s[j][1] = Math.min(limit, (int) Math.ceil(Math.min(limit, (j + 1) * factor)));
        }
        return s;
    }

    private static float[][] weights(int n, double factor, int limit) {
        float[][] w = new float[n][];
        for (int j = 0; j < n; j++) {
            double a = j * factor;
            double b = Math.min(limit, (j + 1) * factor);
            int i0 = (int) Math.floor(a);
            int i1 = Math.min(limit, (int) Math.ceil(b));
            w[j] = new float[i1 - i0];
            for (int i = i0; i < i1; i++) {
                w[j][i - i0] = (float) ((Math.min(b, i + 1) - Math.max(a, i)) / (b - a));
            }
        }
        return w;
    }
}
