package dev.aigcmark.video.internal.pipeline;

/**
 * What {@link VideoCodecBackend#encodeAudio} wrote: the encoder and its settings (for the report's steps), and where
 * the first sample it was given sits on the new file's timeline ({@code startMicros}, microseconds; {@link
 * Long#MIN_VALUE} when not known): after any lead-in of silence the encoder put before it.
 */
public record EncodedAudio(String encoder, long startMicros) {
}
