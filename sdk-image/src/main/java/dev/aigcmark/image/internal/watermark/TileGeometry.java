package dev.aigcmark.image.internal.watermark;

/**
 * How large the tile is drawn on a plane of a given size: a chip spans {@code shorter side / 120} px, at least
 * {@value #MIN_CHIP} and at most {@value #MAX_CHIP} px, so the tile period is about a quarter of the shorter side
 * from 240 to 1512 px. The mark is thereby embedded at a normalised resolution (TrustMark's idea): a photo gets
 * coarse chips that survive downscaling to 0.3× and platform resizes to 1080p, a small image (a 320×240 frame)
 * gets chips of 2 px, and a crop to 40 % of the area still holds whole periods. Above 1512 px the chips stop
 * growing ({@link #MAX_CHIP}). The detector never needs this: it measures the period from the lattice (only its
 * first, nominal hypothesis reads {@link #period}).
 */
final class TileGeometry {
    static final double MIN_CHIP = 2.0;
    static final double CHIPS_PER_SHORT_SIDE = 120;
    /**
     * The largest chip, in px (a 403 px period, half the 806 px the proportional rule gave a 12 MP photo). Photos'
     * own texture has its energy at a few mm of the scene, i.e. at tens of px in a 12 MP photo: uncapped, the
     * 25 px chips of a 4032×3024 photo sat in the band of a bookshelf's spines, so the uncropped library original read
     * only 90 % of the coded bits and none of its crops to 40 % decoded at the true lattice. Capped here: 98 %
     * uncropped, most of its crops decode, and a 0.3× downscale (a 12.6 px chip becomes 3.8 px, still 1.6 working
     * samples) still reads 99 % (docs/watermark-robustness.md, "The 12 MP originals"). The price: above the cap the
     * period is no longer proportional to the image, so a rescaled copy of a large photo is found by the lattice
     * search rather than at the nominal period.
     */
    static final double MAX_CHIP = 12.6;

    private TileGeometry() {
    }

    /** The tile period in pixels (integer, so the embed tables repeat exactly) for a plane of this size. */
    static int period(int width, int height) {
        double chip = Math.min(MAX_CHIP, Math.max(MIN_CHIP, Math.min(width, height) / CHIPS_PER_SHORT_SIDE));
        return (int) Math.round(chip * WatermarkPattern.CHIPS);
    }

    /**
     * The period of a mark drawn before {@link #MAX_CHIP} existed (session 6 and earlier: chips of 1/120 of the
     * shorter side at any size) on an unaltered plane of this size.
     */
    static int uncappedPeriod(int width, int height) {
        return (int) Math.round(Math.max(MIN_CHIP, Math.min(width, height) / CHIPS_PER_SHORT_SIDE) * WatermarkPattern.CHIPS);
    }

    /**
     * The periods an unaltered marked plane of this size carries, for the detector's nominal hypotheses: today's,
     * then, above the cap, the pre-cap one. Marks written before the cap must still read, and the blind lattice
     * search does not always propose their period (measured: a 2400×1800 photo-like cover of smoothed noise marked at
     * the old 480 px, sync PNR 9.2 at the true lattice, had no candidate near it; TileGeometryTest).
     */
    static double[] nominalPeriods(int width, int height) {
        int now = period(width, height);
        int before = uncappedPeriod(width, height);
        return now == before ? new double[] {now} : new double[] {now, before};
    }
}
