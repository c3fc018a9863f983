package dev.aigcmark.video.pipeline;

/**
 * One decoded frame as tight, unsigned {@code yuv420p} (I420) bytes at the display size, with its presentation
 * time from the start of the stream. Backends may reuse instances between calls; consumers copy what they keep.
 */
public final class VideoFrame {
    private final int width;
    private final int height;
    private final byte[] i420;
    private long ptsMicros;

    public VideoFrame(int width, int height) {
        this.width = width;
        this.height = height;
        this.i420 = new byte[dev.aigcmark.video.frames.PixelFormat.I420.frameBytes(width, height)];
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The frame's bytes: Y plane, then U, then V. Mutable: marking happens in place. */
    public byte[] i420() {
        return i420;
    }

    public long ptsMicros() {
        return ptsMicros;
    }

    public void ptsMicros(long pts) {
        this.ptsMicros = pts;
    }
}
