package dev.aigcmark.image.internal.watermark;

/**
 * The detector's prefilter on the working plane: each sample minus the mean of its 5×5 neighbourhood. It
 * removes the smooth image content that would swamp the mark but keeps the mark's band (chips are 2–4 samples
 * wide on the working plane). Values are then normalised by the local noise level so strong edges (text)
 * cannot dominate the correlation. Borders replicate. The tile-side twin is
 * {@link WatermarkPattern#detectorTemplate}.
 */
final class Whitening {
    static final int RADIUS = 2;
    private static final float CLIP = 3f;

    private Whitening() {
    }

    static float[] whiten(float[] in, int w, int h) {
        float[] rows = new float[w * h]; // horizontal 5-sums
        for (int y = 0; y < h; y++) {
            int o = y * w;
            float s = 0;
            for (int k = -RADIUS; k <= RADIUS; k++) {
                s += in[o + clampIndex(k, w)];
            }
            for (int x = 0; x < w; x++) {
                rows[o + x] = s;
                s += in[o + clampIndex(x + RADIUS + 1, w)] - in[o + clampIndex(x - RADIUS, w)];
            }
        }
        float[] out = new float[w * h];
        float[] col = new float[w];
        for (int k = -RADIUS; k <= RADIUS; k++) {
            int o = clampIndex(k, h) * w;
            for (int x = 0; x < w; x++) {
                col[x] += rows[o + x];
            }
        }
        float n = (2 * RADIUS + 1) * (2 * RADIUS + 1);
        for (int y = 0; y < h; y++) {
            int o = y * w;
            int add = clampIndex(y + RADIUS + 1, h) * w;
            int sub = clampIndex(y - RADIUS, h) * w;
            for (int x = 0; x < w; x++) {
                out[o + x] = in[o + x] - col[x] / n;
                col[x] += rows[add + x] - rows[sub + x];
            }
        }
        normalizeLocally(out, w, h);
        return out;
    }

    /**
     * Divides each 8×8 block by its mean magnitude (+0.5 level) and clips at ±{@value #CLIP}: busy areas (text,
     * texture) carry as much host noise as mark, flat areas mostly mark, so weighting by the inverse local
     * noise level is what a matched filter for non-stationary noise does.
     */
    private static void normalizeLocally(float[] v, int w, int h) {
        for (int by = 0; by < h; by += 8) {
            int y1 = Math.min(h, by + 8);
            for (int bx = 0; bx < w; bx += 8) {
                int x1 = Math.min(w, bx + 8);
                float sum = 0;
                for (int y = by; y < y1; y++) {
                    for (int x = bx; x < x1; x++) {
                        sum += Math.abs(v[y * w + x]);
                    }
                }
                float scale = 1f / (sum / ((y1 - by) * (x1 - bx)) + 0.5f);
                for (int y = by; y < y1; y++) {
                    for (int x = bx; x < x1; x++) {
                        float f = v[y * w + x] * scale;
                        v[y * w + x] = Math.max(-CLIP, Math.min(CLIP, f));
                    }
                }
            }
        }
    }

    private static int clampIndex(int i, int n) {
        return i < 0 ? 0 : (i >= n ? n - 1 : i);
    }
}
