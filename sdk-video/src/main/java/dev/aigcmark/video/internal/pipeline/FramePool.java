package dev.aigcmark.video.internal.pipeline;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reuses frame buffers between decoder and encoder: a 1080p frame is 3 MB, which the JVM allocates outside its
 * young generation, so allocating one per frame at 30 fps costs more than the copy into it. Thread-safe; keeps
 * at most {@code capacity} idle frames. {@link #NONE} allocates every time (for callers that keep frames).
 */
public final class FramePool {
    public static final FramePool NONE = new FramePool(0);

    private final int capacity;
    private final ConcurrentLinkedQueue<VideoFrame> idle = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();

    public FramePool(int capacity) {
        this.capacity = capacity;
    }

    /** A frame of this size: an idle one when there is one, else a new one. Its contents are undefined. */
    public VideoFrame take(int width, int height) {
        VideoFrame f;
        while ((f = idle.poll()) != null) {
            size.decrementAndGet();
            if (f.width() == width && f.height() == height) {
                return f;
            }
        }
        return new VideoFrame(width, height);
    }

    /** Gives a frame back; the caller must not touch it afterwards. */
    public void release(VideoFrame frame) {
        if (frame != null && size.incrementAndGet() <= capacity) {
            idle.offer(frame);
        } else if (frame != null) {
            size.decrementAndGet();
        }
    }
}
