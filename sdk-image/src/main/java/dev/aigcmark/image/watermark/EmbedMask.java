package dev.aigcmark.image.watermark;

/**
 * A per-8×8-block strength level for {@link PreparedWatermark#embed(byte[], int, int, int, EmbedMask)}:
 * flat blocks get less of the mark (where it would be visible), textured blocks more (where it hides and
 * survives). Computing it reads the plane once at quarter density; for video compute it once per scene or
 * GOP and reuse it. Not thread-safe: one mask per thread (or per stream). It also keeps the per-pixel deltas
 * the masked embed last gathered for it (one byte per pixel), so every later frame of the GOP with the same
 * watermark skips that gather.
 */
public final class EmbedMask {
    /** Gains of the levels relative to the prepared strength; level {@link #UNIFORM} is the unmasked gain. */
    static final double[] GAINS = {0.9, 1.05, 1.15, 1.3};
    static final int LEVELS = GAINS.length;
    static final int UNIFORM = 2;
    private static final int[] THRESHOLDS = {3, 8, 20}; // mean |gradient| (luma levels) separating the levels

    byte[] levels = new byte[0];
    int blocksX;
    int blocksY;
    // The masked embed's per-8-pixel deltas for one watermark (1 byte per pixel), valid until the levels change.
    private long[] deltas = new long[0];
    private PreparedWatermark deltasOf;
    private int deltasWords;
    private int deltasHeight;

    /** Recomputes the levels for this plane (reallocates only when the plane grows). */
    public void update(byte[] luma, int width, int height, int stride) {
        PreparedWatermark.checkPlane(luma, width, height, stride);
        deltasOf = null;
        blocksX = (width + 7) >> 3;
        blocksY = (height + 7) >> 3;
        if (levels.length < blocksX * blocksY) {
            levels = new byte[blocksX * blocksY];
        }
        for (int by = 0; by < blocksY; by++) {
            int y0 = by << 3;
            int rows = Math.min(8, height - y0 - 1); // needs the next row for the vertical gradient
            for (int bx = 0; bx < blocksX; bx++) {
                int x0 = bx << 3;
                int cols = Math.min(8, width - x0 - 1);
                int sum = 0;
                int n = 0;
                for (int r = 0; r < rows; r += 2) {
                    int o = (y0 + r) * stride + x0;
                    for (int c = 0; c < cols; c++) {
                        int v = luma[o + c] & 0xFF;
                        sum += Math.abs(v - (luma[o + c + 1] & 0xFF)) + Math.abs(v - (luma[o + c + stride] & 0xFF));
                        n += 2;
                    }
                }
                int level = LEVELS - 1;
                for (int i = 0; i < THRESHOLDS.length; i++) {
                    if (n == 0 || sum < THRESHOLDS[i] * n) {
                        level = i;
                        break;
                    }
                }
                levels[by * blocksX + bx] = (byte) level;
            }
        }
    }

    /** Every block at one level, e.g. to measure or to override the texture measure. */
    public void fill(int width, int height, int level) {
        if (level < 0 || level >= LEVELS) {
            throw new IllegalArgumentException("level must be in [0, " + LEVELS + ")");
        }
        deltasOf = null;
        blocksX = (width + 7) >> 3;
        blocksY = (height + 7) >> 3;
        if (levels.length < blocksX * blocksY) {
            levels = new byte[blocksX * blocksY];
        }
        java.util.Arrays.fill(levels, 0, blocksX * blocksY, (byte) level);
    }

    /** The deltas {@code watermark} gathered for these levels and this plane shape, or null. */
    long[] cachedDeltas(PreparedWatermark watermark, int words, int height) {
        return deltasOf == watermark && deltasWords == words && deltasHeight == height ? deltas : null;
    }

    /** An array for the deltas of {@code watermark} on this plane shape, remembered as theirs. */
    long[] deltasToFill(PreparedWatermark watermark, int words, int height) {
        if (deltas.length < words * height) {
            deltas = new long[words * height];
        }
        deltasOf = watermark;
        deltasWords = words;
        deltasHeight = height;
        return deltas;
    }

    boolean fits(int width, int height) {
        return blocksX == ((width + 7) >> 3) && blocksY == ((height + 7) >> 3);
    }
}
