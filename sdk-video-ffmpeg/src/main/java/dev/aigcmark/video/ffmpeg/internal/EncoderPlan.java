package dev.aigcmark.video.ffmpeg.internal;

import dev.aigcmark.video.internal.demux.VideoCodec;
import dev.aigcmark.video.internal.pipeline.EncoderSettings;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.av_opt_set;

/**
 * Which libavcodec encoder writes the marked video and how its rate is controlled. The input's codec is kept
 * where the natives have an encoder for it: H.264 by {@code libx264} (GPL natives) or {@code libopenh264} (LGPL
 * natives: Constrained Baseline, bit rate only), HEVC by {@code libx265} (GPL natives only; otherwise H.264 and
 * the report says so), VP9 by {@code libvpx-vp9}, AV1 by {@code libsvtav1}. A CRF is used when given (not by
 * libopenh264), else the input's mean bit rate.
 *
 * @param note why the plan differs from what was asked (empty when it does not)
 */
record EncoderPlan(AVCodec codec, String name, String note) {
    private static final String OPENH264 = "libopenh264";
    /**
     * libopenh264 writes Constrained Baseline (no B-frames, no CABAC) with simpler rate-distortion decisions than
     * x264: at the input's bit rate it loses so much detail that the mark does not survive (measured on a 320x240
     * testsrc2 clip at 0.3 Mb/s: no payload from openh264, PNR 10 from x264 at the same rate). It gets twice the
     * input's bit rate, about what it needs for x264 High's quality.
     */
    static final double OPENH264_RATE_FACTOR = 2.0;

    static EncoderPlan choose(EncoderSettings s) throws IOException {
        if (s.encoder() != null) {
            AVCodec c = FfmpegNatives.encoder(s.encoder());
            if (c == null || c.type() != AVMEDIA_TYPE_VIDEO) {
                throw new IOException("no video encoder '" + s.encoder() + "' in these FFmpeg natives ("
                        + FfmpegNatives.licence() + "); software encoders here: " + available());
            }
            return new EncoderPlan(c, s.encoder(), "");
        }
        VideoCodec wanted = s.codec() == VideoCodec.OTHER ? VideoCodec.H264 : s.codec();
        for (String name : candidates(wanted)) {
            AVCodec c = FfmpegNatives.encoder(name);
            if (c != null) {
                return new EncoderPlan(c, name, "");
            }
        }
        for (String name : candidates(VideoCodec.H264)) {
            AVCodec c = FfmpegNatives.encoder(name);
            if (c != null) {
                return new EncoderPlan(c, name, "no " + wanted + " encoder in the " + FfmpegNatives.licence()
                        + " FFmpeg natives: writing H.264");
            }
        }
        throw new IOException("these FFmpeg natives have no software H.264 encoder");
    }

    private static List<String> candidates(VideoCodec codec) {
        return switch (codec) {
            case HEVC -> List.of("libx265");
            case VP9 -> List.of("libvpx-vp9");
            case AV1 -> List.of("libsvtav1", "libaom-av1");
            default -> List.of("libx264", OPENH264);
        };
    }

    /** The software video encoders these natives have, for messages and {@code aigc formats}. */
    static List<String> available() {
        return List.of("libx264", "libx265", OPENH264, "libvpx-vp9", "libsvtav1", "libaom-av1").stream()
                .filter(n -> FfmpegNatives.encoder(n) != null).toList();
    }

    /** Sets bit rate or CRF, preset and the options that keep every frame (no frame skipping). */
    void applyRateControl(AVCodecContext ctx, EncoderSettings s) throws IOException {
        Integer crf = s.crf();
        boolean useCrf = crf != null && !name.equals(OPENH264);
        if (useCrf) {
            option(ctx, "crf", Integer.toString(crf));
            if (name.equals("libvpx-vp9")) {
                ctx.bit_rate(0);
            }
        } else if (s.bitRate() > 0) {
            ctx.bit_rate(bitRate(s));
        } else if (name.startsWith("libx26")) {
            option(ctx, "crf", "23");
        }
        if (s.preset() != null) {
            switch (name) {
                case "libx264", "libx265", "libsvtav1" -> option(ctx, "preset", s.preset());
                case "libvpx-vp9", "libaom-av1" -> option(ctx, "cpu-used", s.preset());
                default -> throw new IOException(name + " has no speed presets");
            }
        } else if (name.equals("libvpx-vp9") || name.equals("libaom-av1")) {
            option(ctx, "cpu-used", "6"); // their defaults are many times slower than realtime
        }
        if (name.equals(OPENH264)) {
            option(ctx, "rc_mode", "bitrate");
            option(ctx, "allow_skip_frames", "0"); // a skipped frame would change the frame count
        }
    }

    /** The bit rate asked of the encoder when no CRF applies. */
    long bitRate(EncoderSettings s) {
        return name.equals(OPENH264) ? Math.round(s.bitRate() * OPENH264_RATE_FACTOR) : s.bitRate();
    }

    private static void option(AVCodecContext ctx, String key, String value) throws IOException {
        FfmpegErrors.check(av_opt_set(ctx.priv_data(), key, value, 0), "setting " + key + "=" + value);
    }

    /** For the report: encoder, rate control, preset, keyframe interval. */
    String describe(EncoderSettings s) {
        StringBuilder b = new StringBuilder(name);
        if (s.crf() != null && !name.equals(OPENH264)) {
            b.append(" crf ").append(s.crf());
        } else if (s.bitRate() > 0) {
            b.append(String.format(Locale.ROOT, " at %.2f Mb/s (%s)", bitRate(s) / 1e6,
                    name.equals(OPENH264) ? "twice the input's: Constrained Baseline"
                            + (s.crf() != null ? "; libopenh264 has no CRF" : "") : "the input's"));
        } else if (name.startsWith("libx26")) {
            b.append(" crf 23");
        }
        if (s.preset() != null) {
            b.append(" preset ").append(s.preset());
        }
        b.append(", keyframe every ").append(s.gop()).append(" frames");
        if (!note.isEmpty()) {
            b.append(" (").append(note).append(')');
        }
        return b.toString();
    }
}
