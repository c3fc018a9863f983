package dev.aigcmark.video.internal.audio.watermark;

import dev.aigcmark.video.internal.audio.pcm.Pcm;

import java.io.IOException;

/**
 * A container's decoded audio, for the audio watermark detector (a {@link dev.aigcmark.core.spi.Container} view).
 * Formats whose samples we decode ourselves (PCM WAV) offer it; decoding is deferred until a codec asks.
 */
@FunctionalInterface
public interface AudioSamplesView {
    /** The first {@code maxSeconds} of audio (all of it when shorter); throws when the samples cannot be decoded. */
    Pcm read(double maxSeconds) throws IOException;
}
