package dev.aigcmark.video.ffmpeg.internal;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.global.swscale;
import org.bytedeco.javacpp.Loader;

/**
 * Loads FFmpeg's native libraries once and says what they are: the version, the licence of the build (the
 * {@code linux-x86_64} natives are LGPL, {@code linux-x86_64-gpl} GPL) and which codecs it has. Loading failures
 * (no natives for this platform, a classifier missing from the class path) are kept as a reason, never thrown
 * at whoever only asked whether FFmpeg is there.
 */
final class FfmpegNatives {
    private static final String FAILURE = load();

    private FfmpegNatives() {
    }

    private static String load() {
        try {
            Loader.load(avutil.class);
            Loader.load(avcodec.class);
            Loader.load(avformat.class);
            Loader.load(swscale.class);
            // libav* would log to the process's stderr, below the CLI: silence it (failures come back as return codes).
            avutil.av_log_set_level(avutil.AV_LOG_QUIET);
            return null;
        } catch (Throwable e) { // UnsatisfiedLinkError, NoClassDefFoundError, ExceptionInInitializerError
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    /** Why the natives did not load, or null when they did. */
    static String failure() {
        return FAILURE;
    }

    static String version() {
        return avutil.av_version_info().getString();
    }

    /** {@code LGPL} or {@code GPL}, from the build's own licence string. */
    static String licence() {
        String l = avcodec.avcodec_license().getString();
        return l.startsWith("GPL") ? "GPL" : l.startsWith("LGPL") ? "LGPL" : l;
    }

    static AVCodec decoder(String name) {
        return avcodec.avcodec_find_decoder_by_name(name);
    }

    static AVCodec encoder(String name) {
        return avcodec.avcodec_find_encoder_by_name(name);
    }
}
