package dev.aigcmark.image.internal.watermark;

import dev.aigcmark.core.internal.watermark.WatermarkPayload;

import java.util.Optional;

/**
 * What {@link LumaDetector} found. {@code found} is true only when the lattice, the sync (PNR above
 * threshold), the Viterbi decode with its CRC, and the payload's version, issuer and keyed tag all agree.
 *
 * @param found      a mark of the tried key is present and decoded
 * @param payload    the decoded payload when found
 * @param confidence in [0, 1]: near 1 for a clean decode, lower when many coded bits disagreed; below 0.5
 *                   when nothing was found (then it only grades how close the sync came)
 * @param pnr        peak-to-noise ratio of the sync correlation (unmarked content scores about 3–5)
 * @param shiftX     horizontal offset (tile samples, 0..127) of the tile origin in the folded plane
 * @param shiftY     vertical offset
 * @param period     the tile period found in this plane, in pixels (mean length of the two lattice vectors)
 * @param rotation   the tile's rotation in this plane, degrees counter-clockwise as seen on screen (0 = upright)
 * @param aspect     the ratio of the two lattice vectors' lengths (1.0 unless the image was stretched)
 * @param mirrored   the plane is a mirror image of the marked one
 * @param softBits   soft values of the coded bits at the best sync (see {@link #softBits()})
 */
public record Detection(boolean found, Optional<WatermarkPayload> payload, double confidence, double pnr,
                        int shiftX, int shiftY, double period, double rotation, double aspect, boolean mirrored,
                        float[] softBits) {

    public Detection {
        softBits = softBits == null ? new float[0] : softBits.clone();
    }

    static Detection none(double pnr, float[] soft) {
        return new Detection(false, Optional.empty(), Math.min(0.49, Math.max(0, pnr / (2 * LumaDetector.PNR_THRESHOLD))),
                pnr, 0, 0, 0, 0, 1, false, soft);
    }

    /**
     * Soft values of the {@value dev.aigcmark.core.internal.watermark.PayloadCode#CODED_BITS} coded bits read at the
     * best sync position, normalised to unit RMS (empty when no sync was attempted, e.g. a tiny plane).
     * Video can add these across re-synced frames and call {@link LumaDetector#decode(float[], dev.aigcmark.core.identity.WatermarkKey)}.
     */
    @Override
    public float[] softBits() {
        return softBits.clone();
    }
}
