package dev.aigcmark.video.internal.pipeline;

import dev.aigcmark.video.internal.frames.PixelFormat;

/**
 * One decoded frame as tight, unsigned {@code yuv420p} (I420) bytes at the display size, with its presentation
 * time: {@link #pts()} and {@link #duration()} in the track's ticks as the file says (a variable frame rate
 * stays variable), {@link #ptsMicros()} from the first frame of the stream (what the explicit label's duration
 * is measured against). Frames may come from a {@link FramePool}: whoever is done with one may release it there.
 */
public final class VideoFrame {
    private final int width;
    private final int height;
    private final byte[] i420;
    private long pts;
    private long duration;
    private long ptsMicros;

    public VideoFrame(int width, int height) {
        this.width = width;
        this.height = height;
        this.i420 = new byte[PixelFormat.I420.frameBytes(width, height)];
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

    /** Presentation time in track ticks. */
    public long pts() {
        return pts;
    }

    public void pts(long ticks) {
        this.pts = ticks;
    }

    /** How long the frame is shown, in track ticks (0 when unknown). */
    public long duration() {
        return duration;
    }

    public void duration(long ticks) {
        this.duration = ticks;
    }

    public long ptsMicros() {
        return ptsMicros;
    }

    public void ptsMicros(long micros) {
        this.ptsMicros = micros;
    }
}
