package dev.aigcmark.video.format;

import dev.aigcmark.video.pipeline.LazyBackend;
import dev.aigcmark.video.pipeline.ProgressListener;
import dev.aigcmark.video.pipeline.VideoCodecBackend;
import dev.aigcmark.video.pipeline.VideoOptions;

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
