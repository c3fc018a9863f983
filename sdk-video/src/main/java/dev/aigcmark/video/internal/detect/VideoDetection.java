package dev.aigcmark.video.internal.detect;

import dev.aigcmark.core.identity.WatermarkKey;
import dev.aigcmark.core.internal.watermark.WatermarkPayload;

import java.util.Optional;

/**
 * What {@link VideoDetector} found across a clip.
 *
 * @param payload     the decoded payload, when the accumulated soft bits decode (CRC, version, issuer, tag)
 * @param key         the key it decoded under
 * @param confidence  0.9–1 for a decode (by coded-bit agreement), below 0.5 when nothing was found
 * @param framesRead  frames decoded from the file (keyframes and consecutive frames)
 * @param keyframes   keyframes read on their own in the first pass
 * @param windows     averaged windows of consecutive frames read in the second pass
 * @param framesUsed  frames in reads whose sync was strong enough for their soft bits to be accumulated
 * @param readsAlone  reads (keyframes or windows) that decoded the payload on their own
 * @param bestPnr     the strongest sync peak seen
 */
public record VideoDetection(Optional<WatermarkPayload> payload, Optional<WatermarkKey> key, double confidence,
                             int framesRead, int keyframes, int windows, int framesUsed, int readsAlone,
                             double bestPnr) {
    public boolean found() {
        return payload.isPresent();
    }
}
