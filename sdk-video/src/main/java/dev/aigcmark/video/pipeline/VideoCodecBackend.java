package dev.aigcmark.video.pipeline;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Decoding and encoding behind one interface, so the marking code never sees a codec library: jcodec (pure
 * Java, the default) today, an FFmpeg binding later. A backend produces frames in <em>display</em> order and
 * encodes a video-only file; the pipeline copies audio and metadata itself.
 */
public interface VideoCodecBackend {

    /** For reports and progress: {@code jcodec}, {@code ffmpeg}... */
    String name();

    /** Opens the video track of {@code input} for decoding. */
    Decoder openDecoder(Path input) throws IOException;

    /** Creates a video-only MP4 at {@code output} for frames of this size and rate. */
    Encoder openEncoder(Path output, int width, int height, double fps) throws IOException;

    /** Frames of one video track in presentation order. */
    interface Decoder extends Closeable {
        int width();

        int height();

        /** Frames per second of the track (nominal; from the first frame durations when variable). */
        double fps();

        /** The number of frames in the track, or -1 when unknown (for progress only). */
        int frameCountEstimate();

        /** The next frame in display order, or null at the end. */
        VideoFrame next() throws IOException;
    }

    /** Encodes frames into a video-only MP4. */
    interface Encoder extends Closeable {
        void encode(VideoFrame frame) throws IOException;

        /** Writes the trailer; the file is complete afterwards. */
        void finish() throws IOException;
    }
}
