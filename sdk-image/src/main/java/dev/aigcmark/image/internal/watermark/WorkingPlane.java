package dev.aigcmark.image.internal.watermark;

import dev.aigcmark.image.internal.PackedRgb;

/**
 * The plane the detector works on: the luma area-averaged down so its shorter side is about
 * {@value #SHORT_SIDE} samples (never up), then whitened. Since the embedder draws chips in proportion to the
 * image (see {@link TileGeometry}), a chip is then 2–4 samples wide whatever the image's size, scale or crop,
 * which is the band the lattice and the decoder need; and the detector's cost no longer grows with megapixels.
 */
final class WorkingPlane {
    static final int SHORT_SIDE = 384;
    /**
     * The longest side the plane may have, in samples: past it the plane is a centred window of the picture. Scaling
     * by the short side alone left the long one unbounded: a crafted GIF 65535 pixels wide and a few high kept all
     * 65535 columns, and the lattice's autocorrelation asked for 2 × 268 MB. The tile repeats across the picture, so
     * a window 4 short sides long holds as many periods as any crop the detector reads; pictures up to 4:1 are
     * untouched.
     */
    static final int LONG_SIDE = 4 * SHORT_SIDE;

    final float[] samples;
    final int width;
    final int height;
    /** Source pixels per working sample (≥ 1). */
    final double factor;

    private WorkingPlane halved;

    private WorkingPlane(float[] samples, int width, int height, double factor) {
        this.samples = samples;
        this.width = width;
        this.height = height;
        this.factor = factor;
    }

    static WorkingPlane of(byte[] luma, int width, int height, int stride, int shortSide) {
        return of(luma, 1, 0, 0, width, height, stride, shortSide);
    }

    /**
     * The plane of a decoded JPEG's packed R, G, B bytes (either order), its BT.601 luma
     * ({@link ImageWatermarker#luma(int[])}'s rounding) computed row by row inside the resampling: the same samples as
     * {@link #of(byte[], int, int, int, int)} of the luma plane, without writing and reading back a byte per pixel.
     */
    static WorkingPlane of(PackedRgb pixels, int shortSide) {
        return of(pixels.bytes(), 3, pixels.redAt(), pixels.blueAt(), pixels.width(), pixels.height(),
                3 * pixels.width(), shortSide);
    }

    /** {@link #of(PackedRgb, int)} of B, G, R bytes, {@code 3 width} per row. */
    static WorkingPlane ofBgr(byte[] bgr, int width, int height, int shortSide) {
        return of(new PackedRgb(bgr, width, height, 2, 0), shortSide);
    }

    private static WorkingPlane of(byte[] pixels, int bytesPerPixel, int redAt, int blueAt, int width, int height,
                                   int stride, int shortSide) {
        double factor = Math.max(1.0, Math.min(width, height) / (double) shortSide);
        int window = (int) Math.floor(LONG_SIDE * factor); // source pixels that make LONG_SIDE samples
        int w = Math.min(width, window);
        int h = Math.min(height, window);
        int offset = (height - h) / 2 * stride + (width - w) / 2 * bytesPerPixel;
        int ww = Math.max(1, (int) Math.floor(w / factor));
        int hh = Math.max(1, (int) Math.floor(h / factor));
        float[] area = areaResample(pixels, bytesPerPixel, redAt, blueAt, offset, w, h, stride, factor, ww, hh);
        return new WorkingPlane(Whitening.whiten(area, ww, hh), ww, hh, factor);
    }

    /**
     * This plane area-averaged 2×2 (its samples already whitened): what the coarse sync folds, a quarter of the
     * reads. Made once per plane, on first use.
     */
    WorkingPlane halved() {
        if (halved == null) {
            int hw = width / 2;
            int hh = height / 2;
            float[] out = new float[hw * hh];
            for (int y = 0; y < hh; y++) {
                int r0 = 2 * y * width;
                int r1 = r0 + width;
                for (int x = 0; x < hw; x++) {
                    out[y * hw + x] = 0.25f * (samples[r0 + 2 * x] + samples[r0 + 2 * x + 1] + samples[r1 + 2 * x] + samples[r1 + 2 * x + 1]);
                }
            }
            halved = new WorkingPlane(out, hw, hh, 2 * factor);
        }
        return halved;
    }

    /**
     * Box-filter (area) resampling by a real factor ≥ 1: separable, with fractional edge weights. {@code pixels} is
     * a luma plane ({@code bytesPerPixel} 1) or packed R, G, B bytes (3; red and blue at {@code redAt} and
     * {@code blueAt}), whose luma each row gets first; the picture read starts {@code offset} bytes in (a window,
     * see {@link #LONG_SIDE}).
     * <p>
     * Every sample is the same float as the plain loops give ({@code s = 0; s += w[k] · luma[x0 + k]} over each
     * output's taps, then the same over rows; {@code WorkingPlaneResampleTest} keeps them as the reference): the
     * taps are padded to one length with weight 0 (adding {@code 0 · luma} to a sum ≥ 0 leaves it unchanged, and
     * {@code 0 + p = p}), so the usual four taps are one unrolled expression, and the luma loops read their
     * channels at constant offsets (R, G, B or B, G, R), which the JIT compiles to about half the work of
     * variable ones. Each row, once resampled across, is added at once into the output rows it belongs to (one, or
     * two at a span's edge) rather than kept for a second pass over all rows: every output sample still gets its
     * rows' terms in the same order (rows ascending), so the same float, without writing and reading back a plane of
     * {@code ww × height} floats (2.9 MB for a 1080p picture, 6 MB for 12 MP). Session 14: the plane alone measured
     * ~0.9× its CPU in a loop, full verification of a 1080p JPEG no difference (0.99–1.02, 8 alternated rounds).
     */
    private static float[] areaResample(byte[] pixels, int bytesPerPixel, int redAt, int blueAt, int offset,
                                        int width, int height, int stride,
                                        double factor, int ww, int hh) {
        int[][] xs = spans(ww, factor, width);
        float[][] xw = weights(ww, factor, width);
        int[][] ys = spans(hh, factor, height);
        float[][] yw = weights(hh, factor, height);
        int taps = 1;
        for (float[] w : xw) {
            taps = Math.max(taps, w.length);
        }
        int[] x0 = new int[ww];
        float[] wx = new float[ww * taps]; // each output's taps, padded with weight 0 to `taps`
        for (int j = 0; j < ww; j++) {
            x0[j] = xs[j][0];
            System.arraycopy(xw[j], 0, wx, j * taps, xw[j].length);
        }
        // each source row's contributions: (output row, weight), output rows ascending, so every output sample
        // receives its rows' terms in the same order as a pass over the finished rows would add them
        int[] count = new int[height];
        for (int i = 0; i < hh; i++) {
            for (int k = 0; k < yw[i].length; k++) {
                count[ys[i][0] + k]++;
            }
        }
        int[] first = new int[height + 1];
        for (int y = 0; y < height; y++) {
            first[y + 1] = first[y] + count[y];
        }
        int[] target = new int[first[height]];
        float[] weight = new float[first[height]];
        int[] fill = first.clone();
        for (int i = 0; i < hh; i++) {
            for (int k = 0; k < yw[i].length; k++) {
                int y = ys[i][0] + k;
                target[fill[y]] = i * ww;
                weight[fill[y]++] = yw[i][k];
            }
        }
        float[] out = new float[ww * hh];
        float[] row = new float[ww];
        int[] luma = new int[width + taps]; // zeros past the row: padded taps read them with weight 0
        for (int y = 0; y < height; y++) {
            if (first[y] == first[y + 1]) {
                continue;
            }
            int o = offset + y * stride;
            if (bytesPerPixel == 1) {
                for (int x = 0; x < width; x++) {
                    luma[x] = pixels[o + x] & 0xFF;
                }
            } else if (redAt == 0) {
                lumaRgb(pixels, o, width, luma);
            } else {
                lumaBgr(pixels, o, width, luma);
            }
            if (taps == 4) {
                for (int j = 0, wi = 0; j < ww; j++, wi += 4) {
                    int x = x0[j];
                    float s = wx[wi] * luma[x];
                    s += wx[wi + 1] * luma[x + 1];
                    s += wx[wi + 2] * luma[x + 2];
                    s += wx[wi + 3] * luma[x + 3];
                    row[j] = s;
                }
            } else {
                for (int j = 0, wi = 0; j < ww; j++, wi += taps) {
                    int x = x0[j];
                    float s = wx[wi] * luma[x];
                    for (int k = 1; k < taps; k++) {
                        s += wx[wi + k] * luma[x + k];
                    }
                    row[j] = s;
                }
            }
            for (int c = first[y]; c < first[y + 1]; c++) {
                float f = weight[c];
                int dst = target[c];
                for (int j = 0; j < ww; j++) {
                    out[dst + j] += f * row[j];
                }
            }
        }
        return out;
    }

    /** BT.601 luma ({@link ImageWatermarker#luma(byte, byte, byte)}) of {@code n} R, G, B pixels from byte {@code o}. */
    static void lumaRgb(byte[] p, int o, int n, int[] luma) {
        luma(p, o, n, luma, true);
    }

    /** {@link #lumaRgb} of B, G, R pixels. */
    static void lumaBgr(byte[] p, int o, int n, int[] luma) {
        luma(p, o, n, luma, false);
    }

    /** The luma of {@code n} packed pixels from byte {@code o} by {@link Luma}'s tables, red first or blue first. */
    private static void luma(byte[] p, int o, int n, int[] luma, boolean redFirst) {
        int[] first = Luma.first(redFirst);
        int[] green = Luma.GREEN;
        int[] last = Luma.last(redFirst);
        for (int x = 0; x < n; x++) {
            int i = o + 3 * x;
            luma[x] = (first[p[i] & 0xFF] + green[p[i + 1] & 0xFF] + last[p[i + 2] & 0xFF]) >> 8;
        }
    }

    private static int[][] spans(int n, double factor, int limit) {
        int[][] s = new int[n][2];
        for (int j = 0; j < n; j++) {
            double a = j * factor;
            double b = Math.min(limit, (j + 1) * factor);
            s[j][0] = (int) Math.floor(a);
            s[j][1] = Math.min(limit, (int) Math.ceil(b));
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
                double cover = Math.min(b, i + 1) - Math.max(a, i);
                w[j][i - i0] = (float) (cover / (b - a));
            }
        }
        return w;
    }
}
