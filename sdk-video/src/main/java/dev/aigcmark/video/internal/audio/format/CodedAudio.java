package dev.aigcmark.video.internal.audio.format;

import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.spi.ViewUnavailableException;
import dev.aigcmark.video.internal.audio.watermark.AudioSamplesView;
import dev.aigcmark.video.internal.pipeline.VideoBackends;
import dev.aigcmark.video.internal.pipeline.VideoCodecBackend;

/**
 * The samples of compressed audio (MP3, FLAC, Ogg Opus/Vorbis, M4A/AAC, a video's audio track) for the audio
 * watermark detector, decoded by the first codec backend that decodes audio: FFmpeg ({@code sdk-video-ffmpeg}).
 * Without one the view is unavailable and verification reports nothing about the audio mark, as before; nothing is
 * loaded until a detector asks (a label-only scan never loads FFmpeg's natives).
 */
public final class CodedAudio {
    private CodedAudio() {
    }

    public static AudioSamplesView view(MediaInput input, SdkContext context) {
        VideoCodecBackend backend = VideoBackends.all().stream().filter(VideoCodecBackend::decodesAudio)
                .filter(b -> b.unavailable() == null).findFirst()
                .orElseThrow(() -> new ViewUnavailableException("no backend decodes compressed audio here "
                        + "(sdk-video-ffmpeg with its natives does)"));
        return maxSeconds -> backend.decodeAudio(input, maxSeconds, context.limits());
    }
}
