package dev.aigcmark.video;

import java.util.Objects;

/**
 * How the MP4/MOV handler decodes and re-encodes: the backend ({@code ffmpeg}, {@code jcodec}, or null for the
 * preferred one), overrides of the "same as input" encoder settings, and who hears about progress. The CLI builds
 * one from {@code --codec}, {@code --encoder}, {@code --crf}, {@code --preset}; nothing below it prints.
 */
public record VideoOptions(String backend, EncoderChoice encoder, ProgressListener progress) {
    public static final VideoOptions DEFAULTS = new VideoOptions(null, EncoderChoice.SAME_AS_INPUT, ProgressListener.NONE);

    public VideoOptions {
        encoder = Objects.requireNonNullElse(encoder, EncoderChoice.SAME_AS_INPUT);
        progress = Objects.requireNonNullElse(progress, ProgressListener.NONE);
    }
}
