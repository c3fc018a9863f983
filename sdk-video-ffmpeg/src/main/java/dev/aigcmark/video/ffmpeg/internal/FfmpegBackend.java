package dev.aigcmark.video.ffmpeg.internal;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.video.internal.audio.pcm.Pcm;
import dev.aigcmark.video.internal.demux.Track;
import dev.aigcmark.video.internal.pipeline.AudioCoding;
import dev.aigcmark.video.internal.pipeline.DecodedAudio;
import dev.aigcmark.video.internal.pipeline.EncodedAudio;
import dev.aigcmark.video.internal.pipeline.EncoderSettings;
import dev.aigcmark.video.internal.pipeline.FramePool;
import dev.aigcmark.video.internal.pipeline.VideoCodecBackend;
import org.bytedeco.ffmpeg.avcodec.AVCodec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * FFmpeg (libavcodec 7.1 through JavaCPP) as the video backend: H.264, HEVC, VP8, VP9 and AV1 decoding at native speed
 * with FFmpeg's own frame threads, and the encoders of the natives on the class path (see {@link EncoderPlan}).
 * Video samples come from our demuxer, never from libavformat, which writes the encoder's video-only MP4 and reads
 * compressed audio for the audio watermark detector ({@link FfmpegAudio}: only files our own handlers have
 * scanned first). Preferred over jcodec wherever its natives load ({@link #unavailable()}).
 */
public final class FfmpegBackend implements VideoCodecBackend {
    /** Decoders by preference for each codec; FFmpeg's own {@code av1} decoder needs a hardware device. */
    private static final List<String> H264 = List.of("h264");
    private static final List<String> HEVC = List.of("hevc");
    private static final List<String> VP8 = List.of("vp8", "libvpx");
    private static final List<String> VP9 = List.of("vp9", "libvpx-vp9");
    private static final List<String> AV1 = List.of("libdav1d", "libaom-av1");

    @Override
    public String name() {
        return "ffmpeg";
    }

    @Override
    public int priority() {
        return 100;
    }

    @Override
    public String unavailable() {
        return FfmpegNatives.failure();
    }

    @Override
    public String describe() {
        return unavailable() != null ? "ffmpeg (unavailable)"
                : "ffmpeg " + FfmpegNatives.version() + " (" + FfmpegNatives.licence() + " natives)";
    }

    @Override
    public boolean decodesAudio() {
        return true;
    }

    @Override
    public Pcm decodeAudio(MediaInput input, int track, double maxSeconds, ReadLimits limits) throws IOException {
        if (unavailable() != null) {
            throw new IOException("the FFmpeg natives did not load: " + unavailable());
        }
        return FfmpegAudio.decode(input, track, maxSeconds, limits);
    }

    @Override
    public DecodedAudio decodeAudioStream(MediaInput input, int track, long maxFrames, ReadLimits limits)
            throws IOException {
        if (unavailable() != null) {
            throw new IOException("the FFmpeg natives did not load: " + unavailable());
        }
        return FfmpegAudio.decodeStream(input, track, maxFrames, limits);
    }

    @Override
    public EncodedAudio encodeAudio(Pcm pcm, AudioCoding coding, String muxer, Path output) throws IOException {
        if (unavailable() != null) {
            throw new IOException("the FFmpeg natives did not load: " + unavailable());
        }
        return FfmpegAudioEncoder.encode(pcm, coding, muxer, output);
    }

    @Override
    public String cannotEncodeAudio(AudioCoding coding) {
        if (unavailable() != null) {
            return "the FFmpeg natives did not load: " + unavailable();
        }
        return FfmpegAudioEncoder.cannotEncode(coding);
    }

    @Override
    public List<String> replaceAudio(MediaInput original, List<Path> encodedAudio, String muxer, Path output,
                                     ReadLimits limits) throws IOException {
        if (unavailable() != null) {
            throw new IOException("the FFmpeg natives did not load: " + unavailable());
        }
        return FfmpegRemux.replaceAudio(original, encodedAudio, muxer, output, limits);
    }

    @Override
    public String cannotDecode(Track track) {
        if (unavailable() != null) {
            return "the FFmpeg natives did not load: " + unavailable();
        }
        return decoder(track) == null ? "no " + track.entry().formatName() + " decoder in these FFmpeg natives" : null;
    }

    private static AVCodec decoder(Track track) {
        List<String> names = switch (track.entry().videoCodec()) {
            case H264 -> H264;
            case HEVC -> HEVC;
            case VP8 -> VP8;
            case VP9 -> VP9;
            case AV1 -> AV1;
            case OTHER -> List.of();
        };
        for (String n : names) {
            AVCodec c = FfmpegNatives.decoder(n);
            if (c != null) {
                return c;
            }
        }
        return null;
    }

    @Override
    public Decoder openDecoder(Track track, ReadLimits limits, FramePool pool) throws IOException {
        String why = cannotDecode(track);
        if (why != null) {
            throw new IOException(why);
        }
        return new FfmpegDecoder(decoder(track), track, limits, pool);
    }

    @Override
    public Encoder openEncoder(Path output, EncoderSettings settings) throws IOException {
        if (unavailable() != null) {
            throw new IOException("the FFmpeg natives did not load: " + unavailable());
        }
        return new FfmpegEncoder(output, settings, EncoderPlan.choose(settings));
    }

    /** The software video encoders of the loaded natives. */
    @Override
    public List<String> encoders() {
        return unavailable() != null ? List.of() : EncoderPlan.available();
    }
}
