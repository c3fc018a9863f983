package dev.aigcmark.video.ffmpeg.internal;

import dev.aigcmark.video.internal.pipeline.FramePool;
import dev.aigcmark.video.internal.pipeline.VideoFrame;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;

import java.io.IOException;
import java.nio.ByteBuffer;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ420P;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BICUBIC;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale_frame;

/**
 * Moves pixels between FFmpeg frames (strided planes in native memory, any pixel format) and our tight 8-bit I420
 * {@link VideoFrame}s. 8-bit 4:2:0 is copied plane by plane; anything else (10-bit, 4:2:2, NV12...) is converted
 * by libswscale first. Not thread-safe: one per decoder.
 */
final class FrameCopy implements AutoCloseable {
    private SwsContext sws;
    private AVFrame converted;

    /** A pooled frame holding {@code src}'s pixels as I420, at its size. */
    VideoFrame toI420(AVFrame src, FramePool pool) throws IOException {
        AVFrame planar = src;
        int format = src.format();
        if (format != AV_PIX_FMT_YUV420P && format != AV_PIX_FMT_YUVJ420P) {
            planar = convert(src);
        }
        int w = src.width();
        int h = src.height();
        VideoFrame f = pool.take(w, h);
        byte[] out = f.i420();
        int cw = (w + 1) / 2;
        int ch = (h + 1) / 2;
        read(planar.data(0), planar.linesize(0), out, 0, w, h);
        read(planar.data(1), planar.linesize(1), out, w * h, cw, ch);
        read(planar.data(2), planar.linesize(2), out, w * h + cw * ch, cw, ch);
        return f;
    }

    /** Writes {@code src} into {@code dst}, a writable YUV420P frame of the same size. */
    static void fromI420(VideoFrame src, AVFrame dst) {
        int w = src.width();
        int h = src.height();
        int cw = (w + 1) / 2;
        int ch = (h + 1) / 2;
        byte[] in = src.i420();
        write(in, 0, w, h, dst.data(0), dst.linesize(0));
        write(in, w * h, cw, ch, dst.data(1), dst.linesize(1));
        write(in, w * h + cw * ch, cw, ch, dst.data(2), dst.linesize(2));
    }

    private AVFrame convert(AVFrame src) throws IOException {
        int w = src.width();
        int h = src.height();
        sws = sws_getCachedContext(sws, w, h, src.format(), w, h, AV_PIX_FMT_YUV420P, SWS_BICUBIC, null, null,
                (double[]) null);
        if (sws == null) {
            throw new IOException("FFmpeg cannot convert pixel format " + src.format() + " to yuv420p");
        }
        if (converted == null || converted.width() != w || converted.height() != h) {
            if (converted != null) {
                av_frame_free(converted);
            }
            converted = av_frame_alloc();
            converted.format(AV_PIX_FMT_YUV420P).width(w).height(h);
            FfmpegErrors.check(av_frame_get_buffer(converted, 0), "allocating a yuv420p frame");
        }
        FfmpegErrors.check(sws_scale_frame(sws, converted, src), "converting to yuv420p");
        return converted;
    }

    private static void read(BytePointer plane, int stride, byte[] dst, int off, int w, int h) {
        ByteBuffer b = plane.capacity((long) stride * (h - 1) + w).asByteBuffer();
        if (stride == w) {
            b.get(dst, off, w * h);
            return;
        }
        for (int y = 0; y < h; y++) {
            b.position(y * stride);
            b.get(dst, off + y * w, w);
        }
    }

    private static void write(byte[] src, int off, int w, int h, BytePointer plane, int stride) {
        ByteBuffer b = plane.capacity((long) stride * (h - 1) + w).asByteBuffer();
        for (int y = 0; y < h; y++) {
            b.position(y * stride);
            b.put(src, off + y * w, w);
        }
    }

    @Override
    public void close() {
        if (converted != null) {
            av_frame_free(converted);
            converted = null;
        }
        if (sws != null) {
            sws_freeContext(sws);
            sws = null;
        }
    }
}
