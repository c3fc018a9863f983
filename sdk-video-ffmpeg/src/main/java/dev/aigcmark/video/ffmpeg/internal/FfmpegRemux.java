package dev.aigcmark.video.ffmpeg.internal;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.io.FileBudget;
import dev.aigcmark.core.io.MediaInput;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVInputFormat;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_VORBIS;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_alloc_context;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_context_free;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_ATTACHMENT;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_compare_ts;
import static org.bytedeco.ffmpeg.global.avutil.av_free;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;
import static org.bytedeco.ffmpeg.global.avutil.av_malloc;

/**
 * A video's streams copied packet for packet into a new file, each audio stream's packets taken from the file of
 * its re-encoded sound instead ({@code VideoCodecBackend.replaceAudio}); the inputs are read in step and the
 * packets written in timestamp order. The original is read through {@link MediaInput} (after our own bounded parser
 * accepted it); the encoded sound is our own file. Attachments and metadata are not copied: the caller restores the
 * original's.
 */
final class FfmpegRemux {
    /** libavformat's AVFMT_FLAG_BITEXACT: the same file from the same input (no muxer version strings). */
    private static final int AVFMT_FLAG_BITEXACT = 0x0400;

    private FfmpegRemux() {
    }

    /**
     * @return for each sound, null when it was placed to the sample, or why its placement is only approximate (a
     *         sentence for the report)
     */
    static List<String> replaceAudio(MediaInput original, List<Path> encodedAudio, String muxer, Path output,
                                     ReadLimits limits) throws IOException {
        FfmpegAudio.Io io = new FfmpegAudio.Io(original);
        AVFormatContext in = avformat_alloc_context();
        AVIOContext avio = null;
        int n = encodedAudio.size();
        AVFormatContext[] sounds = new AVFormatContext[n];
        AVFormatContext out = new AVFormatContext(null);
        AVPacket[] packets = new AVPacket[n + 1]; // [0] the original's, [k + 1] the k-th sound's
        FileBudget budget = FileBudget.current();
        try {
            for (int k = 0; k <= n; k++) {
                packets[k] = av_packet_alloc();
            }
            BytePointer buffer = new BytePointer(av_malloc(FfmpegAudio.IO_BUFFER));
            avio = avio_alloc_context(buffer, FfmpegAudio.IO_BUFFER, 0, io.opaque, FfmpegAudio.Io.READER, null,
                    FfmpegAudio.Io.SEEKER);
            in.pb(avio).flags(in.flags() | FfmpegAudio.CUSTOM_IO);
            FfmpegErrors.check(avformat_open_input(in, (String) null, (AVInputFormat) null, (AVDictionary) null),
                    "opening " + original.name());
            FfmpegErrors.check(avformat_find_stream_info(in, (PointerPointer<?>) null), "reading the stream info");
            for (int k = 0; k < n; k++) {
                if (encodedAudio.get(k) == null) {
                    continue; // this audio stream is copied as it is
                }
                sounds[k] = new AVFormatContext(null);
                FfmpegErrors.check(avformat_open_input(sounds[k], encodedAudio.get(k).toString(), (AVInputFormat) null,
                        (AVDictionary) null), "opening the encoded sound");
                FfmpegErrors.check(avformat_find_stream_info(sounds[k], (PointerPointer<?>) null),
                        "reading the encoded sound");
                if (sounds[k].nb_streams() != 1) {
                    throw new IOException("the encoded sound has " + sounds[k].nb_streams() + " streams");
                }
            }
            FfmpegErrors.check(avformat_alloc_output_context2(out, null, muxer, output.toString()),
                    "creating the " + muxer + " muxer");
            out.flags(out.flags() | AVFMT_FLAG_BITEXACT);
            int[] map = new int[in.nb_streams()]; // input stream → output stream, -1 when left out
            Arrays.fill(map, -1);
            int[] soundTo = new int[n]; // the k-th sound → output stream
            AVStream[] replaced = new AVStream[n]; // the original's stream the k-th sound replaces
            int audio = 0;
            for (int i = 0; i < in.nb_streams(); i++) {
                AVStream s = in.streams(i);
                int type = s.codecpar().codec_type();
                if (type == AVMEDIA_TYPE_ATTACHMENT) {
                    continue;
                }
                boolean isAudio = type == AVMEDIA_TYPE_AUDIO;
                if (isAudio && audio >= n) {
                    throw new IOException("more audio streams than encoded sounds (" + n + ")");
                }
                if (isAudio && sounds[audio] == null) {
                    audio++;
                    isAudio = false; // kept: copied like the video
                }
                AVStream from = isAudio ? sounds[audio].streams(0) : s;
                AVStream to = avformat_new_stream(out, null);
                FfmpegErrors.check(avcodec_parameters_copy(to.codecpar(), from.codecpar()), "copying a stream");
                to.codecpar().codec_tag(0);
                to.time_base(from.time_base());
                to.disposition(s.disposition());
                if (isAudio) {
                    replaced[audio] = s;
                    soundTo[audio++] = to.index();
                } else {
                    map[i] = to.index();
                }
            }
            if (audio != n) {
                throw new IOException(audio + " audio streams to replace, " + n + " encoded sounds");
            }
            long[] moves = new long[n]; // each sound's packets moved by this, in its own time base
            String[] approximate = new String[n];
            for (int k = 0; k < n; k++) {
                if (sounds[k] != null) {
                    Placement p = vorbisPlacement(original, k, replaced[k], sounds[k], encodedAudio.get(k), limits);
                    moves[k] = p.move();
                    approximate[k] = p.approximate();
                }
            }
            AVIOContext pb = new AVIOContext(null);
            FfmpegErrors.check(avio_open(pb, output.toString(), AVIO_FLAG_WRITE), "opening " + output.getFileName());
            out.pb(pb);
            FfmpegErrors.check(avformat_write_header(out, (AVDictionary) null), "writing the " + muxer + " header");
            boolean[] have = new boolean[n + 1];
            have[0] = next(in, packets[0], map, 0);
            for (int k = 0; k < n; k++) {
                have[k + 1] = sounds[k] != null && next(sounds[k], packets[k + 1], null, moves[k]);
            }
            while (true) { // the earliest packet of the n + 1 inputs, the original's first on a tie
                budget.checkpoint();
                int take = -1;
                for (int k = 0; k <= n; k++) {
                    if (have[k] && (take < 0 || av_compare_ts(time(packets[k]), stream(k, in, sounds, packets).time_base(),
                            time(packets[take]), stream(take, in, sounds, packets).time_base()) < 0)) {
                        take = k;
                    }
                }
                if (take < 0) {
                    break;
                }
                AVPacket p = packets[take];
                write(out, p, stream(take, in, sounds, packets), take == 0 ? map[p.stream_index()] : soundTo[take - 1]);
                have[take] = take == 0 ? next(in, p, map, 0) : next(sounds[take - 1], p, null, moves[take - 1]);
            }
            FfmpegErrors.check(av_write_trailer(out), "writing the " + muxer + " trailer");
            return Arrays.asList(approximate);
        } finally {
            for (AVPacket p : packets) {
                if (p != null) {
                    av_packet_free(p);
                }
            }
            if (!out.isNull()) {
                if (out.pb() != null && !out.pb().isNull()) {
                    avio_closep(out.pb());
                }
                avformat_free_context(out);
            }
            for (AVFormatContext sound : sounds) {
                if (sound != null && !sound.isNull()) {
                    avformat_close_input(sound);
                }
            }
            avformat_close_input(in); // with custom IO it leaves avio to us
            if (avio != null) {
                av_free(avio.buffer());
                avio_context_free(avio);
            }
            io.close();
        }
    }

    /** The stream input {@code k}'s current packet is of: 0 the original, k the (k - 1)-th sound. */
    private static AVStream stream(int k, AVFormatContext in, AVFormatContext[] sounds, AVPacket[] packets) {
        return k == 0 ? in.streams(packets[0].stream_index()) : sounds[k - 1].streams(0);
    }

    /**
     * How far to move a sound's packets (in its time base), and null or why that is only approximate.
     */
    record Placement(long move, String approximate) {
    }

    /**
     * How far to move the packets of a Vorbis sound re-encoded into a Matroska file (in its time base) so that the
     * marked sound's first sample lands where the original's first decoded sample was: FFmpeg's Vorbis decoder gives
     * the intermediate's lead-in of silence ({@link FfmpegAudioEncoder#vorbisLeadIn}, a whole number of
     * milliseconds) first, at the intermediate's first timestamp, and the original's first decoded sample sits
     * wherever its encoder and muxer put it (libvorbis in a file made by ffmpeg: 7 ms after the picture's start).
     * Without this the sound was 277 samples early at 44.1 kHz. 0 for any other sound (an MP4 intermediate's edit
     * list puts its first sample at 0, in sync already).
     * <p>
     * When either file gives no first decoded sample (no timestamps, or nothing decoded within {@code limits}), the
     * original's stream start time stands in for its own, and 0 for the intermediate's (where FFmpeg's Vorbis
     * decoder gives our file's first sample: its first packet, at -23 ms, decodes to nothing; measured), so at least
     * our own lead-in is taken away (the sound would otherwise be late by all of it: 10 ms at 44.1 kHz), and the
     * placement is said to be approximate: early by the original's decoder delay (its first packet, too, gives no
     * sound: 3 ms for libvorbis in a file made by ffmpeg), which only its decoded samples tell.
     */
    static Placement vorbisPlacement(MediaInput original, int k, AVStream replaced, AVFormatContext sound,
                                     Path encoded, ReadLimits limits) throws IOException {
        AVStream s = sound.streams(0);
        if (s.codecpar().codec_id() != AV_CODEC_ID_VORBIS
                || !sound.iformat().name().getString().contains("matroska")) {
            return new Placement(0, null);
        }
        long was = FfmpegAudio.firstSampleMicros(original, k, limits);
        long now;
        try (MediaInput in = MediaInput.of(encoded)) {
            now = FfmpegAudio.firstSampleMicros(in, 0, limits);
        }
        String approximate = null;
        if (was == Long.MIN_VALUE || now == Long.MIN_VALUE) {
            approximate = "the " + (was == Long.MIN_VALUE ? "original's" : "re-encoded") + " sound's first "
                    + "decoded sample has no time (no timestamp, or none decoded within the limits): the sound is "
                    + "placed by the streams' start times, so it may be off by the original decoder's delay";
            was = was == Long.MIN_VALUE ? startMicros(replaced) : was;
            now = now == Long.MIN_VALUE ? 0 : now;
        }
        int rate = s.codecpar().sample_rate();
        long lead = FfmpegAudioEncoder.vorbisLeadIn(rate, FfmpegAudioEncoder.VORBIS_FRAME / 2) * 1_000_000L / rate;
        return new Placement(av_rescale_q(was - (now + lead), av_make_q(1, 1_000_000), s.time_base()), approximate);
    }

    /** A stream's start time in microseconds, 0 when it has none. */
    private static long startMicros(AVStream s) {
        return s.start_time() == AV_NOPTS_VALUE ? 0 : av_rescale_q(s.start_time(), s.time_base(),
                av_make_q(1, 1_000_000));
    }

    /**
     * The next packet to copy ({@code map}: of a mapped stream; null: any), its timestamps moved by {@code move};
     * false at the end.
     */
    private static boolean next(AVFormatContext fmt, AVPacket p, int[] map, long move) throws IOException {
        while (true) {
            int r = av_read_frame(fmt, p);
            if (r == AVERROR_EOF) {
                return false;
            }
            FfmpegErrors.check(r, "reading a packet");
            int s = p.stream_index();
            if (map == null || s >= 0 && s < map.length && map[s] >= 0) {
                if (move != 0) {
                    p.pts(p.pts() == AV_NOPTS_VALUE ? AV_NOPTS_VALUE : p.pts() + move);
                    p.dts(p.dts() == AV_NOPTS_VALUE ? AV_NOPTS_VALUE : p.dts() + move);
                }
                return true;
            }
            av_packet_unref(p);
        }
    }

    private static long time(AVPacket p) {
        return p.dts() != AV_NOPTS_VALUE ? p.dts() : p.pts() != AV_NOPTS_VALUE ? p.pts() : 0;
    }

    private static void write(AVFormatContext out, AVPacket p, AVStream from, int to) throws IOException {
        try {
            av_packet_rescale_ts(p, from.time_base(), out.streams(to).time_base());
            p.stream_index(to);
            p.pos(-1);
            FfmpegErrors.check(av_interleaved_write_frame(out, p), "writing a packet");
        } finally {
            av_packet_unref(p);
        }
    }
}
