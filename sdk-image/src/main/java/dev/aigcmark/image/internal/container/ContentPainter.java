package dev.aigcmark.image.internal.container;

import dev.aigcmark.core.MarkRefusedException;
import dev.aigcmark.core.MarkStep;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.identity.WatermarkKey;
import dev.aigcmark.core.report.StatusCodes;
import dev.aigcmark.core.spi.ContentEdit;
import dev.aigcmark.image.internal.PackedRgb;
import dev.aigcmark.image.internal.SecondCore;
import dev.aigcmark.image.internal.label.LabelPlacement;
import dev.aigcmark.image.internal.label.LabelRenderer;
import dev.aigcmark.image.internal.watermark.ImageWatermarker;
import dev.aigcmark.image.internal.watermark.PreparedWatermark;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.util.Arrays;

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

    /**
     * The painted pixels, and the step saying why the watermark asked for was left out (null when it went in or
     * was not asked for): the {@code Marker} then neither claims it nor binds the label to its payload.
     */
    public record Painted(BufferedImage image, MarkStep watermarkLeftOut) {
    }

    public static Painted paint(BufferedImage image, ContentEdit edit, SdkContext ctx) {
        return paint(image, 1, edit, ctx);
    }

    /**
     * The watermark of {@code edit}, drawn for the picture's size on a helper thread while the picture decodes ({@link
     * SecondCore}): give it to {@link Rasters#decodeForPainting(byte[], dev.aigcmark.core.ReadLimits, Rasters.Sized)}
     * and then to {@link #paint(BufferedImage, int, ContentEdit, SdkContext, WatermarkAhead)}. Null when the edit has
     * no watermark or the context no identity (then {@code paint} prepares it as before). The same watermark either way.
     */
    public static WatermarkAhead watermarkAhead(ContentEdit edit, SdkContext ctx) {
        byte[] payload = edit.watermarkPayload();
        if (payload == null || ctx.identity().isEmpty()) {
            return null;
        }
        return new WatermarkAhead(ctx.identity().get().watermarkKey(), payload);
    }

    /** A watermark prepared ahead for a size ({@link #watermarkAhead}). */
    public static final class WatermarkAhead implements Rasters.Sized {
        private final WatermarkKey key;
        private final byte[] payload;
        private volatile SecondCore.Ahead<PreparedWatermark> started;
        private volatile int width;
        private volatile int height;

        private WatermarkAhead(WatermarkKey key, byte[] payload) {
            this.key = key;
            this.payload = payload.clone();
        }

        @Override
        public void sized(int w, int h) {
            if (started == null && ImageWatermarker.fits(w, h)) {
                width = w;
                height = h;
                started = SecondCore.ahead(() -> ImageWatermarker.prepare(key, payload, w, h));
            }
        }

        /**
         * The prepared watermark for this key and payload: the one {@code ahead} started for {@code w} × {@code h},
         * or, when there is none ({@code ahead} null, never sized, or for another key, payload or size), drawn now.
         */
        static PreparedWatermark get(WatermarkAhead ahead, WatermarkKey forKey, byte[] forPayload, int w, int h) {
            SecondCore.Ahead<PreparedWatermark> s = ahead == null ? null : ahead.started;
            if (s == null || !forKey.equals(ahead.key) || !Arrays.equals(forPayload, ahead.payload)
                    || w != ahead.width || h != ahead.height) {
                return ImageWatermarker.prepare(forKey, forPayload, w, h);
            }
            return s.get();
        }
    }

    /**
     * As {@link #paint(BufferedImage, ContentEdit, SdkContext)}, placing the label as the image is displayed (EXIF
     * orientation). The watermark goes in only where it can be read back: not on a picture below
     * {@link ImageWatermarker#MIN_SIDE} (too few tile periods for the detector), and on a palette picture only when
     * the detector reads the payload back from the pixels as they will be encoded (mapping the marked colours to
     * the palette removes most of the mark, how much depends on the picture and the payload).
     */
    public static Painted paint(BufferedImage image, int orientation, ContentEdit edit, SdkContext ctx) {
        return paint(image, orientation, edit, ctx, null);
    }

    /** As {@link #paint(BufferedImage, int, ContentEdit, SdkContext)}, with the watermark prepared ahead, if any. */
    public static Painted paint(BufferedImage image, int orientation, ContentEdit edit, SdkContext ctx,
                                WatermarkAhead ahead) {
        BufferedImage out = image;
        if (edit.explicitLabel() != null) {
            BufferedImage display = Orientation.toDisplay(image, orientation);
            try {
                LabelRenderer.draw(bgrView(display), edit.explicitLabel(), LabelPlacement.parse(edit.placement()));
            } catch (IllegalArgumentException e) {
                // The user's content or wording cannot carry a legible visible label (an image too small for it,
                // a wording without its required elements): a refusal to report, not an internal error.
                throw new MarkRefusedException("the visible label cannot be drawn: " + e.getMessage()
                        + "; mark without a visible label or with a shorter wording", e);
            }
            out = Orientation.fromDisplay(display, image, orientation);
        }
        byte[] payload = edit.watermarkPayload();
        if (payload == null) {
            return new Painted(out, null);
        }
        int w = image.getWidth();
        int h = image.getHeight();
        if (!ImageWatermarker.fits(w, h)) {
            return new Painted(out, MarkStep.notSupported(MarkStep.Carrier.WATERMARK, "this picture (" + w + "×" + h
                    + " px: a watermark needs a shorter side of " + ImageWatermarker.MIN_SIDE + " px to be read back"
                    + " reliably; verification reports " + StatusCodes.WM_SKIPPED_TOO_SMALL.id() + ")"));
        }
        WatermarkKey key = ctx.requireIdentity().watermarkKey();
        PreparedWatermark prepared = WatermarkAhead.get(ahead, key, payload, w, h);
        if (image.getColorModel() instanceof IndexColorModel) { // never marked in place: the unmarked pixels stay
            BufferedImage marked = sameType(ImageWatermarker.embed(out, prepared), image);
            return readsBack(marked, key, payload) ? new Painted(marked, null)
                    : new Painted(out, MarkStep.notSupported(MarkStep.Carrier.WATERMARK,
                    "this picture (its palette does not keep the watermark: the detector does not read it back)"));
        }
        if (!ImageWatermarker.embedInPlace(out, prepared)) {
            out = sameType(ImageWatermarker.embed(out, prepared), image);
        }
        return new Painted(out, null);
    }

    /**
     * Where to draw the visible label: for R, G, B packed pixels ({@link Rasters#decodeForPainting}), a B, G, R image
     * over the same bytes, red and blue swapped. Java 2D draws on that layout with its native loops, on R, G, B
     * ({@code TYPE_CUSTOM}) through its generic ones, several times slower. The label is drawn in greys only
     * ({@link LabelRenderer}: black, white, translucent black), whose blending treats the three channels alike, so the
     * swap gives the same bytes. Any other image is drawn on itself.
     */
    static BufferedImage bgrView(BufferedImage image) {
        PackedRgb packed = PackedRgb.of(image).filter(p -> p.redAt() == 0).orElse(null);
        if (packed == null) {
            return image;
        }
        int w = image.getWidth();
        WritableRaster bgr = Raster.createInterleavedRaster(new DataBufferByte(packed.bytes(), packed.bytes().length),
                w, image.getHeight(), 3 * w, 3, new int[]{2, 1, 0}, null);
        return new BufferedImage(image.getColorModel(), bgr, false, null);
    }

    private static boolean readsBack(BufferedImage marked, WatermarkKey key, byte[] payload) {
        return ImageWatermarker.detect(marked, key).payload()
                .map(p -> Arrays.equals(p.toBytes(), payload)).orElse(false);
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
