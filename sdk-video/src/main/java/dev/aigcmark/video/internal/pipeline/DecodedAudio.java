package dev.aigcmark.video.internal.pipeline;

import dev.aigcmark.video.internal.audio.pcm.Pcm;

/**
 * A whole audio stream decoded (every channel), with how it was coded and where its first sample sits on the file's
 * timeline ({@code firstSampleMicros}, microseconds; {@link Long#MIN_VALUE} when the stream says no time).
 */
public record DecodedAudio(Pcm pcm, AudioCoding coding, long firstSampleMicros) {
    /** A stream whose first sample's time is not known. */
    public DecodedAudio(Pcm pcm, AudioCoding coding) {
        this(pcm, coding, Long.MIN_VALUE);
    }
}
