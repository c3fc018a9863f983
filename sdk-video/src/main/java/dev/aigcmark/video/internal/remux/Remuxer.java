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

    /**
     * @param replacedTrackId the original track that was re-encoded (a video track; an audio track when the original
     *                        is progressive)
     * @param labelJson    a GB 45438 label to write into the output's {@code moov}, or null
     */
    public static Result merge(Path original, Path encoded, int replacedTrackId, Path output, String labelJson,
                               ReadLimits limits) throws IOException {
        try (Sources s = new Sources(original, encoded, replacedTrackId, limits);
             AtomicOutput atomic = AtomicOutput.to(output)) {
            Box moov = s.originalMoov();
            Box trak = trak(moov, replacedTrackId);
            boolean audio = s.replaced.isAudio();
            if (audio && s.original.fragmented()) {
                throw new IOException("replacing the audio of a fragmented movie is not supported");
            }
            long o = s.replaced.samples().firstCts();
            long e = s.replacement.samples().firstCts();
            // Fragments may start the new video later (tfdt); a progressive stts always starts at 0.
            long base = s.original.fragmented() ? Math.max(0, o - e) : 0;
            long shift = e + base - o;
            Box stbl = s.encodedStbl();
            Box mdhd = trak.child(BoxTypes.MDIA).child(Boxes.MDHD);
            long mediaDuration = s.replacement.samples().endDts() - s.replacement.samples().dts(0);
            long movieScale = s.original.movieTimescale();
            if (audio) { // the new encoder's priming and the new length (a prompt lengthens audio): its own edits
                EditList.copy(s.encodedTrak(), s.encoded.movieTimescale(), trak, movieScale);
            } else {
                EditList.shift(trak, shift, s.replaced.timescale(), movieScale,
                        Boxes.rescale(mediaDuration, s.replaced.timescale(), movieScale));
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
                if (s.original.fragmented()) {
                    FragmentWriter.emptyTables(moov);
                    Box newStbl = Boxes.stbl(trak);
                    newStbl.children().set(newStbl.children().indexOf(newStbl.child(Boxes.STSD)), stbl.child(Boxes.STSD));
                    finishMoov(moov, trak, labelJson, -1, movieScale, s.replaced.timescale());
                    new FragmentWriter(s, moov, base).write(out, ftyp, kept);
                } else {
                    Boxes.replaceStbl(trak, stbl);
                    Boxes.setMediaDuration(mdhd, mediaDuration);
                    finishMoov(moov, trak, labelJson, mediaDuration, movieScale, s.replaced.timescale());
                    new ProgressiveWriter(s, moov).write(out, ftyp, kept);
                }
                out.force(false);
                result = new Result(s.original.fragmented(), s.original.tracks().size(), s.replacement.samples().count(),
                        shift);
            }
            atomic.commit();
            return result;
        }
    }

    /** Track and movie durations after the video changed, then the label. */
    private static void finishMoov(Box moov, Box trak, String labelJson, long mediaDuration, long movieScale,
                                   long mediaScale) throws BmffFormatException {
        Box tkhd = trak.child(Boxes.TKHD);
        long edits = EditList.totalDuration(trak);
        if (edits >= 0) {
            Boxes.setTrackDuration(tkhd, edits);
        } else if (mediaDuration >= 0) {
            Boxes.setTrackDuration(tkhd, Boxes.rescale(mediaDuration, mediaScale, movieScale));
        }
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
