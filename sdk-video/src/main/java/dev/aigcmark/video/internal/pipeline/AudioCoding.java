package dev.aigcmark.video.internal.pipeline;

/**
 * How a compressed audio stream was coded, so a marked copy is re-encoded the same way: the codec (FFmpeg's short
 * name: {@code mp3}, {@code aac}, {@code opus}, {@code vorbis}, {@code flac}), the rate, the channel count, the mean
 * bit rate (bits per second, 0 when lossless or unknown) and the bits per sample of lossless codecs (0 otherwise).
 */
public record AudioCoding(String codec, int sampleRate, int channels, long bitRate, int bitsPerSample) {

    /** For the report's steps: {@code mp3 128 kb/s, 44100 Hz, 2 ch}. */
    public String describe() {
        return codec + (bitRate > 0 ? " " + Math.round(bitRate / 1000.0) + " kb/s" : "")
                + (bitsPerSample > 0 ? " " + bitsPerSample + "-bit" : "") + ", " + sampleRate + " Hz, " + channels + " ch";
    }
}
