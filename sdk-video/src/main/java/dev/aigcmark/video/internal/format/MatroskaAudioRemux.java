package dev.aigcmark.video.internal.format;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.internal.ebml.Ebml;
import dev.aigcmark.core.internal.ebml.EbmlElement;
import dev.aigcmark.core.internal.ebml.EbmlFormatException;
import dev.aigcmark.core.internal.ebml.EbmlIds;
import dev.aigcmark.core.internal.ebml.EbmlNode;
import dev.aigcmark.core.internal.ebml.EbmlReader;
import dev.aigcmark.core.internal.ebml.MatroskaFile;
import dev.aigcmark.core.internal.ebml.MatroskaRewriter;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.spi.ContentNotSupportedException;
import dev.aigcmark.video.internal.audio.format.CodedAudio;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a Matroska/WebM file keeps when its sound (each audio track) is re-encoded ({@link MatroskaHandler#markContentNoting}):
 * the new file is FFmpeg's (its Info, Tracks, Clusters, Cues), and the original's own data goes back into it. Nothing
 * the user put in the file is lost:
 * <ul>
 *   <li>Info: the Title;</li>
 *   <li>the TrackEntry's descriptive elements (Name, Language, the Default/Forced/Original/Commentary... flags);</li>
 *   <li>every Tag: those aimed at an old track are aimed at the new track's UID; for a re-encoded track, the
 *       statistics a muxer wrote for it (mkvmerge's {@code BPS}, {@code DURATION}, {@code NUMBER_OF_FRAMES}, {@code
 *       NUMBER_OF_BYTES}, named by {@code _STATISTICS_TAGS}; FFmpeg's {@code DURATION}) are measured again on the new
 *       stream, or dropped when they cannot be, and FFmpeg's {@code ENCODER} names the new encoder;</li>
 *   <li>Chapters, whole: a ChapterTrackUID of the old track becomes the new one, and every chapter time moves with
 *       the sound it pointed at (a prompt inserted at the start plays inside the first chapter);</li>
 *   <li>Attachments, byte for byte (their UIDs, which tags may aim at, are kept).</li>
 * </ul>
 * All of it goes before the first Cluster (the tags in place of the encoder's own, which are dropped). Loaded within the metadata limit:
 * a file whose chapters, tags or attachments are over it is not marked (its content stays as it is; the label is
 * still written) rather than marked with its data dropped.
 */
final class MatroskaAudioRemux {
    static final long TRACK_ENTRY = 0xAEL;
    static final long TRACK_TYPE = 0x83L;
    static final long TRACK_UID = 0x73C5L;
    static final long TRACK_NUMBER = 0xD7L;
    /** Segment/Info/Title, TimestampScale and Duration. */
    static final long TITLE = 0x7BA9L;
    static final long TIMESTAMP_SCALE = 0x2AD7B1L;
    static final long DURATION = 0x4489L;
    /** The user's description of a track, kept from the original TrackEntry (RFC 9559 §5.1.4.1). */
    static final Set<Long> DESCRIPTIVE = Set.of(
            0x536EL,   // Name
            0x22B59CL, // Language
            0x22B59DL, // LanguageBCP47
            0xB9L,     // FlagEnabled
            0x88L,     // FlagDefault
            0x55AAL,   // FlagForced
            0x55ABL,   // FlagHearingImpaired
            0x55ACL,   // FlagVisualImpaired
            0x55ADL,   // FlagTextDescriptions
            0x55AEL,   // FlagOriginal
            0x55AFL);  // FlagCommentary
    /** Chapters: EditionEntry, ChapterAtom (nested), ChapterTrack; the times and the track UID in them. */
    static final long EDITION_ENTRY = 0x45B9L;
    static final long CHAPTER_ATOM = 0xB6L;
    static final long CHAPTER_TRACK = 0x8FL;
    static final long CHAPTER_TRACK_UID = 0x89L;
    static final long CHAPTER_TIME_START = 0x91L;
    static final long CHAPTER_TIME_END = 0x92L;
    private static final Set<Long> TRACK_MASTERS = Set.of(EbmlIds.TRACKS, TRACK_ENTRY);
    private static final Set<Long> CHAPTER_MASTERS = Set.of(EbmlIds.CHAPTERS, EDITION_ENTRY, CHAPTER_ATOM,
            CHAPTER_TRACK);
    /** Blocks in a Cluster. */
    private static final long SIMPLE_BLOCK = 0xA3L;
    private static final long BLOCK_GROUP = 0xA0L;
    private static final long BLOCK = 0xA1L;
    static final String STATISTICS_TAGS = "_STATISTICS_TAGS";
    static final String STATISTICS_APP = "_STATISTICS_WRITING_APP";
    static final String STATISTICS_DATE = "_STATISTICS_WRITING_DATE_UTC";
    /** FFmpeg's tags of a stream: the encoder that made it, and its duration. */
    static final String ENCODER = "ENCODER";
    static final String DURATION_TAG = "DURATION";

    /** The old TrackEntries, in file order, and which of them are the sounds that are encoded again. */
    private final List<EbmlNode> trackEntries;
    private final List<Integer> reencoded;
    private final byte[] title;
    private final List<EbmlNode> tags;
    private final List<EbmlNode> chapters;
    private final List<EbmlNode> attachments;
    private final ReadLimits limits;

    private MatroskaAudioRemux(List<EbmlNode> trackEntries, List<Integer> reencoded, byte[] title, List<EbmlNode> tags,
                               List<EbmlNode> chapters, List<EbmlNode> attachments, ReadLimits limits) {
        this.trackEntries = trackEntries;
        this.reencoded = reencoded;
        this.title = title;
        this.tags = tags;
        this.chapters = chapters;
        this.attachments = attachments;
        this.limits = limits;
    }

    /**
     * Reads what the original keeps. {@code trackEntries} are its TrackEntries in file order (the new file has its
     * tracks in the same order), {@code reencoded} the indexes of the audio ones whose sound is encoded again.
     *
     * @throws ContentNotSupportedException when chapters, tags or attachments are over the metadata limit
     */
    static MatroskaAudioRemux read(MatroskaFile file, EbmlReader reader, List<EbmlElement> trackEntries,
                                   List<Integer> reencoded, ReadLimits limits) throws IOException {
        try {
            List<EbmlNode> entries = new ArrayList<>();
            for (EbmlElement e : trackEntries) {
                entries.add(reader.load(e, TRACK_MASTERS));
            }
            List<EbmlNode> tags = new ArrayList<>();
            for (EbmlElement e : file.all(EbmlIds.TAGS)) {
                tags.addAll(reader.load(e).children(EbmlIds.TAG));
            }
            List<EbmlNode> chapters = new ArrayList<>();
            for (EbmlElement e : file.all(EbmlIds.CHAPTERS)) {
                chapters.add(reader.load(e, CHAPTER_MASTERS));
            }
            List<EbmlNode> attachments = new ArrayList<>();
            long attached = 0;
            for (EbmlElement e : file.all(EbmlIds.ATTACHMENTS)) {
                attached += e.totalSize();
                if (attached > limits.maxMetadataBytes()) {
                    throw new EbmlFormatException("the attachments are over the metadata limit", true);
                }
                attachments.add(reader.load(e, Set.of()));
            }
            return new MatroskaAudioRemux(entries, List.copyOf(reencoded), title(file, reader), tags, chapters,
                    attachments, limits);
        } catch (EbmlFormatException e) {
            throw new ContentNotSupportedException("the sound is not marked, so that nothing of the file is lost: its "
                    + "track, tags, chapters or attachments could not be kept (" + e.getMessage() + ")");
        }
    }

    /** The same original with only the tracks {@code reencoded} (indexes, as for {@link #read}) encoded again. */
    MatroskaAudioRemux reencoding(List<Integer> reencoded) {
        return new MatroskaAudioRemux(trackEntries, List.copyOf(reencoded), title, tags, chapters, attachments, limits);
    }

    /** The original's Segment/Info/Title element (header included), or null. */
    private static byte[] title(MatroskaFile file, EbmlReader reader) throws IOException {
        for (EbmlElement info : file.all(EbmlIds.INFO)) {
            for (EbmlElement e : reader.children(info.dataOffset(), info.end(), Set.of(), 2)) {
                if (e.id() == TITLE && e.totalSize() <= (1 << 16)) {
                    return reader.input().readFully(e.offset(), (int) e.totalSize());
                }
            }
        }
        return null;
    }

    /**
     * Writes {@code encoded} (FFmpeg's file of the marked sound) with the original's data put back; {@code encoders}
     * names the encoder of each re-encoded track (in the order of {@code reencoded}; null when unknown), for the
     * {@code ENCODER} tags that named the old one.
     */
    void write(MatroskaFile out, MediaInput encoded, CodedAudio.Timeline timeline, List<String> encoders,
               OutputStream output) throws IOException {
        EbmlReader outReader = new EbmlReader(encoded, limits);
        MatroskaRewriter rewriter = new MatroskaRewriter(out, outReader);
        EbmlElement info = out.all(EbmlIds.INFO).stream().findFirst().orElse(null);
        if (title != null && info != null) { // the encoder's Info (timestamp scale, duration, apps) + our Title
            ByteArrayOutputStream data = new ByteArrayOutputStream();
            for (EbmlElement e : outReader.children(info.dataOffset(), info.end(), Set.of(), 2)) {
                if (e.id() != TITLE) {
                    data.writeBytes(encoded.readFully(e.offset(), (int) e.totalSize()));
                }
            }
            data.writeBytes(title);
            rewriter.replace(info, EbmlNode.leaf(EbmlIds.INFO, data.toByteArray()));
        }
        Map<Long, Long> uids = new HashMap<>(); // the old tracks' UIDs → the new ones, track by track in order
        Map<Integer, Long> newNumbers = new HashMap<>(); // the re-encoded tracks' numbers in the new file
        int i = 0;
        for (EbmlElement tracksElement : out.all(EbmlIds.TRACKS)) {
            EbmlNode tracks = outReader.load(tracksElement, TRACK_MASTERS);
            for (EbmlNode entry : tracks.children(TRACK_ENTRY)) {
                if (i >= trackEntries.size()) {
                    throw new IOException("the new file has more tracks than the original");
                }
                EbmlNode old = trackEntries.get(i);
                Long from = uid(old);
                Long to = uid(entry);
                if (from != null && to != null) {
                    uids.put(from, to);
                }
                if (reencoded.contains(i)) {
                    EbmlNode number = entry.child(TRACK_NUMBER);
                    newNumbers.put(i, number == null ? -1 : number.uint());
                }
                entry.children().removeIf(c -> DESCRIPTIVE.contains(c.id()));
                old.children().stream().filter(c -> DESCRIPTIVE.contains(c.id())).forEach(entry.children()::add);
                i++;
            }
            rewriter.replace(tracksElement, tracks);
        }
        if (i != trackEntries.size()) {
            throw new IOException("the new file has " + i + " tracks, the original " + trackEntries.size());
        }
        Map<Long, Renewed> renewed = new HashMap<>(); // each re-encoded track's old UID → what it is now
        for (int k = 0; k < reencoded.size(); k++) {
            int index = reencoded.get(k);
            Long oldUid = uid(trackEntries.get(index));
            if (oldUid != null) {
                renewed.put(oldUid, new Renewed(Statistics.of(out, outReader, newNumbers.getOrDefault(index, -1L),
                        encoded), k < encoders.size() ? encoders.get(k) : null));
            }
        }
        List<EbmlNode> kept = new ArrayList<>();
        for (EbmlNode tag : tags) {
            if (retarget(tag, uids, renewed)) {
                kept.add(tag);
            }
        }
        for (EbmlNode c : chapters) {
            chapterEdit(c, uids, timeline);
            rewriter.insertBeforeFirstCluster(c);
        }
        attachments.forEach(rewriter::insertBeforeFirstCluster);
        EbmlElement first = out.all(EbmlIds.TAGS).stream().filter(t -> t.offset() < out.firstClusterOffset())
                .findFirst().orElse(null);
        for (EbmlElement tagsElement : out.all(EbmlIds.TAGS)) { // the encoder's own (duration, encoder): ours instead
            rewriter.replace(tagsElement, EbmlNode.master(EbmlIds.TAGS, tagsElement == first ? kept : List.of()));
        }
        for (long id : List.of(EbmlIds.CHAPTERS, EbmlIds.ATTACHMENTS)) { // none from FFmpeg; never twice
            for (EbmlElement e : out.all(id)) {
                rewriter.replace(e, EbmlNode.leaf(EbmlIds.VOID, new byte[0]));
            }
        }
        if (first == null && !kept.isEmpty()) {
            rewriter.insertBeforeFirstCluster(EbmlNode.master(EbmlIds.TAGS, kept));
        }
        rewriter.writeTo(output);
    }

    private static Long uid(EbmlNode entry) {
        EbmlNode uid = entry.child(TRACK_UID);
        return uid == null ? null : uid.uint();
    }

    /** A re-encoded track: its statistics measured on the new stream (null when they cannot be) and its encoder. */
    private record Renewed(Statistics stats, String encoder) {
    }

    /**
     * Aims a Tag at the new tracks where it was aimed at the old ones ({@code uids}); a Tag of a re-encoded track
     * (the old UIDs {@code renewed} holds) names the new encoder where it named the old one ({@code ENCODER}, as FFmpeg
     * writes it), restates FFmpeg's {@code DURATION} and gets mkvmerge's statistics measured again. Returns false when
     * nothing is left of it.
     */
    private static boolean retarget(EbmlNode tag, Map<Long, Long> uids, Map<Long, Renewed> renewed) {
        EbmlNode targets = tag.child(EbmlIds.TARGETS);
        Renewed ours = null;
        if (targets != null) {
            for (EbmlNode t : targets.children(EbmlIds.TAG_TRACK_UID)) {
                long old = t.uint();
                if (uids.containsKey(old)) {
                    ours = ours == null ? renewed.get(old) : ours;
                    t.setData(Ebml.uint(uids.get(old), 8));
                }
            }
        }
        if (ours == null) {
            return true;
        }
        Statistics stats = ours.stats();
        Set<String> named = new HashSet<>();
        for (EbmlNode simple : tag.children(EbmlIds.SIMPLE_TAG)) {
            if (STATISTICS_TAGS.equals(name(simple))) {
                EbmlNode value = simple.child(EbmlIds.TAG_STRING);
                if (value != null) {
                    named.addAll(Arrays.asList(value.text().trim().split("\\s+")));
                }
            }
        }
        String encoder = ours.encoder();
        tag.children().removeIf(simple -> { // FFmpeg's own track tags
            if (simple.id() != EbmlIds.SIMPLE_TAG) {
                return false;
            }
            String name = name(simple);
            if (ENCODER.equals(name)) {
                if (encoder == null) {
                    return true;
                }
                setString(simple, encoder + " (aigcmark: the marked sound encoded again)");
            } else if (DURATION_TAG.equals(name) && !named.contains(name)) {
                String value = stats == null ? null : stats.value(name);
                if (value == null) {
                    return true;
                }
                setString(simple, value);
            }
            return false;
        });
        if (named.isEmpty()) {
            return true;
        }
        List<String> measured = new ArrayList<>();
        tag.children().removeIf(simple -> {
            if (simple.id() != EbmlIds.SIMPLE_TAG) {
                return false;
            }
            String name = name(simple);
            if (STATISTICS_DATE.equals(name)) {
                return true; // written by another tool at another time: not ours to restate
            }
            if (STATISTICS_APP.equals(name)) {
                setString(simple, "aigcmark (the sound was marked and encoded again)");
                return false;
            }
            if (!named.contains(name) || STATISTICS_TAGS.equals(name)) {
                return false;
            }
            String value = stats == null ? null : stats.value(name);
            if (value == null) {
                return true;
            }
            setString(simple, value);
            measured.add(name);
            return false;
        });
        for (EbmlNode simple : tag.children(EbmlIds.SIMPLE_TAG)) {
            if (STATISTICS_TAGS.equals(name(simple))) {
                setString(simple, String.join(" ", measured));
            }
        }
        tag.children().removeIf(simple -> simple.id() == EbmlIds.SIMPLE_TAG && STATISTICS_TAGS.equals(name(simple))
                && measured.isEmpty());
        return !tag.children(EbmlIds.SIMPLE_TAG).isEmpty();
    }

    private static String name(EbmlNode simple) {
        EbmlNode n = simple.child(EbmlIds.TAG_NAME);
        return n == null ? null : n.text();
    }

    private static void setString(EbmlNode simple, String value) {
        EbmlNode s = simple.child(EbmlIds.TAG_STRING);
        if (s != null) {
            s.setData(value.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Every chapter time follows its sound; the old tracks' UIDs become the new ones. */
    private static void chapterEdit(EbmlNode n, Map<Long, Long> uids, CodedAudio.Timeline timeline) {
        for (EbmlNode c : n.children()) {
            if (c.id() == CHAPTER_TIME_START || c.id() == CHAPTER_TIME_END) {
                c.setData(Ebml.uint(timeline.shift(c.uint()), 8));
            } else if (c.id() == CHAPTER_TRACK_UID && uids.containsKey(c.uint())) {
                c.setData(Ebml.uint(uids.get(c.uint()), 8));
            } else if (c.isMaster()) {
                chapterEdit(c, uids, timeline);
            }
        }
    }

    /**
     * mkvmerge's track statistics, measured on the new stream: the frames and their bytes (the blocks of the track,
     * unlaced, as FFmpeg writes them), the duration from the Info, and the mean bit rate they give. Null when the
     * stream cannot be measured (laced blocks, no duration).
     */
    record Statistics(long frames, long bytes, long durationNanos) {
        static Statistics of(MatroskaFile file, EbmlReader reader, long trackNumber, MediaInput in) throws IOException {
            if (trackNumber < 1 || trackNumber > 126) {
                return null;
            }
            long frames = 0;
            long bytes = 0;
            for (EbmlElement cluster : file.all(EbmlIds.CLUSTER)) {
                for (EbmlElement e : reader.children(cluster.dataOffset(), cluster.end(), EbmlIds.LEVEL_1, 2)) {
                    EbmlElement block = e.id() == SIMPLE_BLOCK ? e : null;
                    if (e.id() == BLOCK_GROUP) {
                        for (EbmlElement g : reader.children(e.dataOffset(), e.end(), Set.of(), 3)) {
                            block = g.id() == BLOCK ? g : block;
                        }
                    }
                    if (block == null || block.dataSize() < 4) {
                        continue;
                    }
                    byte[] head = in.readFully(block.dataOffset(), 4);
                    if ((head[0] & 0xFF) != (0x80 | trackNumber)) {
                        continue;
                    }
                    if ((head[3] & 0x06) != 0) {
                        return null; // laced: the frame count needs the lacing read
                    }
                    frames++;
                    bytes += block.dataSize() - 4;
                }
            }
            long duration = duration(file, reader);
            return duration <= 0 || frames == 0 ? null : new Statistics(frames, bytes, duration);
        }

        private static long duration(MatroskaFile file, EbmlReader reader) throws IOException {
            long scale = 1_000_000;
            double duration = -1;
            for (EbmlElement info : file.all(EbmlIds.INFO)) {
                for (EbmlElement e : reader.children(info.dataOffset(), info.end(), Set.of(), 2)) {
                    byte[] b = e.id() == TIMESTAMP_SCALE || e.id() == DURATION ? reader.data(e, 8) : null;
                    if (e.id() == TIMESTAMP_SCALE) {
                        scale = Ebml.readUint(b, 0, b.length);
                    } else if (e.id() == DURATION && (b.length == 4 || b.length == 8)) {
                        duration = b.length == 4 ? ByteBuffer.wrap(b).getFloat() : ByteBuffer.wrap(b).getDouble();
                    }
                }
            }
            return duration > 0 && Double.isFinite(duration) ? Math.round(duration * scale) : -1;
        }

        String value(String name) {
            return switch (name) {
                case "BPS" -> Long.toString(Math.round(bytes * 8 / (durationNanos / 1e9)));
                case "DURATION" -> String.format(Locale.ROOT, "%02d:%02d:%02d.%09d", durationNanos / 3_600_000_000_000L,
                        durationNanos / 60_000_000_000L % 60, durationNanos / 1_000_000_000L % 60,
                        durationNanos % 1_000_000_000L);
                case "NUMBER_OF_FRAMES" -> Long.toString(frames);
                case "NUMBER_OF_BYTES" -> Long.toString(bytes);
                default -> null;
            };
        }
    }
}
