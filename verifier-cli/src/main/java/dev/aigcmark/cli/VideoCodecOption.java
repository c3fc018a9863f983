package dev.aigcmark.cli;

import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.spi.FormatHandler;
import dev.aigcmark.video.internal.format.MatroskaHandler;
import dev.aigcmark.video.internal.format.Mp4Handler;
import dev.aigcmark.video.internal.format.WebmHandler;
import dev.aigcmark.video.EncoderChoice;
import dev.aigcmark.video.ProgressListener;
import dev.aigcmark.video.internal.pipeline.VideoBackends;
import dev.aigcmark.video.internal.pipeline.VideoCodecBackend;
import dev.aigcmark.video.VideoOptions;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code --codec}: which video backend decodes (and, for {@code mark}, encodes). FFmpeg when its natives load,
 * else jcodec; naming one that cannot run here is a usage error, not a silent fallback.
 */
final class VideoCodecOption implements OptionGroup {
    private final OptionSpec option = OptionSpec.builder("--codec").paramLabel("auto|ffmpeg|jcodec").type(String.class)
            .description("Video codec backend (default auto: FFmpeg where its natives load, else pure-Java jcodec).")
            .build();

    @Override
    public void addTo(CommandSpec command) {
        command.addOption(option);
    }

    /** {@code context} with its MP4/MOV, Matroska and WebM handlers decoding through the chosen backend. */
    SdkContext apply(SdkContext context, EncoderChoice encoder, ProgressListener progress) {
        String codec = option.getValue();
        boolean encoderNamed = encoder != null && encoder.encoder() != null;
        if (codec != null || encoderNamed) {
            // Checked before any file is read, so a wrong name is a usage error. With neither named, the handlers
            // choose on first use (LazyBackend): verifying a text file never loads FFmpeg's classes and natives.
            VideoCodecBackend backend;
            try {
                backend = VideoBackends.choose(codec);
            } catch (IllegalArgumentException e) {
                throw CliException.usage("--codec " + codec + ": " + e.getMessage());
            }
            if (encoderNamed && !backend.encoders().contains(encoder.encoder())) {
                throw CliException.usage("--encoder " + encoder.encoder() + ": the " + backend.describe()
                        + " backend has " + backend.encoders());
            }
        }
        VideoOptions options = new VideoOptions(codec, encoder, progress);
        return context.toBuilder().handlers(context.handlers().stream()
                .map(h -> withOptions(h, options)).toList()).build();
    }

    private static FormatHandler withOptions(FormatHandler h, VideoOptions options) {
        if (h instanceof Mp4Handler) {
            return new Mp4Handler(options);
        }
        if (h instanceof WebmHandler) {
            return new WebmHandler(options);
        }
        return h instanceof MatroskaHandler ? new MatroskaHandler(options) : h;
    }
}
