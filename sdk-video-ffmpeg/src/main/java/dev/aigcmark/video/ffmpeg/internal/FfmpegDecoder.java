package dev.aigcmark.video.ffmpeg.internal;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.video.internal.demux.Colour;
import dev.aigcmark.video.internal.demux.Track;
import dev.aigcmark.video.internal.pipeline.EncodedSample;
import dev.aigcmark.video.internal.pipeline.FramePool;
import dev.aigcmark.video.internal.pipeline.VideoCodecBackend;
import dev.aigcmark.video.internal.pipeline.VideoFrame;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;

import java.io.IOException;
import java.util.ArrayDeque;

import static org.bytedeco.ffmpeg.global.avcodec.AV_INPUT_BUFFER_PADDING_SIZE;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_new_packet;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_flush_buffers;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_JPEG;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_UNSPECIFIED;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_INVALIDDATA;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_mallocz;

/**
 * libavcodec decoding samples from our demuxer: the decoder configuration record ({@code avcC}, {@code hvcC},
 * {@code av1C}) becomes the codec's extradata, each sample one packet with its decode and presentation time, and
 * {@code max_pixels} holds the picture size to the read limits. Frames come back in presentation order (libavcodec
 * reorders) and are copied out as I420. A packet the decoder rejects as invalid is skipped, as the ffmpeg tool
 * does; any other error ends decoding. Not thread-safe; libavcodec's own threads decode in parallel.
 */
final class FfmpegDecoder implements VideoCodecBackend.Decoder {
    /** libavcodec's FF_THREAD_FRAME | FF_THREAD_SLICE (not exported by the JavaCPP presets). */
    private static final int FRAME_AND_SLICE_THREADS = 1 | 2;
    private final AVCodecContext ctx;
    private final AVPacket packet = av_packet_alloc();
    private final AVFrame frame = av_frame_alloc();
    private final FrameCopy copy = new FrameCopy();
    private final FramePool pool;
    private final ArrayDeque<VideoFrame> ready = new ArrayDeque<>();
    private Colour colour;
    private boolean draining;

    FfmpegDecoder(AVCodec codec, Track track, ReadLimits limits, FramePool pool) throws IOException {
        this.pool = pool;
        ctx = avcodec_alloc_context3(codec);
        if (ctx == null) {
            close();
            throw new IOException("FFmpeg could not allocate a decoder");
        }
        try {
            byte[] config = track.entry().decoderConfig();
            if (config != null && config.length > 0) {
                BytePointer extradata = new BytePointer(av_mallocz(config.length + AV_INPUT_BUFFER_PADDING_SIZE));
                extradata.put(config, 0, config.length);
                ctx.extradata(extradata).extradata_size(config.length);
            }
            if (track.timescale() <= Integer.MAX_VALUE) {
                ctx.pkt_timebase(av_make_q(1, (int) track.timescale()));
            }
            ctx.max_pixels(Math.min(limits.maxPixels(), Integer.MAX_VALUE));
            ctx.thread_count(0).thread_type(FRAME_AND_SLICE_THREADS);
            FfmpegErrors.check(avcodec_open2(ctx, codec, (AVDictionary) null),
                    "opening the " + codec.name().getString() + " decoder");
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public void send(EncodedSample sample) throws IOException {
        byte[] data = sample.data();
        FfmpegErrors.check(av_new_packet(packet, data.length), "allocating a packet");
        try {
            packet.data().put(data, 0, data.length);
            packet.pts(sample.pts()).dts(sample.dts()).flags(sample.sync() ? AV_PKT_FLAG_KEY : 0);
            while (true) {
                int r = avcodec_send_packet(ctx, packet);
                if (r == AVERROR_EAGAIN()) {
                    if (!receiveOne()) { // the decoder wants its output taken first
                        throw new IOException("FFmpeg decoder neither accepts input nor gives output");
                    }
                    continue;
                }
                if (r == AVERROR_INVALIDDATA) {
                    break; // a damaged sample: skipped, like the ffmpeg tool does
                }
                FfmpegErrors.check(r, "decoding video sample " + (sample.index() + 1));
                break;
            }
        } finally {
            av_packet_unref(packet);
        }
        while (receiveOne()) {
            // collect what this sample completed
        }
    }

    @Override
    public void drain() throws IOException {
        if (!draining) {
            draining = true;
            int r = avcodec_send_packet(ctx, null);
            if (r != AVERROR_EOF) {
                FfmpegErrors.check(r, "draining the decoder");
            }
        }
        while (receiveOne()) {
            // every frame held for reordering
        }
    }

    /** Takes one decoded frame into {@link #ready}; false when none is available now. */
    private boolean receiveOne() throws IOException {
        int r = avcodec_receive_frame(ctx, frame);
        if (r == AVERROR_EAGAIN() || r == AVERROR_EOF) {
            return false;
        }
        FfmpegErrors.check(r, "receiving a decoded frame");
        try {
            VideoFrame f = copy.toI420(frame, pool);
            f.pts(frame.best_effort_timestamp());
            if (colour == null) {
                int range = frame.color_range();
                colour = new Colour(frame.color_primaries(), frame.color_trc(), frame.colorspace(),
                        range == AVCOL_RANGE_UNSPECIFIED ? null : range == AVCOL_RANGE_JPEG);
            }
            ready.add(f);
            return true;
        } finally {
            av_frame_unref(frame);
        }
    }

    @Override
    public VideoFrame receive() {
        return ready.poll();
    }

    @Override
    public void reset() {
        avcodec_flush_buffers(ctx);
        ready.clear();
        draining = false;
    }

    @Override
    public Colour colour() {
        return colour;
    }

    @Override
    public void close() {
        copy.close();
        if (ctx != null) {
            avcodec_free_context(ctx);
        }
        av_packet_free(packet);
        av_frame_free(frame);
    }
}
