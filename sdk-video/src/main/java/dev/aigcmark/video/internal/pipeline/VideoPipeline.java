package dev.aigcmark.video.internal.pipeline;

import dev.aigcmark.core.internal.io.WorkFolder;
import dev.aigcmark.video.EncoderChoice;
import dev.aigcmark.video.ProgressListener;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.io.FileBudget;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.video.internal.demux.Movie;
import dev.aigcmark.video.internal.demux.Mp4Demuxer;
import dev.aigcmark.video.internal.demux.SampleIndex;
import dev.aigcmark.video.internal.demux.Track;
import dev.aigcmark.video.internal.frames.FrameMarker;
import dev.aigcmark.video.internal.frames.FrameStream;
import dev.aigcmark.video.internal.frames.PixelFormat;
import dev.aigcmark.video.internal.remux.Remuxer;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Re-encodes a movie's video with its marks: decode → explicit label on the opening frames → watermark →
 * encode, in three threads joined by small bounded queues (a few frames in flight, never the whole video), then
 * {@link Remuxer} puts the new video track in place of the old one, keeping every other track byte for byte and
 * the metadata. Encoder settings default to the input's (codec, bit rate, keyframe interval, colour); an
 * {@link EncoderChoice} overrides them. Progress goes to a {@link ProgressListener}; interrupting the calling
 * thread cancels the job (the output is then not written).
 *
 * <p>The file's {@link FileBudget} (the Marker's deadline) is bound to every stage thread and checked before each
 * frame in each stage, and every sample read is a checkpoint too; the first stage over the budget stops all three.
 * A single libavcodec or jcodec call cannot be interrupted (libavcodec has no interrupt callback; FFmpeg's
 * {@code AVIOInterruptCB} covers only libavformat I/O, which never reads our input), so a deadline takes effect
 * after at most the native call in progress in each stage: one frame's decode, mark or encode (see the README's
 * Video section for the measured latency).
 */
public final class VideoPipeline {
    private final VideoCodecBackend backend;
    private final ProgressListener progress;
    private final ReadLimits limits;

    public VideoPipeline(VideoCodecBackend backend, ProgressListener progress, ReadLimits limits) {
        this.backend = Objects.requireNonNull(backend);
        this.progress = progress == null ? ProgressListener.NONE : progress;
        this.limits = Objects.requireNonNull(limits);
    }

    /** The preferred backend ({@link VideoBackends}), no progress, default limits. */
    public static VideoPipeline withDefaults() {
        return new VideoPipeline(VideoBackends.preferred(), ProgressListener.NONE, ReadLimits.defaults());
    }

    /**
     * What to do.
     *
     * @param watermarkEvery watermark frames whose index is a multiple of this (1 = every frame)
     * @param labelJson      the GB 45438 label JSON to write into the output's metadata, or null
     * @param encoder        overrides of the "same as input" encoder settings
     */
    public record Options(int watermarkEvery, String labelJson, EncoderChoice encoder) {
        public Options {
            if (watermarkEvery < 1) {
                throw new IllegalArgumentException("watermarkEvery must be at least 1");
            }
            encoder = encoder == null ? EncoderChoice.SAME_AS_INPUT : encoder;
        }

        public static Options everyFrame() {
            return new Options(1, null, EncoderChoice.SAME_AS_INPUT);
        }
    }

    /** What was done, for reports and benchmarks (nanoseconds of work per stage, not waiting). */
    public record Result(int frames, int width, int height, double fps, long decodeNanos, long markNanos,
                         long encodeNanos, long remuxNanos, String backend, String encoder, boolean fragmented) {
        /** One line for the report's steps. */
        public String describe() {
            return "video: " + frames + " frames " + width + "x" + height + " decoded with " + backend
                    + ", re-encoded with " + encoder + (fragmented ? ", fragmented" : "")
                    + "; every other track copied unchanged";
        }
    }

    public Result run(Path input, Path output, FrameMarker marker, Options options) throws IOException {
        try (WorkFolder work = WorkFolder.beside(output, "video")) { // the re-encoded track, on the output's disk
            Path encoded = work.file("encoded.mp4");
            Transcoded t = transcode(input, encoded, marker, options);
            long t0 = System.nanoTime();
            Remuxer.Result r = Remuxer.merge(input, encoded, t.trackId, output, options.labelJson(), limits);
            progress.progress("remux", 1, 1);
            Result x = t.result;
            return new Result(x.frames, x.width, x.height, x.fps, x.decodeNanos, x.markNanos, x.encodeNanos,
                    System.nanoTime() - t0, x.backend, x.encoder, r.fragmented());
        }
    }

    private record Transcoded(int trackId, Result result) {
    }

    private Transcoded transcode(Path input, Path encoded, FrameMarker marker, Options options) throws IOException {
        FramePool pool = new FramePool(FrameQueues.CAPACITY * 2 + 4);
        try (MediaInput in = MediaInput.of(input)) {
            Movie movie = Mp4Demuxer.open(in, limits);
            try (FrameSource source = FrameSource.open(movie, in, backend, limits, pool)) {
                EncoderSettings settings = settings(source, options.encoder());
                try (VideoCodecBackend.Encoder enc = backend.openEncoder(encoded, settings)) {
                    Result r = run(source, enc, marker, options, pool);
                    return new Transcoded(source.track().id(), new Result(r.frames, settings.width(),
                            settings.height(), settings.fps(), r.decodeNanos, r.markNanos, r.encodeNanos, 0,
                            backend.describe(), enc.describe(), movie.fragmented()));
                }
            }
        }
    }

    /** Decode and mark on two worker threads, encode on this one. */
    private Result run(FrameSource source, VideoCodecBackend.Encoder enc, FrameMarker marker, Options options,
                       FramePool pool) throws IOException {
        FrameStream stream = marker.newStream();
        int total = source.frameCount();
        long[] work = new long[2]; // decode, mark: written by their stage, read after the stages ended
        FileBudget budget = FileBudget.current();
        try (FrameQueues q = new FrameQueues(budget)) {
            FrameQueues.Link decoded = q.link();
            FrameQueues.Link marked = q.link();
            q.start("decode", () -> {
                while (true) {
                    budget.checkpoint();
                    long t0 = System.nanoTime();
                    VideoFrame f = source.next();
                    work[0] += System.nanoTime() - t0;
                    if (f == null) {
                        break;
                    }
                    decoded.put(f);
                }
                decoded.end();
            });
            q.start("mark", () -> {
                int index = 0;
                VideoFrame f;
                while ((f = decoded.take()) != null) {
                    budget.checkpoint();
                    long t0 = System.nanoTime();
                    stream.mark(f.i420(), PixelFormat.I420, f.width(), f.height(), f.ptsMicros(),
                            index++ % options.watermarkEvery() == 0);
                    work[1] += System.nanoTime() - t0;
                    marked.put(f);
                }
                marked.end();
            });
            int frames = 0;
            long encode = 0;
            VideoFrame f;
            while ((f = marked.take()) != null) {
                budget.checkpoint();
                long t0 = System.nanoTime();
                enc.encode(f);
                encode += System.nanoTime() - t0;
                pool.release(f);
                progress.progress("decode+mark+encode", ++frames, total);
            }
            long t1 = System.nanoTime();
            enc.finish();
            encode += System.nanoTime() - t1;
            q.close();
            return new Result(frames, 0, 0, 0, work[0], work[1], encode, 0, null, null, false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("video marking was cancelled");
        }
    }

    /** "Same as the input": its codec, mean bit rate, keyframe interval and colour, unless overridden. */
    static EncoderSettings settings(FrameSource source, EncoderChoice choice) throws IOException {
        Track t = source.track();
        SampleIndex s = t.samples();
        double seconds = t.seconds(s.endDts() - s.dts(0));
        long bitRate = seconds > 0 ? Math.round(s.totalBytes() * 8 / seconds) : 0;
        int keys = s.syncSamples().length;
        int gop = keys > 1 ? (int) Math.round((double) s.count() / keys) : 250;
        return new EncoderSettings(source.width(), source.height(), t.timescale(), source.fps(),
                t.entry().videoCodec(), choice.encoder(), choice.crf(), choice.preset(), bitRate, gop, source.colour());
    }
}
