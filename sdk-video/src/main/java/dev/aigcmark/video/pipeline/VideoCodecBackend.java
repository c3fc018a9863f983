package dev.aigcmark.video.pipeline;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.video.demux.Track;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Decoding and encoding behind one interface, so the marking code never sees a codec library: jcodec (pure
 * Java) and FFmpeg through JavaCPP ({@code sdk-video-ffmpeg}). A backend never opens the input file: it gets
 * the samples our demuxer validated ({@link dev.aigcmark.video.demux.Mp4Demuxer}), so no third-party box
 * parser sees untrusted bytes. It encodes into a video-only MP4; the {@link VideoPipeline} copies the other
 * tracks and the metadata itself.
 */
public interface VideoCodecBackend {

    /** For reports and progress: {@code jcodec}, {@code ffmpeg}... */
    String name();

    /** Why this backend cannot decode {@code track}, or null when it can. */
    String cannotDecode(Track track);

    /** A decoder for the samples of {@code track}; parameter sets are checked against {@code limits} first. */
    Decoder openDecoder(Track track, ReadLimits limits) throws IOException;

    /** Creates a video-only MP4 at {@code output} for frames of this size and rate. */
    Encoder openEncoder(Path output, int width, int height, double fps) throws IOException;

    /** Compressed samples in (decode order), frames out (presentation order). Not thread-safe. */
    interface Decoder extends Closeable {
        /** Decodes one sample; the frames it completes become available from {@link #receive()}. */
        void send(EncodedSample sample) throws IOException;

        /** No more samples follow (until a {@link #reset()}): frames held back for reordering are released. */
        void drain() throws IOException;

        /** The next frame in presentation order, or null until more samples are sent (or after the last). */
        VideoFrame receive() throws IOException;

        /** Forgets reference and pending frames, before decoding again from a sync sample. */
        void reset() throws IOException;
    }

    /** Encodes frames into a video-only MP4. */
    interface Encoder extends Closeable {
        void encode(VideoFrame frame) throws IOException;

        /** Writes the trailer; the file is complete afterwards. */
        void finish() throws IOException;
    }
}
