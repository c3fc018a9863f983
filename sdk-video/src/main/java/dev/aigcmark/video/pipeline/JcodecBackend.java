package dev.aigcmark.video.pipeline;

import org.jcodec.api.FrameGrab;
import org.jcodec.api.JCodecException;
import org.jcodec.api.PictureWithMetadata;
import org.jcodec.codecs.h264.H264Encoder;
import org.jcodec.common.Codec;
import org.jcodec.common.MuxerTrack;
import org.jcodec.common.VideoCodecMeta;
import org.jcodec.common.VideoEncoder;
import org.jcodec.common.io.FileChannelWrapper;
import org.jcodec.common.io.NIOUtils;
import org.jcodec.common.model.ColorSpace;
import org.jcodec.common.model.Packet;
import org.jcodec.common.model.Picture;
import org.jcodec.common.model.Rect;
import org.jcodec.common.model.Size;
import org.jcodec.containers.mp4.muxer.MP4Muxer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.PriorityQueue;

/**
 * The pure-Java backend: jcodec's H.264 decoder (any profile x264 writes) and its Baseline encoder.
 * jcodec hands frames out in <em>decode</em> order, so a small reorder window sorts them by timestamp;
 * it decodes 1080p as 1920×1088, so frames are cropped to the display size. Its demuxer cannot read
 * fragmented MP4; its encoder uses a fixed QP and writes constant frame rate.
 */
public final class JcodecBackend implements VideoCodecBackend {
    /** Frames held to restore display order; x264 uses at most 16 reference frames (B-pyramids need ~4). */
    static final int REORDER_WINDOW = 16;

    static {
        JcodecLogging.install(); // before jcodec's first message, or it prints to stdout
    }

    @Override
    public String name() {
        return "jcodec";
    }

    @Override
    public Decoder openDecoder(Path input) throws IOException {
        try {
            JcodecPreflight.check(input);
        } catch (IOException e) {
            throw new IOException("jcodec cannot decode " + input.getFileName() + ": " + e.getMessage(), e);
        }
        FileChannelWrapper ch = NIOUtils.readableChannel(input.toFile());
        try {
            return new JcodecDecoder(ch, FrameGrab.createFrameGrab(ch));
        } catch (JCodecException | RuntimeException e) {
            ch.close();
            throw new IOException("jcodec cannot decode " + input.getFileName() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Encoder openEncoder(Path output, int width, int height, double fps) throws IOException {
        if ((width & 1) != 0 || (height & 1) != 0) {
            throw new IOException("the jcodec encoder needs even frame sizes, not " + width + "x" + height);
        }
        FileChannelWrapper ch = NIOUtils.writableChannel(output.toFile());
        try {
            MP4Muxer muxer = MP4Muxer.createMP4MuxerToChannel(ch);
            MuxerTrack track = muxer.addVideoTrack(Codec.H264,
                    VideoCodecMeta.createSimpleVideoCodecMeta(new Size(width, height), ColorSpace.YUV420J));
            return new JcodecEncoder(ch, muxer, track, width, height, fps);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    private static final class JcodecDecoder implements Decoder {
        private final FileChannelWrapper channel;
        private final FrameGrab grab;
        private final PriorityQueue<VideoFrame> window = new PriorityQueue<>(
                (a, b) -> Long.compare(a.ptsMicros(), b.ptsMicros()));
        private final ArrayDeque<VideoFrame> ready = new ArrayDeque<>();
        private final int frameCount;
        private int width = -1;
        private int height = -1;
        private double fps = 25;
        private boolean ended;
        private long firstPts = Long.MIN_VALUE;
        private PictureWithMetadata peeked;

        JcodecDecoder(FileChannelWrapper channel, FrameGrab grab) throws IOException {
            this.channel = channel;
            this.grab = grab;
            this.frameCount = grab.getVideoTrack().getMeta() != null
                    ? grab.getVideoTrack().getMeta().getTotalFrames() : -1;
            peeked = grab.getNativeFrameWithMetadata();
            if (peeked == null) {
                throw new IOException("the video track has no frames");
            }
            Picture p = peeked.getPicture();
            Rect crop = p.getCrop();
            width = crop == null ? p.getWidth() : crop.getWidth();
            height = crop == null ? p.getHeight() : crop.getHeight();
            if (peeked.getDuration() > 0) {
                fps = 1.0 / peeked.getDuration();
            }
        }

        @Override
        public int width() {
            return width;
        }

        @Override
        public int height() {
            return height;
        }

        @Override
        public double fps() {
            return fps;
        }

        @Override
        public int frameCountEstimate() {
            return frameCount;
        }

        @Override
        public VideoFrame next() throws IOException {
            while (!ended && window.size() <= REORDER_WINDOW) {
                PictureWithMetadata pm = peeked != null ? peeked : nextFromJcodec();
                peeked = null;
                if (pm == null) {
                    ended = true;
                    break;
                }
                window.add(toFrame(pm));
            }
            return window.poll();
        }

        /** jcodec throws unchecked exceptions on a damaged bitstream: that is unreadable input, not a bug. */
        private PictureWithMetadata nextFromJcodec() throws IOException {
            try {
                return grab.getNativeFrameWithMetadata();
            } catch (RuntimeException e) {
                throw new IOException("jcodec cannot decode a frame: " + e, e);
            }
        }

        private VideoFrame toFrame(PictureWithMetadata pm) {
            Picture p = pm.getPicture();
            VideoFrame f = new VideoFrame(width, height);
            long pts = Math.round(pm.getTimestamp() * 1_000_000);
            if (firstPts == Long.MIN_VALUE) {
                firstPts = pts;
            }
            f.ptsMicros(pts - firstPts);
            Rect crop = p.getCrop();
            int x0 = crop == null ? 0 : crop.getX();
            int y0 = crop == null ? 0 : crop.getY();
            byte[] out = f.i420();
            copyPlane(p.getPlaneData(0), p.getPlaneWidth(0), x0, y0, out, 0, width, height);
            int cw = (width + 1) / 2;
            int chh = (height + 1) / 2;
            copyPlane(p.getPlaneData(1), p.getPlaneWidth(1), x0 / 2, y0 / 2, out, width * height, cw, chh);
            copyPlane(p.getPlaneData(2), p.getPlaneWidth(2), x0 / 2, y0 / 2, out, width * height + cw * chh, cw, chh);
            return f;
        }

        /** jcodec stores samples as signed bytes (value − 128). */
        private static void copyPlane(byte[] src, int srcStride, int x0, int y0, byte[] dst, int dstOff, int w, int h) {
            for (int y = 0; y < h; y++) {
                int s = (y0 + y) * srcStride + x0;
                int d = dstOff + y * w;
                for (int x = 0; x < w; x++) {
                    dst[d + x] = (byte) (src[s + x] + 128);
                }
            }
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    /** jcodec's H.264 Baseline encoder (fixed QP) into its MP4 muxer, fed YUV420J pictures directly. */
    private static final class JcodecEncoder implements Encoder {
        private static final int TIMESCALE = 90_000;
        private final FileChannelWrapper channel;
        private final MP4Muxer muxer;
        private final MuxerTrack track;
        private final H264Encoder encoder = H264Encoder.createH264Encoder();
        private final Picture picture;
        private final ByteBuffer buffer;
        private final int width;
        private final int height;
        private final long frameDuration;
        private long frameNo;
        private boolean finished;

        JcodecEncoder(FileChannelWrapper channel, MP4Muxer muxer, MuxerTrack track, int width, int height, double fps) {
            this.channel = channel;
            this.muxer = muxer;
            this.track = track;
            this.width = width;
            this.height = height;
            this.frameDuration = Math.max(1, Math.round(TIMESCALE / fps));
            this.picture = Picture.create(width, height, ColorSpace.YUV420J);
            this.buffer = ByteBuffer.allocate(encoder.estimateBufferSize(picture));
        }

        @Override
        public void encode(VideoFrame frame) throws IOException {
            byte[] in = frame.i420();
            int cw = width / 2;
            int ch = height / 2;
            toSigned(in, 0, picture.getPlaneData(0), width * height);
            toSigned(in, width * height, picture.getPlaneData(1), cw * ch);
            toSigned(in, width * height + cw * ch, picture.getPlaneData(2), cw * ch);
            buffer.clear();
            VideoEncoder.EncodedFrame ef = encoder.encodeFrame(picture, buffer);
            ByteBuffer data = ef.getData();
            ByteBuffer copy = ByteBuffer.allocate(data.remaining());
            copy.put(data).flip();
            track.addFrame(Packet.createPacket(copy, frameNo * frameDuration, TIMESCALE, frameDuration, frameNo,
                    ef.isKeyFrame() ? Packet.FrameType.KEY : Packet.FrameType.INTER, null));
            frameNo++;
        }

        private static void toSigned(byte[] src, int off, byte[] dst, int n) {
            for (int i = 0; i < n; i++) {
                dst[i] = (byte) ((src[off + i] & 0xFF) - 128);
            }
        }

        @Override
        public void finish() throws IOException {
            if (!finished) {
                finished = true;
                muxer.finish();
            }
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
