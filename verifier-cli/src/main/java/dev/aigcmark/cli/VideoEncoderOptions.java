package dev.aigcmark.cli;

import dev.aigcmark.video.EncoderChoice;
import picocli.CommandLine.Option;

/**
 * {@code aigc mark}'s video encoder overrides. By default a re-encoded video keeps the input's codec (where the
 * FFmpeg natives have an encoder for it), mean bit rate and keyframe interval.
 */
final class VideoEncoderOptions {
    @Option(names = "--encoder", paramLabel = "NAME",
            description = "Video encoder: libx264, libx265 (GPL FFmpeg natives), libopenh264 (LGPL natives), "
                    + "libvpx-vp9, libsvtav1 (default: one for the input's codec).")
    String encoder;

    @Option(names = "--crf", paramLabel = "N",
            description = "Constant rate factor instead of the input's bit rate (x264/x265: 0-51, 23 is x264's default).")
    Integer crf;

    @Option(names = "--preset", paramLabel = "NAME",
            description = "Encoder speed preset (x264/x265: ultrafast ... medium ... veryslow).")
    String preset;

    EncoderChoice choice() {
        try {
            return new EncoderChoice(encoder, crf, preset);
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage());
        }
    }
}
