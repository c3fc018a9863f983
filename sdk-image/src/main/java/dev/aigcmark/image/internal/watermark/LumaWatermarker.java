package dev.aigcmark.image.internal.watermark;

import dev.aigcmark.core.identity.WatermarkKey;
import dev.aigcmark.core.internal.watermark.PayloadCode;

/**
 * Embeds our invisible mark ({@code aigcmark.image.v2}, payload version 2) into 8-bit luma planes. Prepare once
 * per (key, payload), then {@link PreparedWatermark#embed} every frame: the per-frame work is one saturating
 * add of a precomputed tile, memory-bound. The tile is drawn at a period proportional to the plane's size
 * ({@link PreparedWatermark#period}); the detector finds it from the lattice, so marks survive rescaling,
 * crops, rotation, aspect changes and mirroring.
 *
 * <pre>{@code
 * PreparedWatermark wm = LumaWatermarker.prepare(key, WatermarkPayload.of(key, serial).toBytes());
 * EmbedMask mask = new EmbedMask();          // optional: perceptual strength (less on flat areas)
 * mask.update(y, width, height, stride);     // once per scene / GOP
 * wm.embed(y, width, height, stride, mask);  // per frame, in place
 * }</pre>
 */
public final class LumaWatermarker {
    /** Default strength: RMS luma change of the mark (the mask redistributes it): ≈ 40.8 dB PSNR. */
    public static final double DEFAULT_STRENGTH = 2.3;

    private LumaWatermarker() {
    }

    public static PreparedWatermark prepare(WatermarkKey key, byte[] payload8) {
        return prepare(key, payload8, DEFAULT_STRENGTH);
    }

    /** @param strength RMS luma change at mask gain 1 (1.0–3.0 sensible; higher is more robust, more visible) */
    public static PreparedWatermark prepare(WatermarkKey key, byte[] payload8, double strength) {
        if (!(strength > 0 && strength <= 16)) {
            throw new IllegalArgumentException("strength must be in (0, 16]: " + strength);
        }
        int[] code = PayloadCode.encode(payload8);
        double[] tile = WatermarkPattern.of(key).tile(code);
        return new PreparedWatermark(tile, strength);
    }
}
