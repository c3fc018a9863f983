package dev.aigcmark.video.internal.pipeline;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.video.internal.audio.pcm.Pcm;
import dev.aigcmark.video.internal.demux.Colour;
import dev.aigcmark.video.internal.demux.Track;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Decoding and encoding behind one interface, so the marking code never sees a codec library: jcodec (pure
 * Java, built in) and FFmpeg through JavaCPP ({@code sdk-video-ffmpeg}), found with {@link java.util.ServiceLoader}
 * (see {@link VideoBackends}). A backend never opens the input file: it gets the samples our demuxer validated
 * ({@link dev.aigcmark.video.internal.demux.Mp4Demuxer}), so no third-party box parser sees untrusted bytes. It encodes
 * into a video-only MP4 that the {@link VideoPipeline} merges with the input's other tracks and metadata.
 */
public interface VideoCodecBackend {

    /** For reports and the CLI's {@code --codec}: {@code jcodec}, {@code ffmpeg}. */
    String name();

    /** Higher wins when no backend is asked for by name. */
    default int priority() {
        return 0;
    }

    /** Why this backend cannot run in this process (its native libraries did not load...), or null when it can. */
    default String unavailable() {
        return null;
    }

    /** A line for reports: the backend and what it links ({@code ffmpeg 7.1.1 (LGPL natives)}). */
    default String describe() {
        return name();
    }

    /** The encoders {@link EncoderSettings#encoder()} may name with this backend (for usage checks and listings). */
    default List<String> encoders() {
        return List.of();
    }

    /**
     * Whether {@link #decodeAudio} works (when {@link #unavailable()} is null): the audio watermark detector's decoder
     * for compressed audio. Answered without loading anything.
     */
    default boolean decodesAudio() {
        return false;
    }

    /**
     * The first {@code maxSeconds} of {@code input}'s audio stream number {@code track} (0 the first audio stream in
     * file order, 1 the second...), downmixed to mono at its own rate (no samples when it has no such stream). Called
     * only on a file one of our handlers has scanned.
     */
    default Pcm decodeAudio(MediaInput input, int track, double maxSeconds, ReadLimits limits) throws IOException {
        throw new IOException("the " + name() + " backend decodes no audio");
    }

    /**
     * The whole audio stream number {@code track} of {@code input} (as for {@link #decodeAudio}), every channel at its
     * own rate, and how it was coded, for marking compressed audio (re-encoded afterwards by {@link #encodeAudio}). At
     * most {@code maxFrames} samples per channel are decoded: more fails. Called only on a file one of our handlers
     * has scanned.
     */
    default DecodedAudio decodeAudioStream(MediaInput input, int track, long maxFrames, ReadLimits limits)
            throws IOException {
        throw new IOException("the " + name() + " backend decodes no audio");
    }

    /**
     * Encodes {@code pcm} as {@code coding} says (same codec, rate, channels and bit rate) into a new file at
     * {@code output} in the container {@code muxer} ({@code mp3}, {@code flac}, {@code ogg}, {@code mp4}), with no
     * metadata of its own: the caller puts the original's metadata around the new stream.
     *
     * @return the encoder and its settings, for the report's steps, and where the first sample of {@code pcm} sits
     *         on the new file's timeline (a container's own times, Matroska chapters, follow the sound with it)
     */
    default EncodedAudio encodeAudio(Pcm pcm, AudioCoding coding, String muxer, Path output) throws IOException {
        throw new IOException("the " + name() + " backend encodes no audio");
    }

    /**
     * Why {@link #encodeAudio} cannot encode a sound coded as {@code coding} (its codec, or its channel count for that
     * codec's encoder), or null when it can: asked before the sound is marked, so that a sound which could not be put
     * back is not marked for nothing and the report says why.
     */
    default String cannotEncodeAudio(AudioCoding coding) {
        return "the " + name() + " backend encodes no audio";
    }

    /**
     * Writes {@code original}'s streams into a new file at {@code output} in the container {@code muxer} ({@code
     * matroska}, {@code webm}), every packet copied as it is, except that the packets of its audio streams are those
     * of {@code encodedAudio} (one file per audio stream, in file order, each holding that stream's re-encoded sound
     * alone; null for a stream copied as it is), with their timestamps. Attachment streams and the metadata are left
     * out: the caller puts the original's back. Probing the original (where its first sound sits) keeps to
     * {@code limits}.
     *
     * @return for each of {@code encodedAudio}, null when that sound was placed where the original's was, or why its
     *         placement is only approximate (for the report)
     */
    default List<String> replaceAudio(MediaInput original, List<Path> encodedAudio, String muxer, Path output,
                                      ReadLimits limits) throws IOException {
        throw new IOException("the " + name() + " backend remuxes no audio");
    }

    /** Why this backend cannot decode {@code track}, or null when it can. */
    String cannotDecode(Track track);

    /**
     * A decoder for the samples of {@code track}. Frames come from {@code pool}; parameter sets that size
     * allocations are checked against {@code limits}.
     */
    Decoder openDecoder(Track track, ReadLimits limits, FramePool pool) throws IOException;

    /** Creates a video-only MP4 at {@code output}; frames' timestamps are in {@code settings.timescale()}. */
    Encoder openEncoder(Path output, EncoderSettings settings) throws IOException;

    /** Compressed samples in (decode order), frames out (presentation order). Not thread-safe. */
    interface Decoder extends Closeable {
        /** Decodes one sample; the frames it completes become available from {@link #receive()}. */
        void send(EncodedSample sample) throws IOException;

        /** No more samples follow (until a {@link #reset()}): frames held back for reordering are released. */
        void drain() throws IOException;

        /** The next frame in presentation order (pts set), or null until more samples are sent (or after the last). */
        VideoFrame receive() throws IOException;

        /** Forgets reference and pending frames, before decoding again from a sync sample. */
        void reset() throws IOException;

        /** The colour description the bitstream declares, once a frame was decoded; null when unknown. */
        default Colour colour() {
            return null;
        }
    }

    /** Encodes frames (in presentation order, with their pts and durations) into a video-only MP4. Not thread-safe. */
    interface Encoder extends Closeable {
        void encode(VideoFrame frame) throws IOException;

        /** Flushes the encoder and writes the trailer; the file is complete afterwards. */
        void finish() throws IOException;

        /** For the report's steps: {@code libx264 (H.264 High) crf 23 preset medium}. */
        String describe();
    }
}
