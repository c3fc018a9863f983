package dev.aigcmark.video.internal.format;

import dev.aigcmark.video.internal.pipeline.LazyBackend;
import dev.aigcmark.video.ProgressListener;
import dev.aigcmark.video.internal.pipeline.VideoCodecBackend;
import dev.aigcmark.video.VideoOptions;

import java.util.List;

/** WebM: Matroska with DocType {@code webm}; the label and the frames are read exactly as for Matroska. */
public final class WebmHandler extends MatroskaHandler {
    /** The service-loaded handler: frames decoded by the preferred codec backend. */
    public WebmHandler() {
        this(VideoOptions.DEFAULTS);
    }

    /** A handler decoding frames with the backend {@code options} name (the CLI's {@code --codec}). */
    public WebmHandler(VideoOptions options) {
        this(new LazyBackend(options));
    }

    /** A handler decoding frames with {@code backend} (tests). */
    public WebmHandler(VideoCodecBackend backend) {
        this(new LazyBackend(backend, ProgressListener.NONE));
    }

    private WebmHandler(LazyBackend backend) {
        super("webm", "video/webm", "webm", List.of("webm", "weba"), backend);
    }
}
