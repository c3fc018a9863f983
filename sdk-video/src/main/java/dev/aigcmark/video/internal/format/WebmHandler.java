package dev.aigcmark.video.internal.format;

import java.util.List;

/** WebM: Matroska with DocType {@code webm}; the label is read and written exactly as for Matroska. */
public final class WebmHandler extends MatroskaHandler {
    public WebmHandler() {
        super("webm", "video/webm", "webm", List.of("webm", "weba"));
    }
}
