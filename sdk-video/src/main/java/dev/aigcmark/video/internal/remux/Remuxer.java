package dev.aigcmark.video.internal.remux;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.internal.bmff.BmffFormatException;
import dev.aigcmark.core.internal.bmff.Box;
import dev.aigcmark.core.internal.bmff.BoxHeader;
import dev.aigcmark.core.internal.bmff.BoxTypes;
import dev.aigcmark.core.internal.bmff.FourCC;
import dev.aigcmark.core.internal.bmff.TrackHeaders;
import dev.aigcmark.core.internal.io.AtomicOutput;
import dev.aigcmark.video.internal.format.MoovLabels;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Assembles the marked movie from the original and the encoder's single-track MP4, so that only the samples of the
 * re-encoded track (the video, or the audio) change: the original {@code moov} is kept (every other track, its sample tables, edit lists and references,
 * {@code udta} metadata and chapters, the display matrix, the brand, so a MOV stays a MOV) with the marked
 * track's samples and sample description replaced, and its edit list shifted by however much the new encoder
 * delays composition times (an audio track takes the encoder's edit list: its priming and its length). Every other track's samples are copied byte for byte. A progressive original gives a
 * fast-start file with the tracks' chunks interleaved by time; a fragmented one gives fragments again, one per
 * new video keyframe.
 */
public final class Remuxer {
    /** Top-level boxes rebuilt or dropped; everything else (XMP, an older C2PA store, meta) is carried over. */
    static final Set<Integer> REBUILT = Set.of(BoxTypes.FTYP, BoxTypes.MOOV, BoxTypes.MDAT, BoxTypes.FREE,
            BoxTypes.SKIP, BoxTypes.WIDE, BoxTypes.MOOF, BoxTypes.MFRA, FourCC.of("sidx"), FourCC.of("ssix"),
            FourCC.of("styp"), FourCC.of("prft"), FourCC.of("emsg"));

    /** What the output holds. */
    public record Result(boolean fragmented, int tracks, int videoSamples, long compositionShift) {
    }

    private Remuxer() {
    }

    /** One re-encoded track: the original's track {@code trackId} takes the samples of the encoder's file. */
    public record Replacement(int trackId, Path encoded) {
    }

    /**
     * @param replacedTrackId the original track that was re-encoded (a video track; an audio track when the original
     *                        is progressive)
     * @param labelJson    a GB 45438 label to write into the output's {@code moov}, or null
     */
    public static Result merge(Path original, Path encoded, int replacedTrackId, Path output, String labelJson,
                               ReadLimits limits) throws IOException {
        return merge(original, List.of(new Replacement(replacedTrackId, encoded)), output, labelJson, limits);
    }

    /**
     * The same for several re-encoded tracks at once (a movie's sounds), in one pass: each track takes its own
     * encoder's samples, description and edits, every other track is copied as it is. Several tracks, or an audio
     * track, only in a progressive original. The result's composition shift is the first replacement's.
     */
    public static Result merge(Path original, List<Replacement> replacements, Path output, String labelJson,
                               ReadLimits limits) throws IOException {
        try (Sources s = new Sources(original, replacements, limits);
             AtomicOutput atomic = AtomicOutput.to(output)) {
            Box moov = s.originalMoov();
            boolean fragmented = s.original.fragmented();
            if (fragmented && (s.replaced.isAudio() || s.replacements.size() > 1)) {
                throw new IOException("replacing the audio of a fragmented movie is not supported");
            }
            long movieScale = s.original.movieTimescale();
            long o = s.replaced.samples().firstCts();
            long e = s.replacement.samples().firstCts();
            // Fragments may start the new video later (tfdt); a progressive stts always starts at 0.
            long base = fragmented ? Math.max(0, o - e) : 0;
            long shift = e + base - o;
            if (fragmented) {
                FragmentWriter.emptyTables(moov);
            }
            for (Sources.Replacement r : s.replacements) {
                Box trak = trak(moov, r.replaced().id());
                Box encodedTrak = Sources.encodedTrak(r);
                Box stbl = Boxes.stbl(encodedTrak);
                Box mdhd = trak.child(BoxTypes.MDIA).child(Boxes.MDHD);
                long mediaDuration = r.replacement().samples().endDts() - r.replacement().samples().dts(0);
                if (r.replaced().isAudio()) { // the new encoder's priming and the new length (a prompt lengthens audio)
                    EditList.copy(encodedTrak, r.encoded().movieTimescale(), trak, movieScale);
                } else {
                    long trackShift = r.replacement().samples().firstCts() + base - r.replaced().samples().firstCts();
                    EditList.shift(trak, trackShift, r.replaced().timescale(), movieScale,
                            Boxes.rescale(mediaDuration, r.replaced().timescale(), movieScale));
                }
                if (fragmented) {
                    Box newStbl = Boxes.stbl(trak);
                    newStbl.children().set(newStbl.children().indexOf(newStbl.child(Boxes.STSD)),
                            stbl.child(Boxes.STSD));
                } else {
                    Boxes.replaceStbl(trak, stbl);
                    Boxes.setMediaDuration(mdhd, mediaDuration);
                }
                finishTrack(trak, fragmented ? -1 : mediaDuration, movieScale, r.replaced().timescale());
            }
            Result result;
            try (FileChannel out = FileChannel.open(atomic.temp(), StandardOpenOption.WRITE)) {
                List<BoxHeader> kept = new ArrayList<>();
                for (BoxHeader h : s.original.top().boxes()) {
                    if (!REBUILT.contains(h.type())) {
                        kept.add(h);
                    }
                }
                BoxHeader ftyp = s.original.top().boxes().stream().filter(h -> h.type() == BoxTypes.FTYP)
                        .findFirst().orElse(null);
                finishMovie(moov, labelJson);
                if (fragmented) {
                    new FragmentWriter(s, moov, base).write(out, ftyp, kept);
                } else {
                    new ProgressiveWriter(s, moov).write(out, ftyp, kept);
                }
                out.force(false);
                result = new Result(fragmented, s.original.tracks().size(), s.replacement.samples().count(), shift);
            }
            atomic.commit();
            return result;
        }
    }

    /** A replaced track's duration: its edits', else its new media's. */
    private static void finishTrack(Box trak, long mediaDuration, long movieScale, long mediaScale)
            throws BmffFormatException {
        Box tkhd = trak.child(Boxes.TKHD);
        long edits = EditList.totalDuration(trak);
        if (edits >= 0) {
            Boxes.setTrackDuration(tkhd, edits);
        } else if (mediaDuration >= 0) {
            Boxes.setTrackDuration(tkhd, Boxes.rescale(mediaDuration, mediaScale, movieScale));
        }
    }

    /** The movie's duration after its tracks changed, then the label. */
    private static void finishMovie(Box moov, String labelJson) throws BmffFormatException {
        Box mvhd = moov.child(Boxes.MVHD);
        long movie = TrackHeaders.movieDuration(mvhd);
        for (Box t : moov.children(BoxTypes.TRAK)) {
            Box h = t.child(Boxes.TKHD);
            if (h != null && !h.isContainer()) {
                movie = Math.max(movie, Boxes.trackDuration(h));
            }
        }
        TrackHeaders.setMovieDuration(mvhd, movie);
        if (labelJson != null) {
            MoovLabels.write(moov, labelJson);
        }
    }

    static Box trak(Box moov, int id) throws BmffFormatException {
        for (Box t : moov.children(BoxTypes.TRAK)) {
            if (Boxes.trackId(t) == id) {
                return t;
            }
        }
        throw new BmffFormatException("no track " + id + " in moov");
    }
}
