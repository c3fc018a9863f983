package dev.aigcmark.video.internal.demux;

import dev.aigcmark.core.internal.bmff.Box;
import dev.aigcmark.core.internal.bmff.FourCC;

/**
 * One track of a movie as the demuxer validated it.
 *
 * @param id        the {@code tkhd} track ID
 * @param handler   the {@code hdlr} type ({@code vide}, {@code soun}, {@code text}, {@code sbtl}...)
 * @param timescale ticks per second of the media ({@code mdhd})
 * @param entry     the first sample description
 * @param samples   every sample, moov tables and fragments together, in decode order
 * @param matrix    the 36-byte {@code tkhd} display matrix (rotation), or null
 * @param trak      the track's boxes as parsed (for copying into an output)
 */
public record Track(int id, int handler, long timescale, SampleEntry entry, SampleIndex samples, byte[] matrix,
                    Box trak) {
    public static final int VIDE = FourCC.of("vide");
    public static final int SOUN = FourCC.of("soun");

    public boolean isVideo() {
        return handler == VIDE;
    }

    public boolean isAudio() {
        return handler == SOUN;
    }

    public String handlerName() {
        return FourCC.toString(handler);
    }

    /** Seconds from a tick count of this track. */
    public double seconds(long ticks) {
        return (double) ticks / timescale;
    }

    /** Ticks as microseconds, without overflow for any realistic duration. */
    public long micros(long ticks) {
        return Math.round(ticks * 1_000_000.0 / timescale);
    }

    /** Frames per second from the mean sample duration (0 when unknown). */
    public double meanRate() {
        int n = samples.count();
        long span = samples.endDts() - (n == 0 ? 0 : samples.dts(0));
        return n == 0 || span <= 0 ? 0 : n * (double) timescale / span;
    }

    @Override
    public String toString() {
        return "track " + id + " (" + handlerName() + ", " + entry.formatName() + ", " + samples.count() + " samples)";
    }
}
