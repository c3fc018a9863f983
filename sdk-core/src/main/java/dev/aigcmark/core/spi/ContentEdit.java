package dev.aigcmark.core.spi;

import dev.aigcmark.core.label.ExplicitLabelWording;

/**
 * What to change in the content.
 *
 * @param explicitLabel the visible label's wording, or null for none (checked for the AI and generation elements)
 * @param placement     where: {@code start}, {@code end}, {@code both} (text); {@code bottom-right}... (images, video)
 * @param watermarkPayload our invisible mark's 64-bit payload (8 bytes), or null for none
 * @param signedLabelText  the compact signed label for formats that carry it invisibly in the content (plain text), or
 *                         null. The {@code Marker} leaves it null: it signs the label after this step, bound to the
 *                         content as marked, and writes it with the {@link LabelWriter}.
 */
public record ContentEdit(String explicitLabel, String placement, byte[] watermarkPayload, String signedLabelText) {
    public ContentEdit {
        if (explicitLabel != null) {
            ExplicitLabelWording.requireConforming(explicitLabel);
        }
    }

    /** The same edit without the watermark (what was done where a handler had to leave it out). */
    public ContentEdit withoutWatermark() {
        return new ContentEdit(explicitLabel, placement, null, signedLabelText);
    }

    public boolean isEmpty() {
        return explicitLabel == null && watermarkPayload == null && signedLabelText == null;
    }
}
