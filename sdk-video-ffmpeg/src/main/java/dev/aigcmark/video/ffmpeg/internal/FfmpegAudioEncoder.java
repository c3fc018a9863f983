package dev.aigcmark.video.ffmpeg.internal;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.io.FileBudget;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.video.internal.audio.pcm.Pcm;
import dev.aigcmark.video.internal.pipeline.AudioCoding;
import dev.aigcmark.video.internal.pipeline.EncodedAudio;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.IntPointer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_CAP_SMALL_LAST_FRAME;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_CAP_VARIABLE_FRAME_SIZE;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_BITEXACT;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_QSCALE;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLT;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLTP;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16P;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S32;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S32P;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_get_bytes_per_sample;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_sample_fmt_is_planar;

/**
 * Re-encodes marked audio with the codec it came in (libmp3lame, FFmpeg's aac, libopus, vorbis, flac) at its rate,
 * channel count and mean bit rate, into a file libavformat writes with no metadata of its own (no ID3 tag, no
 * encoder tag that would matter: the caller puts the original's metadata around the new stream). Our own output,
 * never untrusted input.
 */
final class FfmpegAudioEncoder {
    /** libavformat's AVFMT_FLAG_BITEXACT (not exported by the JavaCPP presets). */
    private static final int AVFMT_FLAG_BITEXACT = 0x0400;
    /** FFmpeg's FF_COMPLIANCE_EXPERIMENTAL: its own Vorbis encoder is the only one in these natives. */
    private static final int EXPERIMENTAL = -2;
    /** Samples per frame for encoders that take any size (FLAC's default block size). */
    private static final int FREE_FRAME = 4608;
    /** How far the output's mean bit rate may be from the original's before a second pass is tried. */
    static final double RATE_TOLERANCE = 0.03;
    /**
     * Codecs whose encoder takes a bit rate as a target it may miss (FFmpeg's own Vorbis encoder takes a quality and
     * ignores the rate, so a second pass would change nothing).
     */
    private static final Set<String> RETARGETED = Set.of("opus", "aac", "mp3");
    /** FFmpeg's FF_QP2LAMBDA: a quality of q is {@code global_quality} q × this, with AV_CODEC_FLAG_QSCALE. */
    private static final int QP2LAMBDA = 118;
    /**
     * The Vorbis quality search: the first pass's quality, the bounds, the starting exponent of rate ~ q^e (the
     * CLI's FFmpeg Vorbis encoder, q 1..8: e ≈ 0.4-0.5 on music and speech, 0.8 on pink noise) and the passes.
     */
    static final double VORBIS_FIRST_QUALITY = 3;
    static final double VORBIS_MIN_QUALITY = 0.5;
    static final double VORBIS_MAX_QUALITY = 10;
    static final double VORBIS_EXPONENT = 0.5;
    static final int VORBIS_PASSES = 4;
    /** The encoder for each decoded codec: FFmpeg's native MP3 and Opus encoders are absent or weaker. */
    /** The muxers of a Matroska file, whose timestamps are in milliseconds. */
    static final Set<String> MATROSKA = Set.of("matroska", "webm");
    /** The samples per frame FFmpeg's own Vorbis encoder takes. */
    static final int VORBIS_FRAME = 64;
    /** The one channel count FFmpeg's own Vorbis encoder takes. */
    private static final int VORBIS_CHANNELS = 2;
    private static final Map<String, String> ENCODERS = Map.of("mp3", "libmp3lame", "opus", "libopus",
            "vorbis", "vorbis", "aac", "aac", "flac", "flac");
    /** Sample formats we fill, in preference order (float keeps the mark's resolution). */
    private static final List<Integer> FORMATS = List.of(AV_SAMPLE_FMT_FLTP, AV_SAMPLE_FMT_FLT, AV_SAMPLE_FMT_S32P,
            AV_SAMPLE_FMT_S32, AV_SAMPLE_FMT_S16P, AV_SAMPLE_FMT_S16);

    private FfmpegAudioEncoder() {
    }

    static boolean encodes(String codec) {
        String name = ENCODERS.get(codec);
        return name != null && avcodec_find_encoder_by_name(name) != null;
    }

    /**
     * Why a sound coded as {@code coding} is not encoded again here, or null when it is: a codec with no encoder in
     * these natives, or a Vorbis sound of other than 2 channels (FFmpeg's own Vorbis encoder, the only Vorbis encoder
     * in the LGPL natives, refuses any other layout: it failed with "Operation not permitted" after the sound had been
     * decoded and marked).
     */
    static String cannotEncode(AudioCoding coding) {
        if (!encodes(coding.codec())) {
            return "no " + coding.codec() + " encoder in these FFmpeg natives";
        }
        if (coding.codec().equals("vorbis") && coding.channels() != VORBIS_CHANNELS) {
            return "FFmpeg's own Vorbis encoder, the only Vorbis encoder in these natives, encodes stereo only (this "
                    + "sound has " + coding.channels() + " channel" + (coding.channels() == 1 ? "" : "s") + ")";
        }
        return null;
    }

    /**
     * Encodes at the original's mean bit rate: a VBR encoder (libopus) asked for a rate lands a few per cent off it
     * on a given programme (measured: asked 93 kb/s, gave 89), so when the first pass is off by more than {@link
     * #RATE_TOLERANCE} it runs once more with the target corrected by the miss, and the pass nearer the original's
     * rate is kept.
     */
    static EncodedAudio encode(Pcm pcm, AudioCoding coding, String muxer, Path output) throws IOException {
        String refused = cannotEncode(new AudioCoding(coding.codec(), pcm.sampleRate(), pcm.channels().length,
                coding.bitRate(), coding.bitsPerSample()));
        if (refused != null) {
            throw new IOException(refused);
        }
        if (coding.codec().equals("vorbis") && coding.bitRate() > 0) {
            return placed(encodeVorbis(pcm, coding, muxer, output), coding.bitRate(), output);
        }
        Pass first = encode(pcm, coding, coding.bitRate(), -1, muxer, output);
        long want = coding.bitRate();
        if (first.mean() <= 0 || want <= 0 || Math.abs(first.mean() / (double) want - 1) <= RATE_TOLERANCE
                || !RETARGETED.contains(coding.codec())) {
            return placed(first, want, output);
        }
        long corrected = Math.round(want * Math.min(2, Math.max(0.5, want / (double) first.mean())));
        Path again = output.resolveSibling(output.getFileName() + ".rate");
        try {
            Pass second = encode(pcm, coding, corrected, -1, muxer, again);
            if (Math.abs(second.mean() - want) < Math.abs(first.mean() - want)) {
                Files.move(again, output, StandardCopyOption.REPLACE_EXISTING);
                return placed(second, want, output);
            }
            return placed(first, want, output);
        } finally {
            Files.deleteIfExists(again);
        }
    }

    /**
     * FFmpeg's Vorbis encoder takes a quality, not a rate (at its default, 8, it spent 56 kb/s on music a libvorbis q4
     * original held in 38, and 162 on pink noise held in 74): the quality is searched so that the stream's mean
     * tracks the original's. A first pass at {@link #VORBIS_FIRST_QUALITY}; then the quality the rate's measured
     * power law in the quality (rate ~ q^{@link #VORBIS_EXPONENT} at first, then the slope of the two passes) puts at
     * the original's rate, up to {@link #VORBIS_PASSES} passes in all (while the nearest misses by more than {@link
     * #RATE_TOLERANCE}); the pass nearest the original's rate is kept (the rate is not smooth in the quality: a miss
     * of up to 7 % was measured, see docs/audio-watermark.md).
     */
    private static Pass encodeVorbis(Pcm pcm, AudioCoding coding, String muxer, Path output) throws IOException {
        long want = coding.bitRate();
        double q = VORBIS_FIRST_QUALITY;
        Pass best = encode(pcm, coding, 0, q, muxer, output);
        double lastQ = q;
        long lastMean = best.mean();
        double exponent = VORBIS_EXPONENT;
        Path again = output.resolveSibling(output.getFileName() + ".quality");
        try {
            for (int pass = 1; pass < VORBIS_PASSES && lastMean > 0
                    && Math.abs(best.mean() / (double) want - 1) > RATE_TOLERANCE; pass++) {
                q = Math.max(VORBIS_MIN_QUALITY, Math.min(VORBIS_MAX_QUALITY,
                        lastQ * Math.pow(want / (double) lastMean, 1 / exponent)));
                if (Math.abs(q - lastQ) < 0.01) {
                    break; // at a bound: another pass gives the same stream
                }
                Pass next = encode(pcm, coding, 0, q, muxer, again);
                if (next.mean() > 0 && next.mean() != lastMean) {
                    double slope = Math.log(next.mean() / (double) lastMean) / Math.log(q / lastQ);
                    exponent = slope > 0.05 && slope < 5 ? slope : exponent;
                }
                if (Math.abs(next.mean() - want) < Math.abs(best.mean() - want)) {
                    Files.move(again, output, StandardCopyOption.REPLACE_EXISTING);
                    best = next;
                }
                lastQ = q;
                lastMean = next.mean();
            }
        } finally {
            Files.deleteIfExists(again);
        }
        return best;
    }

    /**
     * The pass written to {@code output}, described, with where the first sample it was given sits on the file's
     * timeline: FFmpeg's decoders give the first sample the encoder was fed (the lead-in's first) first, at the time
     * of the file's first decoded sample (measured on Vorbis and Opus in Matroska: the marked sound lay 10 ms after
     * it, the lead-in), or the encoder's priming before it where the container does not skip it (AAC and MP3 in
     * Matroska, session 19), so the sound's own first sample is the lead-in (and that priming) later.
     */
    private static EncodedAudio placed(Pass pass, long original, Path output) {
        long first;
        try (MediaInput in = MediaInput.of(output)) {
            first = FfmpegAudio.firstSampleMicros(in, 0, ReadLimits.defaults());
        } catch (IOException e) {
            // Where the sound starts matters only to chapters (sound-only Matroska); failing to find it in our own
            // output must not fail the sound, which is encoded: unknown, and the chapters move by the prompts alone.
            first = Long.MIN_VALUE;
        }
        long start = first == Long.MIN_VALUE ? Long.MIN_VALUE
                : first + Math.round(pass.leadIn() * 1e6 / pass.asked().sampleRate());
        return new EncodedAudio(pass.describe(original), start);
    }

    /**
     * One encoding: the encoder's name and what it was asked, the mean bit rate of the packets it gave, and how many
     * samples a decoder gives before the sound's first ({@code leadIn}: our silence, and the encoder's priming where
     * the container does not skip it, {@link #decodedPriming}).
     */
    private record Pass(String name, AudioCoding asked, double quality, long mean, int leadIn) {
        /** {@code libopus opus 89 kb/s, 48000 Hz, 2 ch (output mean 89 kb/s; the original's 89 kb/s)}. */
        String describe(long original) {
            return String.format(Locale.ROOT, "%s %s", name, asked.describe())
                    + (quality >= 0 ? String.format(Locale.ROOT, ", quality %.2f", quality) : "")
                    + (mean > 0 ? String.format(Locale.ROOT, " (output mean %d kb/s; the original's %d kb/s)",
                    Math.round(mean / 1000.0), Math.round(original / 1000.0)) : "");
        }
    }

    /** @param quality a Vorbis quality (FFmpeg's scale, its default 8), or -1 to use {@code bitRate} */
    private static Pass encode(Pcm pcm, AudioCoding coding, long bitRate, double quality, String muxer, Path output)
            throws IOException {
        String name = ENCODERS.get(coding.codec());
        AVCodec codec = name == null ? null : avcodec_find_encoder_by_name(name);
        if (codec == null) {
            throw new IOException("no " + coding.codec() + " encoder in these FFmpeg natives");
        }
        int rate = pcm.sampleRate();
        int channels = pcm.channels().length;
        AVRational timeBase = av_make_q(1, rate);
        AVFormatContext out = new AVFormatContext(null);
        AVCodecContext ctx = avcodec_alloc_context3(codec);
        AVFrame frame = av_frame_alloc();
        AVPacket packet = av_packet_alloc();
        FileBudget budget = FileBudget.current();
        try {
            FfmpegErrors.check(avformat_alloc_output_context2(out, null, muxer, output.toString()),
                    "creating the " + muxer + " muxer");
            out.flags(out.flags() | AVFMT_FLAG_BITEXACT); // the same file from the same samples (Ogg serial, tags)
            int format = sampleFormat(codec, coding);
            ctx.sample_rate(rate).sample_fmt(format).time_base(timeBase).flags(ctx.flags() | AV_CODEC_FLAG_BITEXACT);
            av_channel_layout_default(ctx.ch_layout(), channels);
            boolean lossless = coding.codec().equals("flac");
            if (lossless) {
                ctx.bits_per_raw_sample(coding.bitsPerSample() > 16 ? 24 : 16);
            } else if (bitRate > 0) {
                ctx.bit_rate(bitRate);
            }
            if (coding.codec().equals("vorbis")) {
                ctx.strict_std_compliance(EXPERIMENTAL);
                if (quality >= 0) {
                    ctx.flags(ctx.flags() | AV_CODEC_FLAG_QSCALE).global_quality((int) Math.round(quality * QP2LAMBDA));
                }
            }
            AVStream stream = FfmpegStreamOutput.open(out, ctx, codec, timeBase, output,
                    // the original's tag is put back by the handler
                    muxer.equals("mp3") ? Map.of("id3v2_version", "0") : Map.of(), "the " + name + " encoder", muxer);
            boolean anySize = (codec.capabilities() & AV_CODEC_CAP_VARIABLE_FRAME_SIZE) != 0 || ctx.frame_size() <= 0;
            boolean smallLast = anySize || (codec.capabilities() & AV_CODEC_CAP_SMALL_LAST_FRAME) != 0;
            int size = anySize ? FREE_FRAME : ctx.frame_size();
            // A lossy encoder fed its own decoded output on the same frame grid quantizes it back to what it was and
            // takes the mark away with it (measured: AAC 96k → mark → AAC 96k lost every payload; a prompt, which
            // moves the grid, hid it). Half a frame of silence moves the grid; its timestamps are negative, so an MP4
            // edit list skips it (a video keeps its sync) and elsewhere it is 10-13 ms of silence before the sound.
            int grid = lossless ? 0 : coding.codec().equals("vorbis") && MATROSKA.contains(muxer)
                    ? vorbisLeadIn(rate, VORBIS_FRAME / 2) : size / 2;
            long[] bytes = {0};
            for (long at = -grid; at < pcm.frames(); at += size) {
                budget.checkpoint();
                int n = (int) Math.min(size, pcm.frames() - at);
                frame.nb_samples(smallLast ? n : size).format(format).sample_rate(rate);
                av_channel_layout_default(frame.ch_layout(), channels);
                FfmpegErrors.check(av_frame_get_buffer(frame, 0), "allocating an audio frame");
                fill(frame, pcm, at, n, format);
                frame.pts(at);
                FfmpegErrors.check(avcodec_send_frame(ctx, frame), "encoding audio");
                av_frame_unref(frame); // the next frame gets fresh buffers: the encoder may still hold these
                FfmpegStreamOutput.drain(ctx, packet, out, stream, timeBase, p -> bytes[0] += p.size());
            }
            FfmpegErrors.check(avcodec_send_frame(ctx, null), "flushing the encoder");
            FfmpegStreamOutput.drain(ctx, packet, out, stream, timeBase, p -> bytes[0] += p.size());
            FfmpegErrors.check(av_write_trailer(out), "writing the " + muxer + " trailer");
            long mean = pcm.frames() == 0 ? 0 : Math.round(bytes[0] * 8.0 * rate / pcm.frames());
            return new Pass(name, new AudioCoding(coding.codec(), rate, channels, lossless ? 0 : ctx.bit_rate(),
                    lossless ? ctx.bits_per_raw_sample() : 0), quality, lossless ? 0 : mean,
                    grid + decodedPriming(ctx.initial_padding(), coding.codec(), muxer));
        } finally {
            if (!out.isNull()) {
                if (out.pb() != null && !out.pb().isNull()) {
                    avio_closep(out.pb());
                }
                avformat_free_context(out);
            }
            avcodec_free_context(ctx);
            av_frame_free(frame);
            av_packet_free(packet);
        }
    }

    /**
     * How many samples of the encoder's priming ({@code initialPadding}: FFmpeg's aac 1024, libmp3lame 1105) a decoder
     * of the written file gives before the first sample the encoder was fed. In Matroska FFmpeg's muxer declares the
     * priming (CodecDelay, which FFmpeg's decoding skips) for Opus alone and Vorbis's decoder gives nothing for its
     * first packet, but the priming of AAC and MP3 is decoded as sound (measured, session 19, MatroskaChapterSyncTest:
     * the marked sound lay 1024 samples (AAC) and 1105 (MP3) later than the lead-in alone put it, at 44.1 and 48 kHz;
     * counting Vorbis's 1024 put its chapters 23 ms late; FLAC has none). Elsewhere the container skips it (an MP4
     * edit list, Ogg's pre-skip, MP3's LAME header), and where the sound starts matters only to a sound-only Matroska
     * file's chapters anyway.
     */
    static int decodedPriming(int initialPadding, String codec, String muxer) {
        return MATROSKA.contains(muxer) && PRIMING_DECODED.contains(codec) ? Math.max(0, initialPadding) : 0;
    }

    /** The codecs whose encoder's priming FFmpeg decodes as sound from a Matroska file ({@link #decodedPriming}). */
    private static final Set<String> PRIMING_DECODED = Set.of("aac", "mp3");

    /**
     * The lead-in of silence before a Vorbis sound put in a Matroska (or WebM) file: the fewest samples, at least
     * {@code atLeast} (half of the encoder's frame), that make a whole number of milliseconds, Matroska's time unit.
     * FFmpeg's Vorbis decoder gives the first sample the encoder was fed (this lead-in's first) first, at the
     * intermediate's first timestamp (measured: 44.1 and 48 kHz), so the marked sound's first sample lies this long
     * after it; {@link FfmpegRemux} moves the new sound's packets so that sample lands where the original's first
     * decoded sample was, which a whole number of milliseconds lets it do exactly (44.1 kHz: 441 samples, 10 ms).
     * At a rate with few factors in common with 1000 the fewest whole milliseconds can be long (44,056 Hz: 125 ms;
     * a crafted 96,001 Hz: a whole second of silence, and the remux would move the sound a second back): past
     * {@value #MAX_VORBIS_LEAD_IN_MS} ms the lead-in is {@code atLeast} alone, and the remux's move, rounded to
     * Matroska's millisecond, places the sound to within half a millisecond.
     */
    static int vorbisLeadIn(int rate, int atLeast) {
        int unit = rate / gcd(rate, 1000); // samples in a whole number of milliseconds
        long whole = (long) unit * Math.max(1, (atLeast + unit - 1) / unit);
        return whole * 1000 <= (long) rate * MAX_VORBIS_LEAD_IN_MS ? (int) whole : atLeast;
    }

    /** The longest lead-in {@link #vorbisLeadIn} rounds to whole milliseconds (44.1 kHz needs 10). */
    static final int MAX_VORBIS_LEAD_IN_MS = 20;

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    /** The first of our formats the encoder takes; 24-bit FLAC needs 32-bit samples. */
    private static int sampleFormat(AVCodec codec, AudioCoding coding) throws IOException {
        IntPointer offered = codec.sample_fmts();
        List<Integer> preference = coding.codec().equals("flac") && coding.bitsPerSample() <= 16
                ? List.of(AV_SAMPLE_FMT_S16, AV_SAMPLE_FMT_S16P) : FORMATS;
        for (int want : preference) {
            for (int i = 0; offered != null && !offered.isNull() && offered.get(i) >= 0; i++) {
                if (offered.get(i) == want) {
                    return want;
                }
            }
        }
        throw new IOException("the " + codec.name().getString() + " encoder takes none of our sample formats");
    }

    /**
     * Samples {@code at..at+n} of every channel into the frame; positions before 0 and the rest of a padded last
     * frame stay silent.
     */
    private static void fill(AVFrame frame, Pcm pcm, long at, int n, int format) {
        int channels = pcm.channels().length;
        int bytes = av_get_bytes_per_sample(format);
        boolean planar = av_sample_fmt_is_planar(format) != 0;
        int total = frame.nb_samples();
        for (int plane = 0; plane < (planar ? channels : 1); plane++) {
            int perPlane = planar ? 1 : channels;
            ByteBuffer b = ByteBuffer.allocate(total * perPlane * bytes).order(ByteOrder.nativeOrder());
            for (int i = (int) Math.max(0, -at); i < n; i++) {
                for (int k = 0; k < perPlane; k++) {
                    float v = pcm.channels()[planar ? plane : k][(int) (at + i)];
                    put(b, (i * perPlane + k) * bytes, v, format);
                }
            }
            frame.data(plane).position(0).put(b.array(), 0, b.capacity());
        }
    }

    private static void put(ByteBuffer b, int at, float v, int format) {
        if (format == AV_SAMPLE_FMT_FLTP || format == AV_SAMPLE_FMT_FLT) {
            b.putFloat(at, v);
            return;
        }
        double c = Math.max(-1, Math.min(1, v));
        if (format == AV_SAMPLE_FMT_S16P || format == AV_SAMPLE_FMT_S16) {
            b.putShort(at, (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(c * 32768))));
        } else {
            b.putInt(at, (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, Math.round(c * 2147483648.0))));
        }
    }
}
