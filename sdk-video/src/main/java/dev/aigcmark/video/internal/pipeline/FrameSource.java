package dev.aigcmark.video.internal.pipeline;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.io.FileBudget;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.io.UnreadableInputException;
import dev.aigcmark.core.internal.bmff.BmffFormatException;
import dev.aigcmark.video.internal.demux.Colour;
import dev.aigcmark.video.internal.demux.MatroskaDemuxer;
import dev.aigcmark.video.internal.demux.Movie;
import dev.aigcmark.video.internal.demux.Mp4Demuxer;
import dev.aigcmark.video.internal.demux.SampleIndex;
import dev.aigcmark.video.internal.demux.Track;

import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Arrays;

/**
 * The decoded frames of a movie's video track: samples read through our {@link SampleIndex} (every offset
 * checked against the file), decoded by a backend, returned in presentation order. Reads sequentially with
 * {@link #next()}, or jumps to sync samples ({@link #seek}, {@link #syncFrame}) for detectors that sample a
 * long clip. Between samples it checks the file's budget and the thread's interrupt flag, so a deadline or a
 * user's cancel stops it.
 * Not thread-safe.
 */
public final class FrameSource implements Closeable {
    /** Largest compressed video sample we read: far above any real H.264/HEVC/VP9/AV1 frame. */
    public static final int MAX_SAMPLE_BYTES = 64 << 20;

    private final Track track;
    private final MediaInput input;
    private final VideoCodecBackend.Decoder decoder;
    private final String backend;
    private final long firstPts;
    /** Every composition time, sorted: a frame lasts until the next one (the last: its sample's duration). */
    private final long[] presentation;
    private final long lastDuration;
    private int nextSample;
    private boolean drained;
    private VideoFrame peeked;
    private int width;
    private int height;
    private boolean closed;

    private FrameSource(Track track, MediaInput input, VideoCodecBackend.Decoder decoder, String backend) {
        this.track = track;
        this.input = input;
        this.decoder = decoder;
        this.backend = backend;
        SampleIndex s = track.samples();
        this.presentation = new long[s.count()];
        for (int i = 0; i < presentation.length; i++) {
            presentation[i] = s.cts(i);
        }
        Arrays.sort(presentation);
        this.firstPts = presentation.length == 0 ? 0 : presentation[0];
        this.lastDuration = presentation.length == 0 ? 0 : s.duration(s.count() - 1);
    }

    /** Demuxes {@code input} with our own reader and opens the video track with {@code backend}. */
    public static FrameSource open(MediaInput input, VideoCodecBackend backend, ReadLimits limits) throws IOException {
        return open(Mp4Demuxer.open(input, limits), input, backend, limits, FramePool.NONE);
    }

    /** Opens the video track of an already demuxed {@code movie}; frames come from {@code pool}. */
    public static FrameSource open(Movie movie, MediaInput input, VideoCodecBackend backend, ReadLimits limits,
                                   FramePool pool) throws IOException {
        Track track = movie.video().orElseThrow(() -> new UnreadableInputException("the movie has no video track"));
        return open(track, input, backend, limits, pool);
    }

    /**
     * Opens a video track indexed by one of our demuxers ({@link Mp4Demuxer}, {@link MatroskaDemuxer}); frames come
     * from {@code pool}.
     */
    public static FrameSource open(Track track, MediaInput input, VideoCodecBackend backend, ReadLimits limits,
                                   FramePool pool) throws IOException {
        if (track.samples().count() == 0) {
            throw new UnreadableInputException("the video track has no samples");
        }
        if (track.samples().usesSeveralDescriptions()) {
            throw new UnreadableInputException(track + " switches sample descriptions mid-stream, which is not supported");
        }
        String why = backend.cannotDecode(track);
        if (why != null) {
            throw new UnreadableInputException(backend.name() + " cannot decode " + track + ": " + why);
        }
        return new FrameSource(track, input, backend.openDecoder(track, limits, pool), backend.name());
    }

    public Track track() {
        return track;
    }

    /** The backend decoding the frames ({@code jcodec}, {@code ffmpeg}). */
    public String backend() {
        return backend;
    }

    /** Display width, from the first decoded frame. */
    public int width() throws IOException {
        first();
        return width;
    }

    public int height() throws IOException {
        first();
        return height;
    }

    /** The colour description: the decoder's once it decoded a frame, else the sample entry's {@code colr}. */
    public Colour colour() {
        Colour c = decoder.colour();
        return c != null ? c : Colour.of(track.entry());
    }

    /** Mean frames per second (variable-rate tracks keep their own timestamps regardless). */
    public double fps() {
        double r = track.meanRate();
        return r > 0 ? r : 25;
    }

    /** Samples in the track: the frame count for progress. */
    public int frameCount() {
        return track.samples().count();
    }

    /** Decodes (and keeps for {@link #next()}) the first frame, which fixes the display size. */
    private void first() throws IOException {
        if (width == 0) {
            peeked = next();
            if (peeked == null) {
                throw new UnreadableInputException("the video track decoded to no frames");
            }
        }
    }

    /** The next frame in presentation order, or null at the end. */
    public VideoFrame next() throws IOException {
        if (peeked != null) {
            VideoFrame f = peeked;
            peeked = null;
            return f;
        }
        SampleIndex s = track.samples();
        while (true) {
            checkpoint();
            VideoFrame f = decoder.receive();
            if (f != null) {
                return stamped(f);
            }
            if (nextSample < s.count()) {
                decoder.send(read(nextSample++));
            } else if (!drained) {
                drained = true;
                decoder.drain();
            } else {
                return null;
            }
        }
    }

    /** Continues decoding from sync sample {@code sample} (an index from {@link SampleIndex#syncSamples()}). */
    public void seek(int sample) throws IOException {
        if (sample < 0 || sample >= track.samples().count()) {
            throw new IllegalArgumentException("no sample " + sample);
        }
        decoder.reset();
        peeked = null;
        drained = false;
        nextSample = track.samples().syncAtOrBefore(sample);
    }

    /** Decodes sync sample {@code sample} on its own (null when it yields no frame); {@link #seek} before {@link #next}. */
    public VideoFrame syncFrame(int sample) throws IOException {
        seek(sample);
        decoder.send(read(nextSample));
        decoder.drain();
        VideoFrame f = decoder.receive();
        decoder.reset();
        nextSample = track.samples().count();
        drained = true;
        return f == null ? null : stamped(f);
    }

    private VideoFrame stamped(VideoFrame f) {
        f.ptsMicros(track.micros(f.pts() - firstPts));
        int at = Arrays.binarySearch(presentation, f.pts());
        if (at >= 0) {
            while (at + 1 < presentation.length && presentation[at + 1] == f.pts()) {
                at++;
            }
            f.duration(at + 1 < presentation.length ? presentation[at + 1] - f.pts() : lastDuration);
        }
        if (width == 0) {
            width = f.width();
            height = f.height();
        }
        return f;
    }

    private EncodedSample read(int i) throws IOException {
        SampleIndex s = track.samples();
        int size = s.size(i);
        if (size > MAX_SAMPLE_BYTES) {
            throw new BmffFormatException("video sample " + (i + 1) + " declares " + size + " bytes, over the limit of "
                    + MAX_SAMPLE_BYTES, true);
        }
        return new EncodedSample(i, input.readFully(s.offset(i), size), s.dts(i), s.cts(i), s.isSync(i));
    }

    /**
     * Stops between samples at the file's deadline or another limit ({@link FileBudget}), or when the thread was
     * interrupted (a cancelled job): a stream of samples that yield no frame still ends in time.
     */
    static void checkpoint() throws IOException {
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedIOException("video decoding was interrupted");
        }
        FileBudget.current().checkpoint();
    }

    /** Closes the decoder; the input belongs to the caller. */
    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            decoder.close();
        }
    }
}
