package dev.aigcmark.video.pipeline;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.video.frames.FrameMarker;
import dev.aigcmark.video.frames.FrameStream;
import dev.aigcmark.video.frames.PixelFormat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Re-encodes a video with its marks: decode (display order) → explicit label on the opening frames →
 * watermark on every frame (or every n-th) → encode H.264 → copy the audio tracks and metadata untouched →
 * optionally write the GB 45438 label. The codec sits behind {@link VideoCodecBackend}; marking is the
 * frame-level API any platform can call on its own decoded frames.
 */
public final class VideoPipeline {
    private final VideoCodecBackend backend;
    private final ProgressListener progress;
    private final ReadLimits limits;

    public VideoPipeline(VideoCodecBackend backend, ProgressListener progress, ReadLimits limits) {
        this.backend = Objects.requireNonNull(backend);
        this.progress = progress == null ? ProgressListener.NONE : progress;
        this.limits = limits;
    }

    /** Defaults: jcodec, no progress output, default read limits. */
    public static VideoPipeline withDefaults() {
        return new VideoPipeline(new JcodecBackend(), ProgressListener.NONE, ReadLimits.defaults());
    }

    /**
     * What to do per frame.
     *
     * @param watermarkEvery watermark frames whose index is a multiple of this (1 = every frame)
     * @param labelJson      the GB 45438 label JSON to write into the output's metadata, or null
     */
    public record Options(int watermarkEvery, String labelJson) {
        public Options {
            if (watermarkEvery < 1) {
                throw new IllegalArgumentException("watermarkEvery must be at least 1");
            }
        }

        public static Options everyFrame() {
            return new Options(1, null);
        }
    }

    /** What was done, for reports and benchmarks (nanoseconds per phase). */
    public record Result(int frames, int width, int height, double fps, long decodeNanos, long markNanos,
                         long encodeNanos, long remuxNanos) {
    }

    public Result run(Path input, Path output, FrameMarker marker, Options options) throws IOException {
        Path encoded = Files.createTempFile(output.toAbsolutePath().getParent(), ".aigc-video-", ".mp4");
        try {
            Result r = transcode(input, encoded, marker, options);
            long t0 = System.nanoTime();
            Remuxer.merge(encoded, input, output, options.labelJson(), limits);
            progress.progress("remux", 1, 1);
            return new Result(r.frames, r.width, r.height, r.fps, r.decodeNanos, r.markNanos, r.encodeNanos,
                    System.nanoTime() - t0);
        } finally {
            Files.deleteIfExists(encoded);
        }
    }

    private Result transcode(Path input, Path encoded, FrameMarker marker, Options options) throws IOException {
        long decode = 0;
        long mark = 0;
        long encode = 0;
        int frames = 0;
        try (MediaInput in = MediaInput.of(input);
             FrameSource dec = FrameSource.open(in, backend, limits);
             VideoCodecBackend.Encoder enc = backend.openEncoder(encoded, dec.width(), dec.height(), dec.fps())) {
            FrameStream stream = marker.newStream();
            int total = dec.frameCount();
            while (true) {
                long t0 = System.nanoTime();
                VideoFrame f = dec.next();
                long t1 = System.nanoTime();
                decode += t1 - t0;
                if (f == null) {
                    break;
                }
                stream.mark(f.i420(), PixelFormat.I420, f.width(), f.height(), f.ptsMicros(),
                        frames % options.watermarkEvery() == 0);
                long t2 = System.nanoTime();
                mark += t2 - t1;
                enc.encode(f);
                encode += System.nanoTime() - t2;
                frames++;
                progress.progress("decode+mark+encode", frames, total);
            }
            long t3 = System.nanoTime();
            enc.finish();
            encode += System.nanoTime() - t3;
            return new Result(frames, dec.width(), dec.height(), dec.fps(), decode, mark, encode, 0);
        }
    }
}
