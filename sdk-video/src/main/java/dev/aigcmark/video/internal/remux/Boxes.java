package dev.aigcmark.video.internal.remux;

import dev.aigcmark.core.internal.bmff.BmffFormatException;
import dev.aigcmark.core.internal.bmff.Box;
import dev.aigcmark.core.internal.bmff.BoxTypes;
import dev.aigcmark.core.internal.bmff.FourCC;
import dev.aigcmark.core.internal.bmff.TrackHeaders;

import java.nio.ByteBuffer;

/** Reading and setting the few header fields the remuxer changes ({@code mdhd}, {@code tkhd}, {@code mvhd} durations). */
final class Boxes {
    static final int TKHD = FourCC.of("tkhd");
    static final int MDHD = FourCC.of("mdhd");
    static final int MVHD = FourCC.of("mvhd");
    static final int STSD = FourCC.of("stsd");

    private Boxes() {
    }

    static int trackId(Box trak) {
        Box tkhd = trak.child(TKHD);
        return tkhd == null ? -1 : TrackHeaders.trackId(tkhd);
    }

    static Box stbl(Box trak) throws BmffFormatException {
        Box mdia = trak.child(BoxTypes.MDIA);
        Box minf = mdia == null ? null : mdia.child(BoxTypes.MINF);
        Box stbl = minf == null ? null : minf.child(BoxTypes.STBL);
        if (stbl == null || !stbl.isContainer()) {
            throw new BmffFormatException("track " + trackId(trak) + " has no sample table");
        }
        return stbl;
    }

    static void replaceStbl(Box trak, Box stbl) throws BmffFormatException {
        Box minf = trak.child(BoxTypes.MDIA).child(BoxTypes.MINF);
        minf.children().set(minf.children().indexOf(stbl(trak)), stbl);
    }

    /** The media duration of a {@code mdhd} in its own timescale. */
    static long mediaDuration(Box mdhd) {
        byte[] p = mdhd.payload();
        ByteBuffer b = ByteBuffer.wrap(p);
        return p[0] == 1 ? b.getLong(24) : Integer.toUnsignedLong(b.getInt(16));
    }

    static void setMediaDuration(Box mdhd, long duration) {
        setDuration(mdhd.payload(), duration, 24, 16);
    }

    static long trackDuration(Box tkhd) {
        byte[] p = tkhd.payload();
        ByteBuffer b = ByteBuffer.wrap(p);
        return p[0] == 1 ? b.getLong(28) : Integer.toUnsignedLong(b.getInt(20));
    }

    static void setTrackDuration(Box tkhd, long duration) {
        setDuration(tkhd.payload(), duration, 28, 20);
    }

    private static void setDuration(byte[] p, long duration, int v1At, int v0At) {
        ByteBuffer b = ByteBuffer.wrap(p);
        if (p[0] == 1) {
            b.putLong(v1At, duration);
        } else {
            b.putInt(v0At, (int) Math.min(duration, 0xFFFFFFFFL));
        }
    }

    static long rescale(long value, long from, long to) {
        return from == to ? value : Math.round((double) value * to / from);
    }
}
