package dev.aigcmark.video.internal.audio.watermark;

import dev.aigcmark.core.internal.watermark.WatermarkPayload;

/**
 * A known payload confirmed in audio ({@link AudioDetector#confirm}): the samples hold the mark of this one payload,
 * which was asked for (the file's signed label names it), not read from them. Says nothing of any other payload.
 *
 * @param payload            the payload asked for
 * @param z                  the test statistic: the specific cells' normalised correlation at the best alignment
 * @param threshold          what z had to reach ({@link AudioDetector#CONFIRM_Z})
 * @param alignments         how many alignments were tested ({@link AudioDetector#CONFIRM_ALIGNMENTS})
 * @param falsePositiveBound at most this probability of a confirmation on audio without the mark, per payload asked
 * @param sharedZ            the shared cells' (sync and issuer symbols) correlation at that alignment
 * @param offsetSeconds      where the mark's period starts relative to the start of what was analysed, modulo a period
 * @param seconds            how much audio was analysed
 * @param agreement          fraction of coded bits whose soft value agrees with the payload's codeword there
 * @param neighbourZ         the largest statistic of a payload whose serial differs in one bit, at the same
 *                           alignments: {@code z} must beat it (a near serial's mark scores high for this payload)
 */
public record AudioConfirmation(WatermarkPayload payload, double z, double threshold, int alignments,
                                double falsePositiveBound, double sharedZ, double offsetSeconds, double seconds,
                                double agreement, double neighbourZ) {
}
