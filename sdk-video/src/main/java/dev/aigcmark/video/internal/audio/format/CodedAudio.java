package dev.aigcmark.video.internal.audio.format;

import dev.aigcmark.core.MarkStep;
import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.internal.io.WorkFolder;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.io.UnreadableInputException;
import dev.aigcmark.core.spi.ContentEdit;
import dev.aigcmark.core.spi.ContentNotSupportedException;
import dev.aigcmark.core.spi.ViewUnavailableException;
import dev.aigcmark.video.internal.audio.pcm.Pcm;
import dev.aigcmark.video.internal.audio.watermark.AudioSamplesView;
import dev.aigcmark.video.internal.pipeline.DecodedAudio;
import dev.aigcmark.video.internal.pipeline.EncodedAudio;
import dev.aigcmark.video.internal.pipeline.VideoBackends;
import dev.aigcmark.video.internal.pipeline.VideoCodecBackend;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Compressed audio (MP3, FLAC, Ogg Opus/Vorbis, M4A/AAC, a video's audio track) through the first codec backend
 * that decodes audio: FFmpeg ({@code sdk-video-ffmpeg}). For the detector, the samples ({@link #view}); for marking,
 * decode → {@link AudioMarks} → re-encode with the same codec, rate, channels and bit rate ({@link #mark}), into a
 * bare stream the format's handler wraps in the original's metadata. Without such a backend the view is unavailable
 * (verification reports nothing about the audio mark) and marking leaves the content as it is (the label is still
 * written); nothing is loaded until asked (a label-only scan never loads FFmpeg's natives).
 */
public final class CodedAudio {
    private CodedAudio() {
    }

    public static AudioSamplesView view(MediaInput input, SdkContext context) {
        return view(input, context, 1);
    }

    /** The view of a container with {@code tracks} audio tracks (as its own demuxer counted them), each decoded apart. */
    public static AudioSamplesView view(MediaInput input, SdkContext context, int tracks) {
        VideoCodecBackend backend = backend().orElseThrow(() -> new ViewUnavailableException(
                "no backend decodes compressed audio here (sdk-video-ffmpeg with its natives does)"));
        return new AudioSamplesView() {
            @Override
            public Pcm read(double maxSeconds) throws IOException {
                return read(0, maxSeconds);
            }

            @Override
            public int tracks() {
                return Math.max(1, tracks);
            }

            @Override
            public Pcm read(int track, double maxSeconds) throws IOException {
                return backend.decodeAudio(input, track, maxSeconds, context.limits());
            }
        };
    }

    /**
     * Decodes {@code input}'s main audio stream, marks it and encodes it again into {@code encoded} in the container
     * {@code muxer} (with no metadata of its own).
     *
     * @return notes for the result's steps: the prompt, the watermark, the encoder
     * @throws ContentNotSupportedException when no backend re-encodes audio here, the file has no audio stream, or
     *                                      the samples cannot be decoded or are over the in-memory limit
     */
    public static List<MarkStep> mark(MediaInput input, ContentEdit edit, SdkContext context, String muxer,
                                      Path encoded) throws IOException {
        return mark(input, 0, edit, context, muxer, encoded);
    }

    /** The same for audio track {@code track} (0 the first, in file order) of a file that may have several. */
    public static List<MarkStep> mark(MediaInput input, int track, ContentEdit edit, SdkContext context, String muxer,
                                      Path encoded) throws IOException {
        return markTimed(input, track, edit, context, muxer, encoded, false).notes();
    }

    /**
     * The same for a video's sound, which keeps its length and timing: an explicit prompt is played over the sound
     * ({@code MorsePrompt.overlay}) instead of being inserted before it.
     *
     * @return the steps' notes and the encoder that made {@code encoded}
     */
    public static Encoded markInSync(MediaInput input, int track, ContentEdit edit, SdkContext context, String muxer,
                                     Path encoded) throws IOException {
        Done done = markTimed(input, track, edit, context, muxer, encoded, true);
        return new Encoded(done.notes(), done.encoder());
    }

    /** The notes of marking a sound, and the encoder (its FFmpeg name: {@code libopus}) that encoded it again. */
    public record Encoded(List<MarkStep> notes, String encoder) {
        public Encoded {
            notes = List.copyOf(notes);
        }
    }

    /**
     * Where marking inserted sound (the prompts): at each of {@code insertedAt} (seconds of the original's samples),
     * {@code seconds} of prompt; and how far the marked samples' first sits from where the original's first sat on
     * the files' timelines ({@code moveNanos}; the original's first at {@code startNanos}). A container's own times
     * (Matroska chapters) follow the sound they pointed at with {@link #shift}.
     */
    public record Timeline(List<Double> insertedAt, double seconds, long moveNanos, long startNanos) {
        public static final Timeline NONE = new Timeline(List.of(), 0);

        public Timeline {
            insertedAt = List.copyOf(insertedAt);
        }

        /** Prompts inserted, the sound's placement not (yet) known. */
        public Timeline(List<Double> insertedAt, double seconds) {
            this(insertedAt, seconds, 0, 0);
        }

        /**
         * The same once the sound is placed: the original's first decoded sample sat at {@code originalMicros} on its
         * file's timeline, the marked sound's first sample sits at {@code markedMicros} on the new file's. They differ
         * by the encoder's lead-in less the original's decoder delay (a Vorbis MKA made by ffmpeg: 10 − 3 = 7 ms; an
         * Opus one: 10 ms), which the chapters of a sound-only file were ahead of their sound by before (session 18).
         * Either time unknown ({@link Long#MIN_VALUE}): only the prompts move the times, as before.
         */
        public Timeline placed(long originalMicros, long markedMicros) {
            if (originalMicros == Long.MIN_VALUE || markedMicros == Long.MIN_VALUE) {
                return this;
            }
            return new Timeline(insertedAt, seconds, (markedMicros - originalMicros) * 1000, originalMicros * 1000);
        }

        /**
         * The time in the marked file of the original's {@code nanos}: moved as its sound was ({@code moveNanos}),
         * and later by every prompt inserted before it (a prompt inserted exactly there plays before the sound that
         * was there, after the time). The file's start (0 or before) stays the start: a first chapter still opens
         * the file, with the prompt in it.
         */
        public long shift(long nanos) {
            if (nanos <= 0) {
                return nanos;
            }
            long n = insertedAt.stream().filter(at -> at * 1e9 < nanos - startNanos).count();
            return Math.max(0, nanos + moveNanos + Math.round(n * seconds * 1e9));
        }
    }

    private record Done(List<MarkStep> notes, Timeline timeline, String encoder) {
    }

    private static Done markTimed(MediaInput input, int track, ContentEdit edit, SdkContext context, String muxer,
                                  Path encoded, boolean inSync) throws IOException {
        VideoCodecBackend backend = backend().orElseThrow(() -> new ContentNotSupportedException(
                "no backend re-encodes compressed audio here (sdk-video-ffmpeg with its natives does)"));
        DecodedAudio decoded;
        long maxFrames = AudioMarks.maxFrames(context.limits().maxInMemoryBytes(), 2);
        try {
            decoded = backend.decodeAudioStream(input, track, maxFrames, context.limits());
        } catch (UnreadableInputException e) { // our budget ran out: the mark stops, it is not "not supported"
            throw e;
        } catch (IOException e) {
            throw new ContentNotSupportedException("the audio could not be decoded for marking: " + e.getMessage());
        }
        if (decoded.pcm().frames() == 0) {
            throw new ContentNotSupportedException("no audio stream (or no samples) to mark");
        }
        if (decoded.pcm().frames() > AudioMarks.maxFrames(context.limits().maxInMemoryBytes(),
                decoded.coding().channels())) {
            throw new ContentNotSupportedException("the audio is over the in-memory limit for marking");
        }
        String refused = backend.cannotEncodeAudio(decoded.coding());
        if (refused != null) { // said before marking: a sound that cannot be encoded again keeps its own samples
            throw new ContentNotSupportedException("the audio is not marked: it cannot be encoded again here ("
                    + refused + ")");
        }
        AudioMarks.Marked marked = AudioMarks.apply(decoded.pcm(), edit, context, decoded.coding().describe(),
                inSync);
        List<MarkStep> notes = new ArrayList<>(marked.notes());
        EncodedAudio encoder;
        try {
            encoder = backend.encodeAudio(marked.pcm(), decoded.coding(), muxer, encoded);
        } catch (UnreadableInputException e) {
            throw e;
        } catch (IOException e) {
            throw new ContentNotSupportedException("the marked audio could not be encoded again: " + e.getMessage());
        }
        notes.add(MarkStep.note(MarkStep.Carrier.CONTENT, "audio: decoded with " + backend.describe()
                + ", re-encoded with " + encoder.encoder()));
        return new Done(notes, marked.timeline().placed(decoded.firstSampleMicros(), encoder.startMicros()),
                encoder.encoder().split(" ", 2)[0]);
    }

    /** Puts the re-encoded stream (a file with no metadata of its own) into the output with the original's metadata. */
    @FunctionalInterface
    public interface Wrapper {
        void write(MediaInput encoded) throws IOException;
    }

    /**
     * A {@link Wrapper} that also moves the container's own times with the sound ({@link Timeline#shift}) and may name
     * the {@code encoder} (its FFmpeg name) in the container's tags.
     */
    @FunctionalInterface
    public interface TimedWrapper {
        void write(MediaInput encoded, Timeline timeline, String encoder) throws IOException;
    }

    /** {@link #mark(MediaInput, ContentEdit, SdkContext, String, Path)} into a scratch file handed to {@code wrap}. */
    public static List<MarkStep> mark(MediaInput input, ContentEdit edit, SdkContext context, String muxer, Wrapper wrap)
            throws IOException {
        return mark(input, edit, context, muxer, (TimedWrapper) (encoded, timeline, encoder) -> wrap.write(encoded));
    }

    /** The same, telling {@code wrap} where the prompts went. */
    public static List<MarkStep> mark(MediaInput input, ContentEdit edit, SdkContext context, String muxer,
                                      TimedWrapper wrap) throws IOException {
        try (WorkFolder work = WorkFolder.in(context.workFolder().orElse(null), "audio")) {
            Path encoded = work.file("marked." + muxer);
            Done done = markTimed(input, 0, edit, context, muxer, encoded, false);
            try (MediaInput in = MediaInput.of(encoded)) {
                wrap.write(in, done.timeline(), done.encoder());
            }
            return done.notes();
        }
    }

    /**
     * {@code original}'s streams copied into {@code output} ({@code muxer}) with each audio stream replaced by the
     * sound in {@code encodedAudio} (one file per audio stream, in order; {@link VideoCodecBackend#replaceAudio}), by
     * the backend that encoded them, probing {@code original} within {@code limits}.
     *
     * @return for each sound, null when it was placed where the original's was, or why its placement is approximate
     */
    public static List<String> replaceAudio(MediaInput original, List<Path> encodedAudio, String muxer, Path output,
                                            ReadLimits limits) throws IOException {
        VideoCodecBackend backend = backend().orElseThrow(() -> new ContentNotSupportedException(
                "no backend remuxes audio here (sdk-video-ffmpeg with its natives does)"));
        return backend.replaceAudio(original, encodedAudio, muxer, output, limits);
    }

    private static Optional<VideoCodecBackend> backend() {
        return VideoBackends.all().stream().filter(VideoCodecBackend::decodesAudio)
                .filter(b -> b.unavailable() == null).findFirst();
    }
}
