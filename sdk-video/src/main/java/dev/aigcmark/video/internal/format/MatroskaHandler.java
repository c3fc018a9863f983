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
        if (!hasOnlyAudio(file, reader)) { // an .mka has no frames to look at
            c.view(VideoFramesView.class, () -> () -> FrameSource.open(MatroskaDemuxer.videoTrack(input, limits), input,
                    backend.get(), limits, FramePool.NONE));
        }
        c.view(AudioSamplesView.class, () -> CodedAudio.view(input, context)); // the audio track of MKV/WebM
        return c.build();
    }

    /** Tracks, all of them audio (a file whose tracks cannot be read is offered to the frame reader as before). */
    private static boolean hasOnlyAudio(MatroskaFile file, EbmlReader reader) {
        try {
            Map<EbmlElement, Long> types = trackTypes(file, reader);
            return !types.isEmpty() && types.values().stream().allMatch(t -> t == TYPE_AUDIO);
        } catch (IOException e) {
            return false;
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
     * afterwards as for any file. A video with one audio track gets its sound marked the same way, in sync (the
     * prompt played over the sound's start, not inserted; {@link #markVideoSound}); its frames are not marked.
     */
    @Override
    public List<MarkStep> markContentNoting(MediaInput input, OutputStream output, ContentEdit edit, SdkContext context)
            throws IOException {
        MatroskaFile file = read(input, context);
        EbmlReader reader = new EbmlReader(input, context.limits());
        Map<EbmlElement, Long> types = trackTypes(file, reader);
        List<EbmlElement> entries = new ArrayList<>(types.keySet());
        List<EbmlElement> audio = entries.stream().filter(e -> types.get(e) == TYPE_AUDIO).toList();
        if (audio.size() == entries.size()) {
            if (entries.size() != 1) {
                throw new ContentNotSupportedException("only an audio-only " + id + " file with one track is marked ("
                        + entries.size() + " tracks)");
            }
            MatroskaAudioRemux original = MatroskaAudioRemux.read(file, reader, entries, 0, context.limits());
            return CodedAudio.mark(input, edit, context, muxer(),
                    (encoded, timeline) -> original.write(read(encoded, context), encoded, timeline, output));
        }
        if (audio.size() != 1) {
            throw new ContentNotSupportedException("the frames of a " + id + " video are not marked, and its sound "
                    + "only when it has one audio track (" + audio.size() + " here)");
        }
        return markVideoSound(input, output, edit, context, file, reader, entries, entries.indexOf(audio.get(0)));
    }

    private String muxer() {
        return docType.equals("webm") ? "webm" : "matroska";
    }

    /**
     * A video's one audio track: decoded, marked (the watermark, and the explicit prompt played over the first 1.18 s
     * of sound, which keeps its length, so the sound stays in sync with the picture), encoded again as in an audio-only
     * file; then FFmpeg's muxer writes a new file with every other track's packets copied and the new sound in place of
     * the old ({@code VideoCodecBackend.replaceAudio}), and the original's data goes back as for an audio-only file
     * (tags and chapters aimed at each new track's UID, track by track). The frames are not marked (a step says so).
     */
    private List<MarkStep> markVideoSound(MediaInput input, OutputStream output, ContentEdit edit, SdkContext context,
                                          MatroskaFile file, EbmlReader reader, List<EbmlElement> entries, int audio)
            throws IOException {
        MatroskaAudioRemux original = MatroskaAudioRemux.read(file, reader, entries, audio, context.limits());
        try (WorkFolder work = WorkFolder.in(context.workFolder().orElse(null), "mkv-sound")) {
            // in MP4, whose edit list keeps the encoder's lead-in of silence at negative times: the sound stays in
            // sync to the sample (a Matroska file starts it at 0, half a frame late: 10 ms for Opus), except for a
            // codec MP4 does not carry (Vorbis)
            Path sound = work.file("sound.mp4");
            List<MarkStep> notes;
            try {
                notes = new ArrayList<>(CodedAudio.markInSync(input, edit, context, "mp4", sound));
            } catch (ContentNotSupportedException e) {
                sound = work.file("sound.mka");
                notes = new ArrayList<>(CodedAudio.markInSync(input, edit, context, "matroska", sound));
                notes.add(MarkStep.note(MarkStep.Carrier.CONTENT, "audio: the encoder's lead-in (half a frame) delays "
                        + "the sound against the picture (" + e.getMessage() + ")"));
            }
            Path remuxed = work.file("remuxed." + (docType.equals("webm") ? "webm" : "mkv"));
            try {
                CodedAudio.replaceAudio(input, sound, muxer(), remuxed);
            } catch (UnreadableInputException e) {
                throw e;
            } catch (IOException e) {
                throw new ContentNotSupportedException("the marked sound could not be put back: " + e.getMessage());
            }
            try (MediaInput encoded = MediaInput.of(remuxed)) {
                original.write(read(encoded, context), encoded, CodedAudio.Timeline.NONE, output);
            }
            notes.add(MarkStep.note(MarkStep.Carrier.CONTENT, "video: frames not marked (a " + id
                    + " video is not re-encoded); its sound is, every other track copied packet for packet"));
            return notes;
        }
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
