package dev.aigcmark.video.ffmpeg.internal;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.io.FileBudget;
import dev.aigcmark.video.internal.audio.pcm.Pcm;
import dev.aigcmark.video.internal.pipeline.AudioCoding;
import dev.aigcmark.video.internal.pipeline.DecodedAudio;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVInputFormat;
import org.bytedeco.ffmpeg.avformat.Read_packet_Pointer_BytePointer_int;
import org.bytedeco.ffmpeg.avformat.Seek_Pointer_long_int;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongUnaryOperator;

import static org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_ALL;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_SIZE;
import static org.bytedeco.ffmpeg.global.avformat.AV_DISPOSITION_ATTACHED_PIC;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avformat.avio_alloc_context;
import static org.bytedeco.ffmpeg.global.avformat.avio_context_free;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_INVALIDDATA;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_DBL;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_DBLP;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLT;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLTP;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16P;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S32;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S32P;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_U8;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_U8P;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_free;
import static org.bytedeco.ffmpeg.global.avutil.av_get_bytes_per_sample;
import static org.bytedeco.ffmpeg.global.avutil.av_malloc;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;
import static org.bytedeco.ffmpeg.global.avutil.av_sample_fmt_is_planar;

/**
 * The first seconds of one of a file's audio streams decoded by FFmpeg and downmixed to mono, for the audio watermark
 * detector: MP3, FLAC, Ogg Opus/Vorbis, M4A/AAC and the audio track of a video. Called only on a file our own
 * bounded parser has accepted (the handlers scan it first); libavformat reads it through {@link MediaInput}
 * (a custom AVIO, so any input, not only files), and reads stop at the asked duration. A packet the decoder
 * rejects is skipped, as the ffmpeg tool does.
 */
final class FfmpegAudio {
    static final int IO_BUFFER = 1 << 16;
    /** libavformat's AVFMT_FLAG_CUSTOM_IO (not exported by the JavaCPP presets): the AVIO is ours to free. */
    static final int CUSTOM_IO = 0x0080;
    /** Channels beyond this are not mixed in (the mark is in every channel alike), nor marked. */
    private static final int MAX_CHANNELS = 8;
    /** Rates above this are refused: the detector works at 16 kHz, and 120 s at 192 kHz is 92 MB of floats. */
    private static final int MAX_RATE = 192_000;
    /** The rate given to the empty result when there is no audio stream. */
    private static final int NO_AUDIO_RATE = 8000;

    private FfmpegAudio() {
    }

    /** The first {@code maxSeconds} of the {@code track}-th audio stream (0: the first), downmixed. */
    static Pcm decode(MediaInput input, int track, double maxSeconds, ReadLimits limits) throws IOException {
        return decode(input, track, rate -> (long) Math.ceil(maxSeconds * rate), true, limits).audio().pcm();
    }

    /**
     * Where the {@code track}-th audio stream's first decoded sample sits on the file's timeline, in microseconds
     * (the first frame the decoder gives, after any samples the container says to skip), or {@link
     * Long#MIN_VALUE} when the stream has no timestamps or no sound. Reads only the stream's first packets.
     */
    static long firstSampleMicros(MediaInput input, int track, ReadLimits limits) throws IOException {
        return decode(input, track, rate -> 1, true, limits).firstMicros();
    }

    /** Every channel of the whole stream; more than {@code maxFrames} samples per channel fails. */
    static DecodedAudio decodeStream(MediaInput input, int track, long maxFrames, ReadLimits limits)
            throws IOException {
        DecodedAudio d = decode(input, track, rate -> maxFrames + 1, false, limits).audio();
        if (d.pcm().frames() > maxFrames) {
            throw new IOException(String.format(Locale.ROOT, "the audio is longer than the in-memory limit for "
                    + "marking (%.0f s)", maxFrames / (double) d.coding().sampleRate()));
        }
        return d;
    }

    /** A decode, and where its first sample sits on the file's timeline ({@link #firstSampleMicros}). */
    private record Decoded(DecodedAudio audio, long firstMicros) {
    }

    private static Decoded decode(MediaInput input, int track, LongUnaryOperator framesWanted, boolean mono,
                                  ReadLimits limits) throws IOException {
        Io io = new Io(input);
        AVFormatContext fmt = avformat_alloc_context();
        AVIOContext avio = null;
        AVCodecContext ctx = null;
        AVPacket packet = av_packet_alloc();
        AVFrame frame = av_frame_alloc();
        FileBudget budget = FileBudget.current();
        try {
            BytePointer buffer = new BytePointer(av_malloc(IO_BUFFER));
            avio = avio_alloc_context(buffer, IO_BUFFER, 0, io.opaque, Io.READER, null, Io.SEEKER);
            fmt.pb(avio).flags(fmt.flags() | CUSTOM_IO);
            FfmpegErrors.check(avformat_open_input(fmt, (String) null, (AVInputFormat) null, (AVDictionary) null),
                    "opening " + input.name());
            FfmpegErrors.check(avformat_find_stream_info(fmt, (PointerPointer<?>) null), "reading the stream info");
            int stream = audioStream(fmt, track);
            if (stream < 0) {  // a video without sound
                return new Decoded(new DecodedAudio(new Pcm(new float[][]{new float[0]}, NO_AUDIO_RATE),
                        new AudioCoding("none", NO_AUDIO_RATE, 1, 0, 0)), Long.MIN_VALUE);
            }
            // the other streams' packets are skipped, not read (MP4), and when they are interleaved with this one
            // (not a cover picture, read once at opening) each packet of this one is read alone: libavformat refills
            // its buffer whole, so in a movie whose dubs and video alternate packet by packet every track's decode
            // would read the whole file again (8 dubs: 8 times)
            boolean interleaved = false;
            for (int i = 0; i < fmt.nb_streams(); i++) {
                if (i != stream) {
                    fmt.streams(i).discard(AVDISCARD_ALL);
                    interleaved |= (fmt.streams(i).disposition() & AV_DISPOSITION_ATTACHED_PIC) == 0;
                }
            }
            if (interleaved) {
                avio.direct(1);
            }
            AVCodecParameters par = fmt.streams(stream).codecpar();
            AVCodec codec = avcodec_find_decoder(par.codec_id());
            if (codec == null) {
                throw new IOException("no decoder in these FFmpeg natives for the audio stream");
            }
            ctx = avcodec_alloc_context3(codec);
            FfmpegErrors.check(avcodec_parameters_to_context(ctx, par), "configuring");
            AVRational timeBase = fmt.streams(stream).time_base();
            ctx.pkt_timebase(timeBase); // the frames' timestamps, moved by the samples a decoder skips, in it
            FfmpegErrors.check(avcodec_open2(ctx, codec, (AVDictionary) null),
                    "opening the " + codec.name().getString() + " decoder");
            int rate = ctx.sample_rate();
            if (rate <= 0 || rate > MAX_RATE) {
                throw new IOException("audio stream with sample rate " + rate + " Hz (read up to " + MAX_RATE + ")");
            }
            int channels = ctx.ch_layout().nb_channels();
            if (channels <= 0 || channels > MAX_CHANNELS && !mono) {
                throw new IOException("audio stream with " + channels + " channels (marked up to " + MAX_CHANNELS + ")");
            }
            long bitRate = par.bit_rate() > 0 ? par.bit_rate() : fmt.bit_rate();
            AudioCoding coding = new AudioCoding(avcodec_get_name(par.codec_id()).getString(), rate, channels,
                    bitRate, par.bits_per_raw_sample());
            long streamBytes = 0; // the stream's own packets: its mean bit rate when the stream does not state one
            long want = framesWanted.applyAsLong(rate);
            long cap = limits.maxInMemoryBytes() / Float.BYTES / (mono ? 1 : channels);
            Samples out = new Samples((int) Math.min(Math.min(want, cap), Integer.MAX_VALUE - 8), mono ? 1 : channels);
            long firstMicros = Long.MIN_VALUE;
            boolean more = true;
            while (more && !out.full()) {
                budget.checkpoint();
                int r = av_read_frame(fmt, packet);
                if (r == AVERROR_EOF) {
                    more = false;
                    avcodec_send_packet(ctx, null);
                } else {
                    FfmpegErrors.check(r, "reading a packet");
                    try {
                        if (packet.stream_index() == stream) {
                            streamBytes += Math.max(0, packet.size());
                            int s = avcodec_send_packet(ctx, packet);
                            if (s < 0 && s != AVERROR_INVALIDDATA && s != AVERROR_EAGAIN()) {
                                FfmpegErrors.check(s, "decoding audio");
                            }
                        }
                    } finally {
                        av_packet_unref(packet);
                    }
                }
                while (!out.full()) {
                    int f = avcodec_receive_frame(ctx, frame);
                    if (f == AVERROR_EAGAIN() || f == AVERROR_EOF) {
                        break;
                    }
                    if (f == AVERROR_INVALIDDATA) {
                        continue;
                    }
                    FfmpegErrors.check(f, "receiving decoded audio");
                    try {
                        if (out.frames() == 0 && frame.nb_samples() > 0
                                && frame.best_effort_timestamp() != AV_NOPTS_VALUE) {
                            firstMicros = av_rescale_q(frame.best_effort_timestamp(), timeBase,
                                    av_make_q(1, 1_000_000));
                        }
                        out.add(frame);
                    } finally {
                        av_frame_unref(frame);
                    }
                }
            }
            Pcm pcm = new Pcm(out.channels(), rate);
            if ((par.bit_rate() <= 0 || coding.codec().equals("vorbis")) && !more && pcm.frames() > 0) {
                // Opus in Ogg or Matroska states no bit rate, and the file's (libavformat's estimate) counts the
                // container, its tags and attachments, and any other stream; a Vorbis header's is only nominal
                // (libvorbis q4: 128 kb/s stated, 38 kb/s spent on music): the stream's packets are its rate
                coding = new AudioCoding(coding.codec(), rate, channels,
                        Math.round(streamBytes * 8.0 * rate / pcm.frames()), coding.bitsPerSample());
            }
            return new Decoded(new DecodedAudio(pcm, coding, firstMicros), firstMicros);
        } finally {
            av_frame_free(frame);
            av_packet_free(packet);
            if (ctx != null) {
                avcodec_free_context(ctx);
            }
            avformat_close_input(fmt); // frees fmt; with custom IO it leaves avio to us
            if (avio != null) {
                av_free(avio.buffer());
                avio_context_free(avio);
            }
            io.close();
        }
    }

    /**
     * The index of the {@code track}-th audio stream in file order (the order of our own demuxers' audio tracks), or
     * -1 when there are fewer. A file with one audio stream gets it, as libavformat's best-stream choice did.
     */
    static int audioStream(AVFormatContext fmt, int track) {
        int seen = 0;
        for (int i = 0; i < fmt.nb_streams(); i++) {
            if (fmt.streams(i).codecpar().codec_type() == AVMEDIA_TYPE_AUDIO && seen++ == track) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Decoded frames appended per channel, up to the capacity (grown as samples come: a header can lie); with one
     * output channel, the mean of the frame's channels.
     */
    private static final class Samples {
        private final int capacity;
        private final float[][] x;
        private int n;

        Samples(int capacity, int channels) {
            this.capacity = capacity;
            this.x = new float[channels][Math.min(capacity, 1 << 16)];
        }

        boolean full() {
            return n >= capacity;
        }

        int frames() {
            return n;
        }

        float[][] channels() {
            float[][] out = new float[x.length][];
            for (int c = 0; c < x.length; c++) {
                out[c] = Arrays.copyOf(x[c], n);
            }
            return out;
        }

        void add(AVFrame frame) throws IOException {
            int format = frame.format();
            int bytes = av_get_bytes_per_sample(format);
            int all = frame.ch_layout().nb_channels();
            int channels = Math.min(MAX_CHANNELS, all);
            int count = Math.min(frame.nb_samples(), capacity - n);
            if (bytes <= 0 || channels <= 0 || count <= 0) {
                return;
            }
            boolean mono = x.length == 1;
            if (!mono && channels != x.length) {
                throw new IOException("the audio stream changed from " + x.length + " to " + all + " channels");
            }
            if (n + count > x[0].length) {
                int grown = (int) Math.min(capacity, Math.max(n + (long) count, 2L * x[0].length));
                for (int c = 0; c < x.length; c++) {
                    x[c] = Arrays.copyOf(x[c], grown);
                }
            }
            boolean planar = av_sample_fmt_is_planar(format) != 0;
            for (int c = 0; c < channels; c++) {
                BytePointer plane = frame.data(planar ? c : 0);
                int stride = planar ? 1 : all;
                int first = planar ? 0 : c;
                byte[] raw = new byte[(planar ? count : count * all) * bytes];
                plane.position(0).get(raw, 0, raw.length);
                ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.nativeOrder());
                float[] to = x[mono ? 0 : c];
                float scale = mono ? 1f / channels : 1f;
                for (int i = 0; i < count; i++) {
                    to[n + i] += sample(b, (i * stride + first) * bytes, format) * scale;
                }
            }
            n += count;
        }

        private static float sample(ByteBuffer b, int at, int format) throws IOException {
            if (format == AV_SAMPLE_FMT_FLTP || format == AV_SAMPLE_FMT_FLT) {
                return b.getFloat(at);
            } else if (format == AV_SAMPLE_FMT_S16P || format == AV_SAMPLE_FMT_S16) {
                return b.getShort(at) / 32768f;
            } else if (format == AV_SAMPLE_FMT_S32P || format == AV_SAMPLE_FMT_S32) {
                return (float) (b.getInt(at) / 2147483648.0);
            } else if (format == AV_SAMPLE_FMT_DBLP || format == AV_SAMPLE_FMT_DBL) {
                return (float) b.getDouble(at);
            } else if (format == AV_SAMPLE_FMT_U8P || format == AV_SAMPLE_FMT_U8) {
                return ((b.get(at) & 0xFF) - 128) / 128f;
            }
            throw new IOException("decoded audio in sample format " + format);
        }
    }

    /**
     * libavformat's reads and seeks for one decode, served by its {@link MediaInput}; an I/O error reads as end of
     * file. The callbacks are one static instance each, finding their {@code Io} by the opaque id libavformat passes
     * back: JavaCPP binds a callback class to one native thunk, so per-decode instances would all call the last one.
     */
    static final class Io {
        private static final Map<Integer, Io> OPEN = new ConcurrentHashMap<>();
        private static final AtomicInteger IDS = new AtomicInteger();
        static final Reader READER = new Reader();
        static final Seeker SEEKER = new Seeker();
        private final MediaInput input;
        private final int id = IDS.incrementAndGet();
        final IntPointer opaque = new IntPointer(1).put(id);
        private final byte[] chunk = new byte[IO_BUFFER];
        private long position;

        Io(MediaInput input) {
            this.input = input;
            OPEN.put(id, this);
        }

        void close() {
            OPEN.remove(id);
            opaque.close();
        }

        static Io of(Pointer opaque) {
            return OPEN.get(new IntPointer(opaque).get());
        }

        private static final class Reader extends Read_packet_Pointer_BytePointer_int {
            @Override
            public int call(Pointer opaque, BytePointer buf, int size) {
                Io io = of(opaque);
                try {
                    int n = io == null ? -1 : io.input.read(io.position, io.chunk, 0, Math.min(size, io.chunk.length));
                    if (n <= 0) {
                        return AVERROR_EOF;
                    }
                    buf.position(0).put(io.chunk, 0, n);
                    io.position += n;
                    return n;
                } catch (IOException | RuntimeException e) {
                    return AVERROR_EOF;
                }
            }
        }

        private static final class Seeker extends Seek_Pointer_long_int {
            @Override
            public long call(Pointer opaque, long offset, int whence) {
                Io io = of(opaque);
                try {
                    if (io == null) {
                        return -1;
                    }
                    long size = io.input.size();
                    if ((whence & AVSEEK_SIZE) != 0) {
                        return size;
                    }
                    long to = switch (whence & 3) { // SEEK_SET, SEEK_CUR, SEEK_END (AVSEEK_FORCE ignored)
                        case 0 -> offset;
                        case 1 -> io.position + offset;
                        case 2 -> size + offset;
                        default -> -1;
                    };
                    if (to < 0 || to > size) {
                        return -1;
                    }
                    io.position = to;
                    return to;
                } catch (IOException | RuntimeException e) {
                    return -1;
                }
            }
        }
    }
}
