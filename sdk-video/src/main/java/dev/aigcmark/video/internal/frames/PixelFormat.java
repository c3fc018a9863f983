package dev.aigcmark.video.internal.frames;

/**
 * How a raw frame's bytes are laid out. Planar formats are tight (luma stride = width, chroma planes of
 * ceil(w/2) × ceil(h/2) samples), the layout decoders and {@code ffmpeg -f rawvideo} produce.
 */
public enum PixelFormat {
    /** Only the 8-bit luma plane (the caller keeps chroma elsewhere). */
    LUMA,
    /** Y plane, then U plane, then V plane ({@code yuv420p}). */
    I420,
    /** Y plane, then one plane of interleaved U,V pairs ({@code nv12}). */
    NV12;

    /** Bytes of a tight frame of this format. */
    public int frameBytes(int width, int height) {
        int luma = width * height;
        int chroma = ((width + 1) / 2) * ((height + 1) / 2);
        return this == LUMA ? luma : luma + 2 * chroma;
    }
}
