package dev.aigcmark.video.internal.pipeline;

import dev.aigcmark.video.internal.demux.Colour;
import dev.aigcmark.video.internal.demux.VideoCodec;

/**
 * What an encoder is asked for. By default "the same as the input" ({@link VideoPipeline} derives it from the
 * source track): its codec where the backend can write it, its mean bit rate, its keyframe interval and colour
 * description; a CRF and a preset override the rate control when given.
 *
 * @param timescale ticks per second of the frames' {@link VideoFrame#pts()} (the input track's timescale)
 * @param codec     the codec wanted; a backend without an encoder for it falls back to H.264 and says so
 * @param encoder   a specific encoder ({@code libx264}, {@code libopenh264}, {@code libx265}...), or null for the
 *                  backend's choice
 * @param crf       constant rate factor, or null to target {@code bitRate}
 * @param preset    the encoder's speed preset ({@code medium}...), or null for its default
 * @param bitRate   target bits per second when no CRF is given (0: the encoder's default)
 * @param gop       frames between keyframes
 */
public record EncoderSettings(int width, int height, long timescale, double fps, VideoCodec codec, String encoder,
                              Integer crf, String preset, long bitRate, int gop, Colour colour) {
    public EncoderSettings {
        if (width <= 0 || height <= 0 || timescale <= 0) {
            throw new IllegalArgumentException("bad encoder geometry " + width + "x" + height + " / " + timescale);
        }
        gop = Math.max(1, gop);
    }

    /** Simple settings for tests and benchmarks: H.264 at the backend's defaults, timestamps in microseconds. */
    public static EncoderSettings h264(int width, int height, double fps) {
        return new EncoderSettings(width, height, 1_000_000, fps, VideoCodec.H264, null, null, null, 0,
                (int) Math.max(1, Math.round(fps * 2)), Colour.UNSPECIFIED);
    }
}
