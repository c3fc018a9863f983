package dev.aigcmark.video.internal.frames;

import dev.aigcmark.image.internal.watermark.EmbedMask;
import dev.aigcmark.image.internal.watermark.PreparedWatermark;

/**
 * One video stream's marking state: the texture mask that gives flat areas less of the mark, refreshed every
 * {@link #MASK_REFRESH_FRAMES} frames (about a GOP) rather than per frame, which keeps the per-frame cost at one
 * pass. Allocates only when the frame size grows. Not thread-safe: one per stream; the {@link FrameMarker}
 * behind it is shared.
 */
public final class FrameStream {
    public static final int MASK_REFRESH_FRAMES = 12;

    private final FrameMarker marker;
    private final EmbedMask mask = new EmbedMask();
    private int framesSinceMask = Integer.MAX_VALUE;
    private int maskWidth;
    private int maskHeight;

    FrameStream(FrameMarker marker) {
        this.marker = marker;
    }

    /** Marks one frame of this stream in place (see {@link FrameMarker#mark}). */
    public void mark(byte[] frame, PixelFormat format, int width, int height, long ptsMicros) {
        marker.mark(frame, format, width, height, ptsMicros, this, true);
    }

    /** As {@link #mark}, with the watermark only when {@code watermark} (label-only frames in a subset scheme). */
    public void mark(byte[] frame, PixelFormat format, int width, int height, long ptsMicros, boolean watermark) {
        marker.mark(frame, format, width, height, ptsMicros, this, watermark);
    }

    void embed(PreparedWatermark watermark, byte[] luma, int width, int height, int stride) {
        if (framesSinceMask >= MASK_REFRESH_FRAMES || width != maskWidth || height != maskHeight) {
            mask.update(luma, width, height, stride);
            maskWidth = width;
            maskHeight = height;
            framesSinceMask = 0;
        }
        framesSinceMask++;
        watermark.embed(luma, width, height, stride, mask);
    }
}
