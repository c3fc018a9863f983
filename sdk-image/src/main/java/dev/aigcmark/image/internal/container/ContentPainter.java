package dev.aigcmark.image.internal.container;

import dev.aigcmark.core.MarkRefusedException;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.identity.WatermarkKey;
import dev.aigcmark.core.spi.ContentEdit;
import dev.aigcmark.image.internal.label.LabelPlacement;
import dev.aigcmark.image.internal.label.LabelRenderer;
import dev.aigcmark.image.internal.watermark.ImageWatermarker;

import java.awt.image.BufferedImage;

/**
 * Applies a {@link ContentEdit} to decoded pixels: the visible label first, then our watermark over the
 * whole picture (label included, so a crop that keeps the label keeps the mark too). The result has the
 * same image type as the input, so the encoder keeps the colour type. The pixels given are the caller's own
 * decoded copy and are drawn into where their layout allows (no second picture-sized copy); use the result.
 */
public final class ContentPainter {
    private ContentPainter() {
    }

    /** Whether the edit changes pixels at all (a text-only edit must not re-encode an image). */
    public static boolean changesPixels(ContentEdit edit) {
        return edit.explicitLabel() != null || edit.watermarkPayload() != null;
    }

    public static BufferedImage paint(BufferedImage image, ContentEdit edit, SdkContext ctx) {
        return paint(image, 1, edit, ctx);
    }

    /** As {@link #paint(BufferedImage, ContentEdit, SdkContext)}, placing the label as the image is displayed (EXIF orientation). */
    public static BufferedImage paint(BufferedImage image, int orientation, ContentEdit edit, SdkContext ctx) {
        BufferedImage out = image;
        if (edit.explicitLabel() != null) {
            BufferedImage display = Orientation.toDisplay(image, orientation);
            try {
                LabelRenderer.draw(display, edit.explicitLabel(), LabelPlacement.parse(edit.placement()));
            } catch (IllegalArgumentException e) {
                // The user's content or wording cannot carry a legible visible label (an image too small for it,
                // a wording without its required elements): a refusal to report, not an internal error.
                throw new MarkRefusedException("the visible label cannot be drawn: " + e.getMessage()
                        + "; mark without a visible label or with a shorter wording", e);
            }
            out = Orientation.fromDisplay(display, image, orientation);
        }
        if (edit.watermarkPayload() != null) {
            WatermarkKey key = ctx.requireIdentity().watermarkKey();
            if (!ImageWatermarker.embedInPlace(out, key, edit.watermarkPayload())) {
                out = sameType(ImageWatermarker.embed(out, key, edit.watermarkPayload()), image);
            }
        }
        return out;
    }

    /** Copies {@code pixels} into an image of {@code like}'s type (and colour model), keeping the encoder's input type. */
    static BufferedImage sameType(BufferedImage pixels, BufferedImage like) {
        if (like.getType() == pixels.getType() && like.getType() != BufferedImage.TYPE_CUSTOM) {
            return pixels;
        }
        BufferedImage out = new BufferedImage(like.getColorModel(),
                like.getColorModel().createCompatibleWritableRaster(like.getWidth(), like.getHeight()),
                like.isAlphaPremultiplied(), null);
        int w = like.getWidth();
        out.setRGB(0, 0, w, like.getHeight(), pixels.getRGB(0, 0, w, like.getHeight(), null, 0, w), 0, w);
        return out;
    }
}
