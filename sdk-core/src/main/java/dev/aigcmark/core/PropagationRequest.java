package dev.aigcmark.core;

import dev.aigcmark.core.label.PropagateId;

/**
 * What an upload service asks of {@link Propagator}: the uploader's declaration and what the platform adds.
 * By default the platform changes only the label's propagation fields; the visible prompt and watermark are
 * opt-in, since many platforms show the prompt in their interface rather than in the file.
 *
 * @param declaredAi    the uploader declared the content AI-generated (Art. 6: "possibly", Label 2, when the file
 *                      carries no label of its own)
 * @param propagateId   this platform's id for the content (null: generated); distinct from the producer's ProduceID
 * @param visiblePrompt draw the verdict's prompt ({@link dev.aigcmark.core.label.DisplayPrompt}, Chinese) into the
 *                      content as its visible label, where the format has one
 * @param watermark     add this platform's watermark, its payload linking to the PropagateID
 */
public record PropagationRequest(boolean declaredAi, PropagateId propagateId, boolean visiblePrompt, boolean watermark) {

    /** Only the propagation fields, nothing declared. */
    public static PropagationRequest labelOnly() {
        return new PropagationRequest(false, null, false, false);
    }
}
