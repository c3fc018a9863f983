package dev.aigcmark.video.internal.pipeline;

import dev.aigcmark.video.EncoderChoice;
import dev.aigcmark.video.ProgressListener;
import dev.aigcmark.video.VideoOptions;

/**
 * The codec backend a handler uses, resolved from its {@link VideoOptions} on first use: a handler that only reads
 * labels never loads FFmpeg's natives, and an unknown or unusable {@code --codec} fails where video is touched.
 * Thread-safe (a race resolves twice to the same choice).
 */
public final class LazyBackend {
    private final VideoOptions options;
    private volatile VideoCodecBackend backend;

    public LazyBackend(VideoOptions options) {
        this.options = options;
    }

    /** A given backend (tests, benchmarks). */
    public LazyBackend(VideoCodecBackend backend, ProgressListener progress) {
        this(new VideoOptions(backend.name(), EncoderChoice.SAME_AS_INPUT, progress));
        this.backend = backend;
    }

    public VideoOptions options() {
        return options;
    }

    public VideoCodecBackend get() {
        VideoCodecBackend b = backend;
        if (b == null) {
            backend = b = VideoBackends.choose(options.backend());
        }
        return b;
    }
}
