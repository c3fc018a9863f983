package dev.aigcmark.video.internal.pipeline;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.video.internal.demux.AvcConfig;
import dev.aigcmark.video.internal.demux.Track;
import dev.aigcmark.video.internal.demux.VideoCodec;
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
import org.jcodec.common.model.Size;
import org.jcodec.containers.mp4.muxer.MP4Muxer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;

/**
 * The pure-Java backend: jcodec's H.264 decoder (any profile x264 writes, 8-bit 4:2:0) and its Baseline
 * encoder. jcodec never sees the file: it gets the NAL units of samples our demuxer validated, and parameter
 * sets only after {@link dev.aigcmark.video.internal.demux.H264ParameterSets} checked every count jcodec sizes an array by. It hands frames out
 * in decode order, so they are reordered here by the presentation times the sample tables give; it decodes
 * 1080p as 1920×1088, so frames are cropped to the display size. Its encoder uses a fixed QP and writes
 * constant frame rate.
 */
public final class JcodecBackend implements VideoCodecBackend {
    static {
        JcodecLogging.install(); // before jcodec's first message, or it prints to stdout
    }


    @Override
    public String name() {
        return "jcodec";
    }

    @Override
    public List<String> encoders() {
        return List.of("jcodec");
    }

    @Override
    public String cannotDecode(Track track) {
        return track.entry().videoCodec() == VideoCodec.H264 ? null
                : "jcodec decodes H.264 only, not " + track.entry().formatName();
    }

    @Override
    public Decoder openDecoder(Track track, ReadLimits limits, FramePool pool) throws IOException {
        String why = cannotDecode(track);
        if (why != null) {
            throw new IOException(why);
        }
        return new JcodecDecoder(AvcConfig.parse(track.entry().decoderConfig()), track.samples(), limits.maxPixels(), pool);
    }

    @Override
    public Encoder openEncoder(Path output, EncoderSettings settings) throws IOException {
        int width = settings.width();
        int height = settings.height();
        if ((width & 1) != 0 || (height & 1) != 0) {
            throw new IOException("the jcodec encoder needs even frame sizes, not " + width + "x" + height);
        }
        FileChannelWrapper ch = NIOUtils.writableChannel(output.toFile());
        try {
            MP4Muxer muxer = MP4Muxer.createMP4MuxerToChannel(ch);
            MuxerTrack track = muxer.addVideoTrack(Codec.H264,
                    VideoCodecMeta.createSimpleVideoCodecMeta(new Size(width, height), ColorSpace.YUV420J));
            return new JcodecEncoder(ch, muxer, track, settings);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /**
     * jcodec's H.264 Baseline encoder (fixed QP) into its MP4 muxer, fed YUV420J pictures directly. Frames keep
     * their timestamps and durations in the input's timescale, so a variable frame rate survives.
     */
    private static final class JcodecEncoder implements Encoder {
        private final FileChannelWrapper channel;
        private final MP4Muxer muxer;
        private final MuxerTrack track;
        private final H264Encoder encoder = H264Encoder.createH264Encoder();
        private final Picture picture;
        private final ByteBuffer buffer;
        private final int width;
        private final int height;
        private final int timescale;
        private final long nominalDuration;
        private long frameNo;
        private boolean finished;

        JcodecEncoder(FileChannelWrapper channel, MP4Muxer muxer, MuxerTrack track, EncoderSettings s)
                throws IOException {
            if (s.timescale() > Integer.MAX_VALUE) {
                throw new IOException("jcodec cannot write a timescale of " + s.timescale());
            }
            this.channel = channel;
            this.muxer = muxer;
            this.track = track;
            this.width = s.width();
            this.height = s.height();
            this.timescale = (int) s.timescale();
            this.nominalDuration = Math.max(1, Math.round(s.timescale() / (s.fps() > 0 ? s.fps() : 25)));
            encoder.setKeyInterval(s.gop());
            this.picture = Picture.create(width, height, ColorSpace.YUV420J);
            this.buffer = ByteBuffer.allocate(encoder.estimateBufferSize(picture));
        }

        @Override
        public void encode(VideoFrame frame) throws IOException {
            if (frame.width() != width || frame.height() != height) {
                throw new IOException("frame size changed mid-stream to " + frame.width() + "x" + frame.height());
            }
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
            long duration = frame.duration() > 0 ? frame.duration() : nominalDuration;
            track.addFrame(Packet.createPacket(copy, frame.pts(), timescale, duration, frameNo,
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
        public String describe() {
            return "jcodec H.264 Baseline (fixed QP), keyframe every " + encoder.getKeyInterval() + " frames";
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
