package dev.aigcmark.video.ffmpeg.internal;

import dev.aigcmark.video.internal.demux.Colour;
import dev.aigcmark.video.internal.pipeline.EncoderSettings;
import dev.aigcmark.video.internal.pipeline.VideoCodecBackend;
import dev.aigcmark.video.internal.pipeline.VideoFrame;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_JPEG;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_MPEG;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_d2q;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;

/**
 * Encodes marked frames with a libavcodec encoder into a video-only MP4 written by libavformat (our own output,
 * never untrusted input). Timestamps stay in the input track's timescale ({@code video_track_timescale}), each
 * packet keeps the duration of the frame it encodes (else the MP4's last frame comes out short), and the
 * rate control follows {@link EncoderSettings}: a CRF when one is given, else the input's bit rate.
 */
final class FfmpegEncoder implements VideoCodecBackend.Encoder {
    private final EncoderPlan plan;
    private final String description;
    private final AVCodecContext ctx;
    private final AVFormatContext out;
    private final AVStream stream;
    private final AVFrame frame;
    private final AVPacket packet = av_packet_alloc();
    private final AVRational timeBase;
    /** Durations of frames sent and not yet seen as packets, by pts (encoders may lose packet durations). */
    private final Map<Long, Long> durations = new HashMap<>();
    private final long nominalDuration;
    private boolean headerWritten;
    private boolean finished;

    FfmpegEncoder(Path output, EncoderSettings s, EncoderPlan plan) throws IOException {
        this.plan = plan;
        this.description = plan.describe(s);
        if (s.timescale() > Integer.MAX_VALUE) {
            throw new IOException("timescale " + s.timescale() + " is too large for FFmpeg");
        }
        this.timeBase = av_make_q(1, (int) s.timescale());
        this.nominalDuration = Math.max(1, Math.round(s.timescale() / (s.fps() > 0 ? s.fps() : 25)));
        AVCodec codec = plan.codec();
        ctx = avcodec_alloc_context3(codec);
        out = new AVFormatContext(null);
        frame = av_frame_alloc();
        try {
            FfmpegErrors.check(avformat_alloc_output_context2(out, null, "mp4", output.toString()),
                    "creating the MP4 muxer");
            ctx.width(s.width()).height(s.height()).pix_fmt(AV_PIX_FMT_YUV420P).time_base(timeBase)
                    .framerate(av_d2q(s.fps() > 0 ? s.fps() : 25, 100_000)).gop_size(s.gop()).thread_count(0);
            Colour c = s.colour();
            if (c != null) {
                ctx.color_primaries(c.primaries()).color_trc(c.transfer()).colorspace(c.matrix());
                if (c.fullRange() != null) {
                    ctx.color_range(c.fullRange() ? AVCOL_RANGE_JPEG : AVCOL_RANGE_MPEG);
                }
            }
            plan.applyRateControl(ctx, s);
            stream = FfmpegStreamOutput.open(out, ctx, codec, timeBase, output,
                    Map.of("video_track_timescale", Long.toString(s.timescale())), plan.name(), "MP4");
            headerWritten = true;
            frame.format(AV_PIX_FMT_YUV420P).width(s.width()).height(s.height());
            FfmpegErrors.check(av_frame_get_buffer(frame, 0), "allocating a frame");
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public void encode(VideoFrame f) throws IOException {
        FfmpegErrors.check(av_frame_make_writable(frame), "making the frame writable");
        FrameCopy.fromI420(f, frame);
        long duration = f.duration() > 0 ? f.duration() : nominalDuration;
        frame.pts(f.pts()).duration(duration);
        durations.put(f.pts(), duration);
        FfmpegErrors.check(avcodec_send_frame(ctx, frame), "encoding a frame");
        writePackets();
    }

    private void writePackets() throws IOException {
        FfmpegStreamOutput.drain(ctx, packet, out, stream, timeBase, p -> {
            Long d = durations.remove(p.pts());
            if (p.duration() <= 0) {
                p.duration(d != null ? d : nominalDuration);
            }
        });
    }

    @Override
    public void finish() throws IOException {
        if (finished) {
            return;
        }
        finished = true;
        FfmpegErrors.check(avcodec_send_frame(ctx, null), "flushing the encoder");
        writePackets();
        FfmpegErrors.check(av_write_trailer(out), "writing the MP4 trailer");
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        if (out != null && !out.isNull()) {
            if (out.pb() != null && !out.pb().isNull()) {
                avio_closep(out.pb());
            }
            avformat_free_context(out);
        }
        if (ctx != null) {
            avcodec_free_context(ctx);
        }
        av_frame_free(frame);
        av_packet_free(packet);
    }
}
