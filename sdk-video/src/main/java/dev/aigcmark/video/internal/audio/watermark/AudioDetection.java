package dev.aigcmark.video.internal.audio.watermark;

import dev.aigcmark.core.internal.watermark.WatermarkPayload;

/**
 * A decoded audio mark.
 *
 * @param payload      the payload (CRC, version, issuer and keyed tag checked)
 * @param syncZ        the sync pattern's normalised correlation at the chosen alignment (about N(0,1) without a mark)
 * @param offsetSeconds where the mark's period starts relative to the start of what was analysed, modulo a period
 * @param seconds      how much audio was analysed
 * @param agreement    fraction of coded bits whose soft value agrees with the decoded codeword (1.0 = clean)
 */
public record AudioDetection(WatermarkPayload payload, double syncZ, double offsetSeconds, double seconds,
                             double agreement) {

    /** A confidence in [0, 1] for reports: how clean the read was. */
    public double confidence() {
        return Math.max(0, Math.min(1, 2 * agreement - 1));
    }
}
