package dev.aigcmark.core.internal.bmff;

import java.nio.ByteBuffer;
import java.util.Arrays;

/** Fields of {@code mvhd}, {@code tkhd}, {@code elst} and {@code hdlr} needed to move a track between movies. */
public final class TrackHeaders {
    private TrackHeaders() {
    }

    /** The handler type of a trak ({@code vide}, {@code soun}...), or 0. */
    public static int handler(Box trak) {
        Box mdia = trak.child(BoxTypes.MDIA);
        Box hdlr = mdia == null ? null : mdia.child(BoxTypes.HDLR);
        if (hdlr == null || hdlr.isContainer() || hdlr.payload().length < 12) {
            return 0;
        }
        return ByteBuffer.wrap(hdlr.payload()).getInt(8);
    }

    public static long movieTimescale(Box mvhd) {
        byte[] p = mvhd.payload();
        return Integer.toUnsignedLong(ByteBuffer.wrap(p).getInt(p[0] == 1 ? 20 : 12));
    }

    public static long movieDuration(Box mvhd) {
        byte[] p = mvhd.payload();
        ByteBuffer b = ByteBuffer.wrap(p);
        return p[0] == 1 ? b.getLong(24) : Integer.toUnsignedLong(b.getInt(16));
    }

    public static void setMovieDuration(Box mvhd, long duration) {
        byte[] p = mvhd.payload();
        ByteBuffer b = ByteBuffer.wrap(p);
        if (p[0] == 1) {
            b.putLong(24, duration);
        } else {
            b.putInt(16, (int) Math.min(duration, 0xFFFFFFFFL));
        }
    }

    /** mvhd ends with next_track_ID. */
    public static void setNextTrackId(Box mvhd, int next) {
        byte[] p = mvhd.payload();
        ByteBuffer.wrap(p).putInt(p.length - 4, next);
    }

    public static int trackId(Box tkhd) {
        byte[] p = tkhd.payload();
        return ByteBuffer.wrap(p).getInt(p[0] == 1 ? 20 : 12);
    }

    public static void setTrackId(Box tkhd, int id) {
        byte[] p = tkhd.payload();
        ByteBuffer.wrap(p).putInt(p[0] == 1 ? 20 : 12, id);
    }

    /** The 3x3 display matrix of a tkhd (rotation, flips): 36 bytes after layer, group and volume. */
    public static byte[] matrix(Box tkhd) {
        byte[] p = tkhd.payload();
        int at = p[0] == 1 ? 52 : 40;
        return p.length >= at + 36 ? Arrays.copyOfRange(p, at, at + 36) : null;
    }

    public static void setMatrix(Box tkhd, byte[] matrix) {
        byte[] p = tkhd.payload();
        int at = p[0] == 1 ? 52 : 40;
        if (matrix != null && matrix.length == 36 && p.length >= at + 36) {
            System.arraycopy(matrix, 0, p, at, 36);
        }
    }

    /**
     * Copies creation and modification time from one {@code mvhd}, {@code tkhd} or {@code mdhd} to another of
     * the same type (all three start: version, flags, then the two times in 32 or 64 bits by version).
     */
    public static void copyTimes(Box from, Box to) {
        if (from == null || to == null || from.isContainer() || to.isContainer()) {
            return;
        }
        byte[] f = from.payload();
        byte[] t = to.payload();
        if (f.length < 20 || t.length < 20) {
            return;
        }
        ByteBuffer fb = ByteBuffer.wrap(f);
        ByteBuffer tb = ByteBuffer.wrap(t);
        for (int i = 0; i < 2; i++) {
            long time = f[0] == 1 ? fb.getLong(4 + 8 * i) : Integer.toUnsignedLong(fb.getInt(4 + 4 * i));
            if (t[0] == 1) {
                tb.putLong(4 + 8 * i, time);
            } else {
                tb.putInt(4 + 4 * i, (int) Math.min(time, 0xFFFFFFFFL));
            }
        }
    }

    /** Rescales the movie-timescale durations of a trak (tkhd duration, edit list segment durations). */
    public static long rescaleTrack(Box trak, long fromScale, long toScale) {
        Box tkhd = trak.child(FourCC.of("tkhd"));
        long duration = 0;
        if (tkhd != null) {
            byte[] p = tkhd.payload();
            ByteBuffer b = ByteBuffer.wrap(p);
            if (p[0] == 1) {
                duration = rescale(b.getLong(28), fromScale, toScale);
                b.putLong(28, duration);
            } else {
                duration = rescale(Integer.toUnsignedLong(b.getInt(20)), fromScale, toScale);
                b.putInt(20, (int) Math.min(duration, 0xFFFFFFFFL));
            }
        }
        Box edts = trak.child(FourCC.of("edts"));
        Box elst = edts == null ? null : edts.child(FourCC.of("elst"));
        if (elst != null && !elst.isContainer() && elst.payload().length >= 8) {
            byte[] p = elst.payload();
            ByteBuffer b = ByteBuffer.wrap(p);
            boolean v1 = p[0] == 1;
            int entry = v1 ? 20 : 12;
            long n = Math.min(Integer.toUnsignedLong(b.getInt(4)), (p.length - 8) / entry);
            for (int i = 0; i < n; i++) {
                int at = 8 + i * entry;
                if (v1) {
                    b.putLong(at, rescale(b.getLong(at), fromScale, toScale));
                } else {
                    b.putInt(at, (int) Math.min(rescale(Integer.toUnsignedLong(b.getInt(at)), fromScale, toScale), 0xFFFFFFFFL));
                }
            }
        }
        return duration;
    }

    private static long rescale(long value, long from, long to) {
        return from == to || from == 0 ? value : Math.round((double) value * to / from);
    }
}
