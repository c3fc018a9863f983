package dev.aigcmark.video.internal.remux;

import dev.aigcmark.core.internal.bmff.Box;
import dev.aigcmark.core.internal.bmff.FourCC;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A track's edit list ({@code edts/elst}): which media times are presented when. Re-encoding moves a video track's
 * composition times by a constant (the new encoder's reordering delay differs from the old one's); shifting every
 * edit's media time by the same constant presents exactly the frames the original presented, at the same times.
 */
final class EditList {
    private static final int EDTS = FourCC.of("edts");
    private static final int ELST = FourCC.of("elst");
    private static final int TKHD = FourCC.of("tkhd");

    /** One edit: {@code duration} in the movie timescale; {@code mediaTime} -1 for an empty edit (a pause). */
    record Edit(long duration, long mediaTime, int rate) {
    }

    private EditList() {
    }

    /** The edits of {@code trak}, or null when it has no (readable) edit list. */
    static List<Edit> read(Box trak) {
        Box edts = trak.child(EDTS);
        Box elst = edts == null ? null : edts.child(ELST);
        if (elst == null || elst.isContainer() || elst.payload().length < 8) {
            return null;
        }
        byte[] p = elst.payload();
        ByteBuffer b = ByteBuffer.wrap(p);
        boolean v1 = p[0] == 1;
        int size = v1 ? 20 : 12;
        long n = Math.min(Integer.toUnsignedLong(b.getInt(4)), (p.length - 8) / size);
        List<Edit> edits = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int at = 8 + i * size;
            long duration = v1 ? b.getLong(at) : Integer.toUnsignedLong(b.getInt(at));
            long media = v1 ? b.getLong(at + 8) : b.getInt(at + 4);
            edits.add(new Edit(duration, media, b.getInt(at + size - 4)));
        }
        return edits;
    }

    /**
     * Shifts the media times of {@code trak}'s edits by {@code shift} media ticks. A track without an edit list
     * presents from media time 0 for {@code presentedMovieTicks}; it gets one only when the shift is not 0. An edit
     * that would start before media time 0 becomes a pause of the missing time followed by the media from 0.
     */
    static void shift(Box trak, long shift, long mediaTimescale, long movieTimescale, long presentedMovieTicks) {
        List<Edit> edits = read(trak);
        if (shift == 0) {
            return;
        }
        if (edits == null) {
            edits = List.of(new Edit(presentedMovieTicks, 0, 0x10000));
        }
        List<Edit> out = new ArrayList<>();
        for (Edit e : edits) {
            if (e.mediaTime() < 0) {
                out.add(e);
                continue;
            }
            long m = e.mediaTime() + shift;
            if (m < 0) {
                long pause = Math.min(e.duration(), Math.round((double) -m * movieTimescale / mediaTimescale));
                out.add(new Edit(pause, -1, 0x10000));
                out.add(new Edit(e.duration() - pause, 0, e.rate()));
            } else {
                out.add(new Edit(e.duration(), m, e.rate()));
            }
        }
        write(trak, out);
    }

    /**
     * Gives {@code to} the edits of {@code from} (durations rescaled from {@code fromMovieScale} to
     * {@code toMovieScale}; media times are in the media timescale both tracks share), or no edit list when
     * {@code from} has none.
     */
    static void copy(Box from, long fromMovieScale, Box to, long toMovieScale) {
        List<Edit> edits = read(from);
        if (edits == null) {
            to.children().removeIf(c -> c.type() == EDTS);
            return;
        }
        write(to, edits.stream().map(e -> new Edit(Boxes.rescale(e.duration(), fromMovieScale, toMovieScale),
                e.mediaTime(), e.rate())).toList());
    }

    private static void write(Box trak, List<Edit> edits) {
        boolean wide = edits.stream().anyMatch(e -> e.duration() > 0xFFFFFFFFL
                || e.mediaTime() > Integer.MAX_VALUE || e.mediaTime() < -1);
        ByteBuffer b = ByteBuffer.allocate(8 + edits.size() * (wide ? 20 : 12));
        b.putInt(wide ? 0x01000000 : 0).putInt(edits.size());
        for (Edit e : edits) {
            if (wide) {
                b.putLong(e.duration()).putLong(e.mediaTime());
            } else {
                b.putInt((int) e.duration()).putInt((int) e.mediaTime());
            }
            b.putInt(e.rate());
        }
        Box elst = Box.leaf(ELST, b.array());
        Box edts = trak.child(EDTS);
        if (edts == null || !edts.isContainer()) {
            trak.children().removeIf(c -> c.type() == EDTS);
            int after = trak.children().indexOf(trak.child(TKHD));
            trak.children().add(after + 1, Box.container(EDTS, new byte[0], List.of(elst)));
        } else {
            edts.children().removeIf(c -> c.type() == ELST);
            edts.children().add(elst);
        }
    }

    /** The presentation length the edits describe, in the movie timescale. */
    static long totalDuration(Box trak) {
        List<Edit> edits = read(trak);
        return edits == null ? -1 : edits.stream().mapToLong(Edit::duration).sum();
    }
}
