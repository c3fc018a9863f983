package dev.aigcmark.video.internal.demux;

import dev.aigcmark.core.internal.bmff.BmffFormatException;
import dev.aigcmark.core.internal.bmff.Box;
import dev.aigcmark.core.internal.bmff.BoxTypes;
import dev.aigcmark.core.internal.bmff.FourCC;

import java.nio.ByteBuffer;
import java.util.Map;

/**
 * Adds the samples of one movie fragment ({@code moof}: {@code traf} with {@code tfhd}, {@code tfdt} and
 * {@code trun} boxes) to the tracks' indexes, resolving each field from the run, the fragment header and the
 * movie's {@code trex} defaults in that order (ISO/IEC 14496-12 §8.8). Every per-sample field count is checked
 * against the bytes of its {@code trun} before the samples are read.
 */
final class FragmentParser {
    private static final int TFDT = FourCC.of("tfdt");
    private static final int TRUN = FourCC.of("trun");

    /** A track's {@code trex}: what a fragment's samples have unless they say otherwise. */
    record Defaults(long duration, long size, int flags) {
        static final Defaults NONE = new Defaults(0, 0, 0);
    }

    private FragmentParser() {
    }

    static void parse(Box moof, long moofOffset, Map<Integer, Defaults> defaults,
                      Map<Integer, SampleIndex.Builder> tracks) throws BmffFormatException {
        long nextData = moofOffset; // where data continues when a traf or trun does not say
        for (Box traf : moof.children(BoxTypes.TRAF)) {
            Box tfhd = traf.child(BoxTypes.TFHD);
            if (tfhd == null || tfhd.isContainer() || tfhd.payload().length < 8) {
                throw new BmffFormatException("traf without a readable tfhd in the moof at " + moofOffset);
            }
            Header h = Header.read(tfhd.payload(), moofOffset, nextData);
            SampleIndex.Builder out = tracks.get(h.trackId);
            if (out == null) {
                continue; // a track the movie does not declare: its data is not ours to index
            }
            Defaults d = defaults.getOrDefault(h.trackId, Defaults.NONE);
            long duration = h.duration >= 0 ? h.duration : d.duration;
            long size = h.size >= 0 ? h.size : d.size;
            int flags = h.flags != null ? h.flags : d.flags;
            long dts = baseDecodeTime(traf, out);
            long data = h.base;
            for (Box trun : traf.children(TRUN)) {
                if (trun.isContainer()) {
                    throw new BmffFormatException("damaged trun in the moof at " + moofOffset);
                }
                Run run = Run.read(trun.payload(), "track " + h.trackId + " trun in the moof at " + moofOffset);
                long at = run.dataOffset != null ? h.base + run.dataOffset : data;
                out.reserve(run.count);
                out.startChunk(h.description);
                ByteBuffer b = run.samples;
                for (long i = 0; i < run.count; i++) {
                    long sDuration = run.has(0x100) ? Integer.toUnsignedLong(b.getInt()) : duration;
                    long sSize = run.has(0x200) ? Integer.toUnsignedLong(b.getInt()) : size;
                    int sFlags = run.has(0x400) ? b.getInt() : i == 0 && run.firstFlags != null ? run.firstFlags : flags;
                    long cto = run.has(0x800) ? b.getInt() : 0; // signed in both versions, as ffmpeg reads it
                    out.add(at, sSize, dts, cto, (sFlags & 0x10000) == 0);
                    at += sSize;
                    dts += sDuration;
                }
                out.endDts(dts);
                data = at;
            }
            nextData = data;
        }
    }

    /** {@code tfdt} when present, else the end of what the track held so far. */
    private static long baseDecodeTime(Box traf, SampleIndex.Builder out) throws BmffFormatException {
        Box tfdt = traf.child(TFDT);
        if (tfdt == null) {
            return out.endDtsSoFar();
        }
        byte[] p = tfdt.isContainer() ? new byte[0] : tfdt.payload();
        if (p.length < 8 || p[0] == 1 && p.length < 12) {
            throw new BmffFormatException("tfdt is shorter than its fields");
        }
        long t = p[0] == 1 ? ByteBuffer.wrap(p).getLong(4) : Integer.toUnsignedLong(ByteBuffer.wrap(p).getInt(4));
        if (t < 0) {
            throw new BmffFormatException("tfdt declares a decode time over 2^63");
        }
        return t;
    }

    /** The fields of a {@code tfhd}; absent optional values are -1 (or null for the flags). */
    private record Header(int trackId, long base, int description, long duration, long size, Integer flags) {
        static Header read(byte[] p, long moofOffset, long implicitBase) throws BmffFormatException {
            ByteBuffer b = ByteBuffer.wrap(p);
            int tf = b.getInt() & 0xFFFFFF;
            int trackId = b.getInt();
            int need = 8 + ((tf & 0x1) != 0 ? 8 : 0) + ((tf & 0x2) != 0 ? 4 : 0) + ((tf & 0x8) != 0 ? 4 : 0)
                    + ((tf & 0x10) != 0 ? 4 : 0) + ((tf & 0x20) != 0 ? 4 : 0);
            if (p.length < need) {
                throw new BmffFormatException("tfhd in the moof at " + moofOffset + " is shorter than its flags say");
            }
            long base = (tf & 0x1) != 0 ? b.getLong() : (tf & 0x20000) != 0 ? moofOffset : implicitBase;
            if (base < 0) {
                throw new BmffFormatException("tfhd base data offset over 2^63");
            }
            int description = (tf & 0x2) != 0 ? b.getInt() : 1;
            long duration = (tf & 0x8) != 0 ? Integer.toUnsignedLong(b.getInt()) : -1;
            long size = (tf & 0x10) != 0 ? Integer.toUnsignedLong(b.getInt()) : -1;
            Integer flags = (tf & 0x20) != 0 ? b.getInt() : null;
            return new Header(trackId, base, description, duration, size, flags);
        }
    }

    /** A {@code trun}: its count, optional data offset and first-sample flags, and the per-sample records. */
    private record Run(int flags, long count, Long dataOffset, Integer firstFlags, ByteBuffer samples) {
        boolean has(int flag) {
            return (flags & flag) != 0;
        }

        static Run read(byte[] p, String where) throws BmffFormatException {
            if (p.length < 8) {
                throw new BmffFormatException(where + " is shorter than its header");
            }
            ByteBuffer b = ByteBuffer.wrap(p);
            int flags = b.getInt() & 0xFFFFFF;
            long count = Integer.toUnsignedLong(b.getInt());
            int fixed = 8 + ((flags & 0x1) != 0 ? 4 : 0) + ((flags & 0x4) != 0 ? 4 : 0);
            int perSample = Integer.bitCount(flags & 0xF00) * 4;
            if (p.length < fixed || perSample > 0 && count > (p.length - fixed) / perSample) {
                throw new BmffFormatException(where + " declares " + count + " samples but holds fewer");
            }
            if (count > SampleIndex.MAX_SAMPLES) {
                throw new BmffFormatException(where + " declares " + count + " samples, over the limit", true);
            }
            Long dataOffset = (flags & 0x1) != 0 ? (long) b.getInt() : null;
            Integer firstFlags = (flags & 0x4) != 0 ? b.getInt() : null;
            return new Run(flags, count, dataOffset, firstFlags, b.slice());
        }
    }
}
