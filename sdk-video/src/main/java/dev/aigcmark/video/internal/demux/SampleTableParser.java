package dev.aigcmark.video.internal.demux;

import dev.aigcmark.core.internal.bmff.BmffFormatException;
import dev.aigcmark.core.internal.bmff.Box;
import dev.aigcmark.core.internal.bmff.BoxTypes;
import dev.aigcmark.core.internal.bmff.FourCC;

import java.nio.ByteBuffer;

/**
 * Expands the sample tables of a progressive (non-fragmented) track: sizes ({@code stsz}/{@code stz2}),
 * chunks ({@code stco}/{@code co64}, {@code stsc}), times ({@code stts}, {@code ctts}) and sync samples
 * ({@code stss}). Every declared count is checked against the bytes that hold it before anything is allocated
 * for it, and every loop is bounded by a table that is already in memory. Like ffmpeg, a time table that runs
 * out early repeats its last entry, and samples no chunk holds are dropped.
 */
final class SampleTableParser {
    private static final int STSZ = FourCC.of("stsz");
    private static final int STZ2 = FourCC.of("stz2");
    private static final int STSC = FourCC.of("stsc");
    private static final int STTS = FourCC.of("stts");
    private static final int CTTS = FourCC.of("ctts");
    private static final int STSS = FourCC.of("stss");

    private SampleTableParser() {
    }

    /** Adds the samples of {@code stbl} to {@code out}, chunk by chunk. */
    static void parse(Box stbl, SampleIndex.Builder out, String track) throws BmffFormatException {
        long[] sizes = sizes(stbl, track);
        long[] chunks = chunkOffsets(stbl, track);
        Table stsc = Table.of(stbl.child(STSC), 12, track);
        Table stts = Table.of(stbl.child(STTS), 8, track);
        Table ctts = Table.of(stbl.child(CTTS), 8, track);
        Box stss = stbl.child(STSS);
        Table sync = stss == null ? null : Table.of(stss, 4, track);
        if (stsc == null || stts == null) {
            throw new BmffFormatException(track + " lacks its stsc or stts table");
        }
        out.reserve(sizes.length);

        TimeCursor times = new TimeCursor(stts);
        TimeCursor offsets = ctts == null ? null : new TimeCursor(ctts);
        int sample = 0;
        int entry = 0;
        for (int chunk = 1; chunk <= chunks.length && sample < sizes.length; chunk++) {
            while (entry + 1 < stsc.count && stsc.u32(entry + 1, 0) <= chunk) {
                entry++;
            }
            long first = stsc.u32(entry, 0);
            if (first < 1 || first > chunk) {
                throw new BmffFormatException(track + " stsc entries are out of order or start after chunk 1");
            }
            long perChunk = stsc.u32(entry, 4);
            out.startChunk((int) Math.min(stsc.u32(entry, 8), Integer.MAX_VALUE));
            long at = chunks[chunk - 1];
            for (long s = 0; s < perChunk && sample < sizes.length; s++, sample++) {
                long dts = times.time();
                long cto = offsets == null ? 0 : offsets.value();
                out.add(at, sizes[sample], dts, cto, sync == null);
                at += sizes[sample];
                times.advance();
                if (offsets != null) {
                    offsets.advance();
                }
            }
        }
        out.endDts(times.time());
        if (sync != null) {
            markSync(sync, out);
        }
    }

    private static void markSync(Table stss, SampleIndex.Builder out) {
        for (int i = 0; i < stss.count; i++) {
            long n = stss.u32(i, 0);
            if (n >= 1 && n <= out.count()) {
                out.markSync((int) n - 1);
            }
        }
    }

    private static long[] sizes(Box stbl, String track) throws BmffFormatException {
        Box stsz = stbl.child(STSZ);
        if (stsz != null) {
            byte[] p = payload(stsz, 12, track);
            ByteBuffer b = ByteBuffer.wrap(p);
            long constant = Integer.toUnsignedLong(b.getInt(4));
            long count = Integer.toUnsignedLong(b.getInt(8));
            check(count, track);
            if (constant == 0 && count > (p.length - 12) / 4) {
                throw new BmffFormatException(track + " stsz declares " + count + " sizes but holds "
                        + (p.length - 12) / 4);
            }
            long[] sizes = new long[(int) count];
            for (int i = 0; i < sizes.length; i++) {
                sizes[i] = constant != 0 ? constant : Integer.toUnsignedLong(b.getInt(12 + 4 * i));
            }
            return sizes;
        }
        Box stz2 = stbl.child(STZ2);
        if (stz2 == null) {
            throw new BmffFormatException(track + " has no sample size table (stsz or stz2)");
        }
        byte[] p = payload(stz2, 12, track);
        ByteBuffer b = ByteBuffer.wrap(p);
        int field = p[7] & 0xFF;
        long count = Integer.toUnsignedLong(b.getInt(8));
        check(count, track);
        if (field != 4 && field != 8 && field != 16 || count * field > (p.length - 12L) * 8) {
            throw new BmffFormatException(track + " stz2 has field size " + field + " or fewer entries than declared");
        }
        long[] sizes = new long[(int) count];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = switch (field) {
                case 4 -> (p[12 + i / 2] >> (i % 2 == 0 ? 4 : 0)) & 0xF;
                case 8 -> p[12 + i] & 0xFF;
                default -> b.getShort(12 + 2 * i) & 0xFFFF;
            };
        }
        return sizes;
    }

    private static long[] chunkOffsets(Box stbl, String track) throws BmffFormatException {
        Box stco = stbl.child(BoxTypes.STCO);
        Box co64 = stbl.child(BoxTypes.CO64);
        Table t = stco != null ? Table.of(stco, 4, track) : Table.of(co64, 8, track);
        if (t == null) {
            throw new BmffFormatException(track + " has neither stco nor co64");
        }
        long[] offsets = new long[t.count];
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = stco != null ? t.u32(i, 0) : t.buf.getLong(8 + 8 * i);
        }
        return offsets;
    }

    private static void check(long count, String track) throws BmffFormatException {
        if (count > SampleIndex.MAX_SAMPLES) {
            throw new BmffFormatException(track + " declares " + count + " samples, over the limit of "
                    + SampleIndex.MAX_SAMPLES, true);
        }
    }

    private static byte[] payload(Box box, int minimum, String track) throws BmffFormatException {
        if (box.isContainer() || box.payload().length < minimum) {
            throw new BmffFormatException(track + " " + box.typeName() + " is shorter than its header");
        }
        return box.payload();
    }

    /** A full-box table: version/flags, a 32-bit entry count, then entries of a fixed width. */
    private record Table(ByteBuffer buf, int count, int width, int version) {
        static Table of(Box box, int width, String track) throws BmffFormatException {
            if (box == null) {
                return null;
            }
            byte[] p = payload(box, 8, track);
            long n = Integer.toUnsignedLong(ByteBuffer.wrap(p).getInt(4));
            if (n > (p.length - 8) / width) {
                throw new BmffFormatException(track + " " + box.typeName() + " declares " + n
                        + " entries but holds " + (p.length - 8) / width);
            }
            return new Table(ByteBuffer.wrap(p), (int) n, width, p[0] & 0xFF);
        }

        long u32(int entry, int field) {
            return Integer.toUnsignedLong(buf.getInt(8 + entry * width + field));
        }

        int s32(int entry, int field) {
            return buf.getInt(8 + entry * width + field);
        }
    }

    /**
     * Walks a run-length table of (count, value) pairs sample by sample: {@code stts} as running decode time,
     * {@code ctts} as the current offset (signed, as ffmpeg reads it in both versions). Past the last run the
     * last value repeats.
     */
    private static final class TimeCursor {
        private final Table table;
        private int entry;
        private long leftInEntry;
        private long time;

        TimeCursor(Table table) {
            this.table = table;
            this.leftInEntry = table.count > 0 ? table.u32(0, 0) : 0;
            skipEmpty();
        }

        private void skipEmpty() {
            while (leftInEntry == 0 && entry + 1 < table.count) {
                entry++;
                leftInEntry = table.u32(entry, 0);
            }
        }

        long time() {
            return time;
        }

        long value() {
            return table.count == 0 ? 0 : table.s32(entry, 4);
        }

        void advance() {
            if (table.count > 0) {
                time += table.u32(entry, 4);
            }
            if (leftInEntry > 0) {
                leftInEntry--;
            }
            skipEmpty();
        }
    }
}
