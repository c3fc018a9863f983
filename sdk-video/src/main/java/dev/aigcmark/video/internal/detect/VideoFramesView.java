package dev.aigcmark.video.internal.detect;

import dev.aigcmark.video.internal.pipeline.FrameSource;

import java.io.IOException;

/**
 * A container view (see {@code Container.view}) giving the decoded frames of a video, for detectors. Each
 * call opens a fresh decoder positioned at the first frame; the caller closes it.
 */
public interface VideoFramesView {
    FrameSource open() throws IOException;
}
