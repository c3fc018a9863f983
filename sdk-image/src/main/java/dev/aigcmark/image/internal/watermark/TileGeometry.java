package dev.aigcmark.image.internal.watermark;

/**
 * How large the tile is drawn on a plane of a given size: a chip spans {@code max(2, shorter side / 120)} px,
 * so the tile period is about a fifth of the shorter side on anything larger than 600 px. The mark is thereby
 * embedded at a normalised resolution (TrustMark's idea): a 12 MP photo gets coarse chips that survive
 * downscaling to 0.3× and platform resizes to 1080p, a small image (a 320×240 frame) gets chips of 2 px, and a crop to 40 % of
 * the area still holds whole periods. The detector never needs this: it measures the period from the lattice.
 */
final class TileGeometry {
    static final double MIN_CHIP = 2.0;
    static final double CHIPS_PER_SHORT_SIDE = 120;

    private TileGeometry() {
    }

    /** The tile period in pixels (integer, so the embed tables repeat exactly) for a plane of this size. */
    static int period(int width, int height) {
        double chip = Math.max(MIN_CHIP, Math.min(width, height) / CHIPS_PER_SHORT_SIDE);
        return (int) Math.round(chip * WatermarkPattern.CHIPS);
    }
}
