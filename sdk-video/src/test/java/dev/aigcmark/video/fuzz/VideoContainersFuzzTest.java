package dev.aigcmark.video.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.testing.HandlerFuzzing;
import dev.aigcmark.testing.SilentOutput;

/**
 * Jazzer harness for the video and audio containers (docs/fuzzing.md): MP4/MOV, Matroska/WebM, AVI, FLV, WAV,
 * MP3, FLAC and Ogg, whichever the bytes are detected as (as for an upload). Each handler's scan (box tree, EBML,
 * RIFF, FLV tags and AMF metadata, ID3 frames, FLAC blocks, Ogg pages), content digest, label write and re-scan
 * work or refuse with an IOException; anything else is a finding. No frame is decoded here: the decoders are
 * libraries (jcodec, FFmpeg) that only ever get streams these readers validated.
 */
class VideoContainersFuzzTest {
    private static final SdkContext CONTEXT = SdkContext.defaults();

    @FuzzTest(maxDuration = "10m")
    void containers(byte[] data) {
        SilentOutput.require(() -> HandlerFuzzing.detect(CONTEXT, data, "dev.aigcmark.video.")
                .ifPresent(handler -> HandlerFuzzing.throughHandler(handler, data, CONTEXT)));
    }
}
