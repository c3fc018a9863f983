package dev.aigcmark.video.internal.pipeline;

import dev.aigcmark.video.internal.audio.pcm.Pcm;

/** A whole audio stream decoded (every channel), with how it was coded. */
public record DecodedAudio(Pcm pcm, AudioCoding coding) {
}
