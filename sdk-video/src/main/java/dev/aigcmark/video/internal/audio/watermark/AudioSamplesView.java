package dev.aigcmark.video.internal.audio.watermark;

import dev.aigcmark.video.internal.audio.pcm.Pcm;

import java.io.IOException;

/**
 * A container's decoded audio, for the audio watermark detector (a {@link dev.aigcmark.core.spi.Container} view).
 * Formats whose samples we decode ourselves (PCM WAV) offer it; decoding is deferred until a codec asks.
 */
@FunctionalInterface
public interface AudioSamplesView {
    /**
     * The first {@code maxSeconds} of audio (all of it when shorter) of the first audio track; throws when the samples
     * cannot be decoded.
     */
    Pcm read(double maxSeconds) throws IOException;

    /** How many audio tracks the container has, each read by {@link #read(int, double)} (a video may have several). */
    default int tracks() {
        return 1;
    }

    /** The same for audio track {@code track} (0 the first, in file order). */
    default Pcm read(int track, double maxSeconds) throws IOException {
        if (track != 0) {
            throw new IOException("no audio track " + (track + 1));
        }
        return read(maxSeconds);
    }
}
