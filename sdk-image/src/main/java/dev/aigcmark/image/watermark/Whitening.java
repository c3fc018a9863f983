package dev.aigcmark.image.watermark;

/**
 * The detector's prefilter: each pixel minus the mean of its 5×5 neighbourhood. It removes the smooth
 * image content that would swamp the mark but keeps the mark's 4–16 px wavelengths (a Laplacian would
 * throw away the low part of the band, which is what survives JPEG on flat areas). Values are then
 * normalised by the local noise level so strong edges (text) cannot dominate the correlation.
 * Borders replicate. The tile-side twin is {@link WatermarkPattern#detectorTemplate}.
 */
final class Whitening {
    static final int RADIUS = 2;
    private static final float CLIP = 3f;

    private Whitening() {
    }

    static float[] whiten(byte[] luma, int w, int h, int stride) {
        int[] rows = new int[w * h]; // horizontal 5-sums
        for (int y = 0; y < h; y++) {
            int row = y * stride;
            int o = y * w;
            int s = 0;
            for (int k = -RADIUS; k <= RADIUS; k++) {
                s += luma[row + clampIndex(k, w)] & 0xFF;
            }
            for (int x = 0; x < w; x++) {
                rows[o + x] = s;
                s += (luma[row + clampIndex(x + RADIUS + 1, w)] & 0xFF) - (luma[row + clampIndex(x - RADIUS, w)] & 0xFF);
            }
        }
        float[] out = new float[w * h];
        int[] col = new int[w];
        for (int k = -RADIUS; k <= RADIUS; k++) {
            int o = clampIndex(k, h) * w;
            for (int x = 0; x < w; x++) {
                col[x] += rows[o + x];
            }
        }
        int n = (2 * RADIUS + 1) * (2 * RADIUS + 1);
        for (int y = 0; y < h; y++) {
            int row = y * stride;
            int o = y * w;
            int add = clampIndex(y + RADIUS + 1, h) * w;
            int sub = clampIndex(y - RADIUS, h) * w;
            for (int x = 0; x < w; x++) {
                float v = (luma[row + x] & 0xFF) - col[x] / (float) n;
                out[o + x] = v;
                col[x] += rows[add + x] - rows[sub + x];
            }
        }
        normalizeLocally(out, w, h);
        return out;
    }

    /**
     * Divides each 8×8 block by its mean magnitude (+1 level) and clips at ±{@value #CLIP}: busy areas (text,
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
                float scale = 1f / (sum / ((y1 - by) * (x1 - bx)) + 1f);
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
