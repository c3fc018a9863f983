package dev.aigcmark.video.ffmpeg.internal;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_GLOBAL_HEADER;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_from_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avformat.AVFMT_GLOBALHEADER;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;

/**
 * What our encoders (picture: {@link FfmpegEncoder}; sound: {@link FfmpegAudioEncoder}) share when they write one
 * encoded stream into a file of ours: opening the configured encoder with the stream it feeds and the file's
 * header, and moving the packets the encoder has ready into the file. The caller owns and frees every context.
 */
final class FfmpegStreamOutput {
    private FfmpegStreamOutput() {
    }

    /**
     * Opens {@code ctx} (configured, not yet open) as {@code codec}, adds its stream to {@code out} in
     * {@code timeBase}, opens {@code output} for writing and writes the container's header with
     * {@code headerOptions}. {@code what} names the encoder and {@code container} the muxer in error messages.
     */
    static AVStream open(AVFormatContext out, AVCodecContext ctx, AVCodec codec, AVRational timeBase, Path output,
                         Map<String, String> headerOptions, String what, String container) throws IOException {
        if ((out.oformat().flags() & AVFMT_GLOBALHEADER) != 0) {
            ctx.flags(ctx.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
        }
        FfmpegErrors.check(avcodec_open2(ctx, codec, (AVDictionary) null), "opening " + what);
        AVStream stream = avformat_new_stream(out, null);
        FfmpegErrors.check(avcodec_parameters_from_context(stream.codecpar(), ctx), "describing the stream");
        stream.time_base(timeBase);
        AVIOContext io = new AVIOContext(null);
        FfmpegErrors.check(avio_open(io, output.toString(), AVIO_FLAG_WRITE), "opening " + output.getFileName());
        out.pb(io);
        AVDictionary options = new AVDictionary(null);
        headerOptions.forEach((k, v) -> av_dict_set(options, k, v, 0));
        try {
            FfmpegErrors.check(avformat_write_header(out, options), "writing the " + container + " header");
        } finally {
            av_dict_free(options);
        }
        return stream;
    }

    /**
     * Writes every packet {@code ctx} has ready into {@code out}, rescaled from {@code timeBase} to the stream's;
     * {@code before} sees each packet first (in the encoder's time base), e.g. to restore a lost duration.
     */
    static void drain(AVCodecContext ctx, AVPacket packet, AVFormatContext out, AVStream stream, AVRational timeBase,
                      Consumer<AVPacket> before) throws IOException {
        while (true) {
            int r = avcodec_receive_packet(ctx, packet);
            if (r == AVERROR_EAGAIN() || r == AVERROR_EOF) {
                return;
            }
            FfmpegErrors.check(r, "receiving an encoded packet");
            try {
                before.accept(packet);
                av_packet_rescale_ts(packet, timeBase, stream.time_base());
                packet.stream_index(stream.index());
                FfmpegErrors.check(av_interleaved_write_frame(out, packet), "writing a packet");
            } finally {
                av_packet_unref(packet);
            }
        }
    }
}
