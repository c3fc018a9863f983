package dev.aigcmark.video.internal.format;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.internal.ebml.Ebml;
import dev.aigcmark.core.internal.ebml.EbmlElement;
import dev.aigcmark.core.internal.ebml.EbmlFormatException;
import dev.aigcmark.core.internal.ebml.EbmlIds;
import dev.aigcmark.core.internal.ebml.EbmlNode;
import dev.aigcmark.core.internal.ebml.EbmlReader;
import dev.aigcmark.core.internal.ebml.MatroskaFile;
import dev.aigcmark.core.internal.ebml.MatroskaRewriter;
import dev.aigcmark.core.internal.io.WorkFolder;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.io.MediaOutput;
import dev.aigcmark.core.io.UnreadableInputException;
import dev.aigcmark.core.label.LabelJson;
import dev.aigcmark.core.report.Status;
import dev.aigcmark.core.report.StatusCodes;
import dev.aigcmark.core.spi.Carrier;
import dev.aigcmark.core.spi.CarrierType;
import dev.aigcmark.core.spi.Container;
import dev.aigcmark.core.spi.FormatHandler;
import dev.aigcmark.core.spi.LabelCarrierSpec;
import dev.aigcmark.core.spi.LabelEdit;
import dev.aigcmark.core.spi.LabelWriter;
import dev.aigcmark.core.spi.NotingContentMarker;
import dev.aigcmark.core.spi.ContentEdit;
import dev.aigcmark.core.spi.ContentNotSupportedException;
import dev.aigcmark.core.MarkStep;
import dev.aigcmark.core.spi.Placement;
import dev.aigcmark.video.internal.demux.MatroskaDemuxer;
import dev.aigcmark.video.internal.detect.VideoFramesView;
import dev.aigcmark.video.internal.pipeline.FramePool;
import dev.aigcmark.video.internal.pipeline.FrameSource;
import dev.aigcmark.video.internal.pipeline.LazyBackend;
import dev.aigcmark.video.ProgressListener;
import dev.aigcmark.video.internal.pipeline.VideoCodecBackend;
import dev.aigcmark.video.VideoOptions;

import dev.aigcmark.video.internal.audio.format.CodedAudio;
import dev.aigcmark.video.internal.audio.watermark.AudioSamplesView;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Matroska (and, through {@link WebmHandler}, WebM): the label is the SimpleTag {@code AIGC} of a Segment-wide Tag
 * ({@code Segment/Tags/Tag/SimpleTag}, TC260's video guide). Read with our bounded EBML reader (frames never read);
 * written without remuxing: the Tags element is rewritten in place when it fits (with the Void padding ffmpeg
 * and mkvmerge leave), else the Clusters move and every SeekHead/Cues position is rewritten. The video frames are
 * offered to watermark detectors ({@link VideoFramesView}: {@link MatroskaDemuxer} indexes the blocks, the codec
 * backend decodes them). Audio-only files (one audio track: {@code .mka}, an audio WebM) get their sound marked
 * ({@link #markContentNoting}); frame marking and C2PA are not offered for Matroska.
 */
public class MatroskaHandler implements FormatHandler, LabelWriter, NotingContentMarker {
    /** Matroska's TrackEntry, its TrackType and the type of an audio track. */
    private static final long TRACK_ENTRY = 0xAEL;
    private static final long TRACK_TYPE = 0x83L;
    private static final long TYPE_AUDIO = 2;
    /** How the steps of audio track {@code k} (0 the first) of {@code tracks} begin: "" when it is the only one. */
    private static String trackPrefix(int k, int tracks) {
        return tracks == 1 ? "" : "audio track " + (k + 1) + " of " + tracks + ": ";
    }

    /** A TrackEntry's CodecID, and Vorbis's. */
    private static final long CODEC_ID = 0x86L;
    private static final String VORBIS = "A_VORBIS";
    private final String id;
    private final String mediaType;
    private final String docType;
    private final List<String> extensions;
    private final LazyBackend backend;

    /** The service-loaded handler: frames decoded by the preferred codec backend. */
    public MatroskaHandler() {
        this(VideoOptions.DEFAULTS);
    }

    /** A handler decoding frames with the backend {@code options} name (the CLI's {@code --codec}). */
    public MatroskaHandler(VideoOptions options) {
        this(new LazyBackend(options));
    }

    /** A handler decoding frames with {@code backend} (tests). */
    public MatroskaHandler(VideoCodecBackend backend) {
        this(new LazyBackend(backend, ProgressListener.NONE));
    }

    private MatroskaHandler(LazyBackend backend) {
        this("mkv", "video/x-matroska", "matroska", List.of("mkv", "mka", "mk3d"), backend);
    }

    MatroskaHandler(String id, String mediaType, String docType, List<String> extensions, LazyBackend backend) {
        this.id = id;
        this.mediaType = mediaType;
        this.docType = docType;
        this.extensions = extensions;
        this.backend = backend;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String mediaType() {
        return mediaType;
    }

    @Override
    public List<String> extensions() {
        return extensions;
    }

    @Override
    public int sniffLength() {
        return 64;
    }

    /** The EBML magic, and the DocType in the header ({@code matroska} or {@code webm}). */
    @Override
    public boolean sniff(byte[] head, int length, String fileName) {
        if (length < 8 || (head[0] & 0xFF) != 0x1A || (head[1] & 0xFF) != 0x45 || (head[2] & 0xFF) != 0xDF
                || (head[3] & 0xFF) != 0xA3) {
            return false;
        }
        long[] size = Ebml.readSize(head, 4, length);
        if (size == null) {
            return false;
        }
        int pos = 4 + (int) size[1];
        int end = (int) Math.min(length, pos + Math.max(0, size[0]));
        while (pos < end) {
            long elementId = Ebml.readId(head, pos, end);
            long[] s = elementId < 0 ? null : Ebml.readSize(head, pos + Ebml.idLength(elementId), end);
            if (s == null || s[0] < 0) {
                return false;
            }
            int data = pos + Ebml.idLength(elementId) + (int) s[1];
            if (data > end) {
                return false;
            }
            if (elementId == EbmlIds.DOC_TYPE) {
                int n = (int) Math.min(s[0], end - data);
                return docType.equals(new String(head, data, Math.max(0, n), StandardCharsets.US_ASCII).replace("\0", ""));
            }
            pos = (int) Math.min(end, data + s[0]);
        }
        return false;
    }

    @Override
    public List<LabelCarrierSpec> labelCarriers() {
        return List.of(LabelCarrierSpec.standard("Segment/Tags/Tag/SimpleTag AIGC (Segment-wide Tag)"),
                LabelCarrierSpec.tolerated("SimpleTag AIGC in a track-targeted Tag"));
    }

    @Override
    public Container scan(MediaInput input, SdkContext context) throws IOException {
        Container.Builder c = Container.builder(this, input);
        MatroskaFile file = read(input, context);
        EbmlReader reader = new EbmlReader(input, context.limits());
        for (EbmlElement tagsElement : file.all(EbmlIds.TAGS)) {
            try {
                for (MatroskaLabels.Found f : MatroskaLabels.read(reader.load(tagsElement))) {
                    String where = "Segment/Tags/Tag/SimpleTag AIGC (Tags at " + tagsElement.offset()
                            + (f.global() ? "" : ", track-targeted") + ")";
                    c.carrier(new Carrier(CarrierType.AIGC_JSON, where, tagsElement.offset(), tagsElement.totalSize(),
                            f.text().getBytes(StandardCharsets.UTF_8), f.global() ? Placement.STANDARD : Placement.NONSTANDARD));
                }
            } catch (EbmlFormatException e) {
                c.problem(Status.failure(e.limitExceeded() ? StatusCodes.ASSET_LIMIT : StatusCodes.ASSET_MALFORMED,
                        "Tags at " + tagsElement.offset() + ": " + e.getMessage()));
            }
        }
        ReadLimits limits = context.limits();
        Map<EbmlElement, Long> types = readableTrackTypes(file, reader);
        if (types.isEmpty() || !types.values().stream().allMatch(t -> t == TYPE_AUDIO)) { // an .mka has no frames
            c.view(VideoFramesView.class, () -> () -> FrameSource.open(MatroskaDemuxer.videoTrack(input, limits), input,
                    backend.get(), limits, FramePool.NONE));
        }
        int audioTracks = (int) types.values().stream().filter(t -> t == TYPE_AUDIO).count();
        c.view(AudioSamplesView.class, () -> CodedAudio.view(input, context, audioTracks)); // each audio track
        return c.build();
    }

    /** The tracks' types, or none when they cannot be read (then offered to the frame reader as before). */
    private static Map<EbmlElement, Long> readableTrackTypes(MatroskaFile file, EbmlReader reader) {
        try {
            return trackTypes(file, reader);
        } catch (IOException e) {
            return Map.of();
        }
    }

    private static MatroskaFile read(MediaInput input, SdkContext context) throws IOException {
        try {
            return MatroskaFile.read(input, context.limits());
        } catch (EbmlFormatException e) {
            throw new UnreadableInputException("Matroska structure: " + e.getMessage(), e);
        }
    }

    /**
     * Writes the label as the Segment-wide SimpleTag AIGC (bare JSON): the first Tags element before the Clusters
     * is updated (or a new one added there), every other AIGC SimpleTag removed, all other tags kept.
     */
    @Override
    public void writeLabel(MediaInput input, MediaOutput output, LabelEdit edit, SdkContext context) throws IOException {
        MatroskaFile file = read(input, context);
        EbmlReader reader = new EbmlReader(input, context.limits());
        String json = LabelJson.toBareJson(edit.label());
        MatroskaRewriter rewriter = new MatroskaRewriter(file, reader);
        EbmlElement target = file.all(EbmlIds.TAGS).stream().filter(t -> t.offset() < file.firstClusterOffset())
                .findFirst().orElse(null);
        for (EbmlElement tagsElement : file.all(EbmlIds.TAGS)) {
            EbmlNode tags = reader.load(tagsElement);
            if (tagsElement == target) {
                MatroskaLabels.put(tags, json);
                rewriter.replace(tagsElement, tags);
            } else if (MatroskaLabels.remove(tags)) {
                rewriter.replace(tagsElement, tags);
            }
        }
        if (target == null) {
            rewriter.insertBeforeFirstCluster(MatroskaLabels.newTags(json));
        }
        rewriter.writeTo(output);
    }
    /**
     * Marks the sound of an audio-only file (one track, of type audio): decoded, marked ({@code CodedAudio}: the
     * prompt and the watermark, as for Ogg or MP3) and encoded again with the same codec, rate, channels and bit rate
     * into a new Matroska (or WebM) file by FFmpeg's muxer, into which the original's own data goes back ({@link
     * MatroskaAudioRemux}: the Title, the track's name, language and flags, every Tag, aimed at the new track where it
     * was aimed at the old one, the Chapters, moved with the sound, and the Attachments). The label is written
     * afterwards as for any file. A video gets each of its audio tracks marked the same way, in sync (the prompt
     * played over the sound's start, not inserted; {@link #markSoundInSync}); its frames are not marked. So does an
     * audio-only file with several tracks, which must stay in sync with each other.
     */
    @Override
    public List<MarkStep> markContentNoting(MediaInput input, OutputStream output, ContentEdit edit, SdkContext context)
            throws IOException {
        MatroskaFile file = read(input, context);
        EbmlReader reader = new EbmlReader(input, context.limits());
        Map<EbmlElement, Long> types = trackTypes(file, reader);
        List<EbmlElement> entries = new ArrayList<>(types.keySet());
        List<EbmlElement> audio = entries.stream().filter(e -> types.get(e) == TYPE_AUDIO).toList();
        if (audio.isEmpty()) {
            throw new ContentNotSupportedException("the frames of a " + id + " video are not marked, and it has no "
                    + "audio track");
        }
        if (audio.size() == 1 && entries.size() == 1) {
            MatroskaAudioRemux original = MatroskaAudioRemux.read(file, reader, entries, List.of(0), context.limits());
            return CodedAudio.mark(input, edit, context, muxer(), (encoded, timeline, encoder) -> original.write(
                    read(encoded, context), encoded, timeline, Collections.singletonList(encoder), output));
        }
        return markSoundInSync(input, output, edit, context, file, reader, entries,
                audio.stream().map(entries::indexOf).toList(), audio.size() < entries.size());
    }

    private String muxer() {
        return docType.equals("webm") ? "webm" : "matroska";
    }

    /**
     * A video's audio tracks (or an audio-only file's several), each: decoded, marked (the watermark, and the explicit
     * prompt played over the first 1.18 s of sound, which keeps its length, so the sound stays in sync with the
     * picture and the other tracks), encoded again as in an audio-only file; then FFmpeg's muxer writes a new file
     * with every other track's packets copied and each new sound in place of its old one ({@code
     * VideoCodecBackend.replaceAudio}), and the original's data goes back as for an audio-only file (tags and chapters
     * aimed at each new track's UID, track by track). The frames are not marked (a step says so). A track that cannot
     * be marked (FFmpeg's Vorbis encoder takes only stereo...) is copied as it was, and a step says so.
     *
     * @param audio the indexes in {@code entries} of the audio tracks, in file order
     */
    private List<MarkStep> markSoundInSync(MediaInput input, OutputStream output, ContentEdit edit, SdkContext context,
                                           MatroskaFile file, EbmlReader reader, List<EbmlElement> entries,
                                           List<Integer> audio, boolean video) throws IOException {
        MatroskaAudioRemux original = MatroskaAudioRemux.read(file, reader, entries, audio, context.limits());
        try (WorkFolder work = WorkFolder.in(context.workFolder().orElse(null), "mkv-sound")) {
            List<MarkStep> notes = new ArrayList<>();
            List<Path> sounds = new ArrayList<>(); // null: the track kept as it was
            List<Integer> marked = new ArrayList<>();
            List<String> encoders = new ArrayList<>();
            ContentNotSupportedException first = null;
            for (int k = 0; k < audio.size(); k++) {
                String track = trackPrefix(k, audio.size());
                // in MP4, whose edit list keeps the encoder's lead-in of silence at negative times: the sound stays
                // in sync to the sample (a Matroska file starts it at 0, half a frame late: 10 ms for Opus), except
                // for Vorbis (FFmpeg puts it in MP4, but the edit list then puts the sound 29 ms early, measured:
                // it goes into Matroska, and the remux moves it to where the original's first sample was) and a
                // codec MP4 does not carry (into Matroska, late by the encoder's lead-in)
                Path sound = work.file("sound-" + k + ".mp4");
                CodedAudio.Encoded done;
                String late = null;
                boolean vorbis = VORBIS.equals(codecId(reader, entries.get(audio.get(k))));
                try {
                    try {
                        if (vorbis) {
                            throw new ContentNotSupportedException("Vorbis goes into a Matroska intermediate");
                        }
                        done = CodedAudio.markInSync(input, k, edit, context, "mp4", sound);
                    } catch (ContentNotSupportedException e) {
                        sound = work.file("sound-" + k + ".mka");
                        done = CodedAudio.markInSync(input, k, edit, context, "matroska", sound);
                        late = vorbis ? null : "audio: the encoder's lead-in (half a frame) delays the sound against "
                                + "the " + (video ? "picture" : "other tracks") + " (" + e.getMessage() + ")";
                    }
                } catch (ContentNotSupportedException e) { // the other tracks are still marked
                    if (audio.size() == 1) {
                        throw e;
                    }
                    first = first == null ? e : first;
                    notes.add(MarkStep.notSupported(MarkStep.Carrier.CONTENT, track + "not marked, kept as it was ("
                            + e.getMessage() + ")"));
                    sounds.add(null);
                    continue;
                }
                done.notes().forEach(n -> notes.add(track.isEmpty() ? n : new MarkStep(n.kind(), n.carrier(),
                        track + n.detail())));
                if (late != null) {
                    notes.add(MarkStep.note(MarkStep.Carrier.CONTENT, track + late));
                }
                sounds.add(sound);
                marked.add(audio.get(k));
                encoders.add(done.encoder());
            }
            if (marked.isEmpty()) {
                throw first;
            }
            Path remuxed = work.file("remuxed." + (docType.equals("webm") ? "webm" : "mkv"));
            List<String> approximate;
            try {
                approximate = CodedAudio.replaceAudio(input, sounds, muxer(), remuxed, context.limits());
            } catch (UnreadableInputException e) {
                throw e;
            } catch (IOException e) {
                throw new ContentNotSupportedException("the marked sound could not be put back: " + e.getMessage());
            }
            for (int k = 0; k < audio.size(); k++) {
                if (approximate.get(k) != null) { // no timestamp to place it by: said, as a late sound was
                    notes.add(MarkStep.note(MarkStep.Carrier.CONTENT, trackPrefix(k, audio.size()) + "audio: "
                            + approximate.get(k)));
                }
            }
            try (MediaInput encoded = MediaInput.of(remuxed)) {
                original.reencoding(marked).write(read(encoded, context), encoded, CodedAudio.Timeline.NONE, encoders,
                        output);
            }
            if (video) {
                notes.add(MarkStep.note(MarkStep.Carrier.CONTENT, "video: frames not marked (a " + id
                        + " video is not re-encoded); its sound is" + (audio.size() == 1 ? ""
                        : marked.size() == audio.size() ? " (all " + audio.size() + " audio tracks)"
                        : " (" + marked.size() + " of " + audio.size() + " audio tracks; the others copied unmarked)")
                        + ", every other track copied packet for packet"));
            }
            return notes;
        }
    }

    /** A TrackEntry's CodecID ({@code A_OPUS}), or "" when it has none. */
    private static String codecId(EbmlReader reader, EbmlElement entry) throws IOException {
        for (EbmlElement e : reader.children(entry.dataOffset(), entry.end(), Set.of(), 3)) {
            if (e.id() == CODEC_ID && e.dataSize() <= 64) {
                return new String(reader.data(e, 64), StandardCharsets.US_ASCII).replace("\0", "");
            }
        }
        return "";
    }

    /** Every TrackEntry with its TrackType (-1 when it has none), in file order. */
    private static Map<EbmlElement, Long> trackTypes(MatroskaFile file, EbmlReader reader) throws IOException {
        Map<EbmlElement, Long> types = new LinkedHashMap<>();
        for (EbmlElement tracksElement : file.all(EbmlIds.TRACKS)) {
            for (EbmlElement entry : reader.children(tracksElement.dataOffset(), tracksElement.end(), Set.of(), 2)) {
                if (entry.id() != TRACK_ENTRY) {
                    continue;
                }
                long type = -1;
                for (EbmlElement e : reader.children(entry.dataOffset(), entry.end(), Set.of(), 3)) {
                    if (e.id() == TRACK_TYPE) {
                        byte[] b = reader.data(e, 8);
                        type = Ebml.readUint(b, 0, b.length);
                    }
                }
                types.put(entry, type);
            }
        }
        return types;
    }
}
