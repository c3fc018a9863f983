package dev.aigcmark.core.internal.bmff;

import java.nio.ByteBuffer;

/**
 * Reads and replaces the chunk layout of one track's {@code stbl}: where each chunk starts ({@code stco} /
 * {@code co64}) and how many bytes it holds ({@code stsc} samples per chunk × {@code stsz} sample sizes).
 * Used to move a track's sample data into another file (copying the audio track after re-encoding video).
 */
public final class SampleTables {
    private SampleTables() {
    }

    /** The chunk offsets of a track. */
    public static long[] chunkOffsets(Box stbl) throws BmffFormatException {
        Box stco = stbl.child(BoxTypes.STCO);
        Box co64 = stbl.child(BoxTypes.CO64);
        if (stco == null && co64 == null) {
            throw new BmffFormatException("track has neither stco nor co64");
        }
        boolean wide = stco == null;
        byte[] p = (wide ? co64 : stco).payload();
        ByteBuffer b = ByteBuffer.wrap(p);
        int count = count(p, wide ? 8 : 4, "chunk offset");
        long[] out = new long[count];
        for (int i = 0; i < count; i++) {
            out[i] = wide ? b.getLong(8 + 8 * i) : Integer.toUnsignedLong(b.getInt(8 + 4 * i));
        }
        return out;
    }

    /** The byte length of each chunk, from {@code stsc} and {@code stsz}. */
    public static long[] chunkSizes(Box stbl, int chunkCount) throws BmffFormatException {
        Box stsc = stbl.child(FourCC.of("stsc"));
        Box stsz = stbl.child(FourCC.of("stsz"));
        if (stsc == null || stsz == null) {
            throw new BmffFormatException("track lacks stsc or stsz (stz2 compact sizes are not supported)");
        }
        byte[] sc = stsc.payload();
        int entries = count(sc, 12, "stsc");
        byte[] sz = stsz.payload();
        if (sz.length < 12) {
            throw new BmffFormatException("stsz is shorter than its header");
        }
        ByteBuffer z = ByteBuffer.wrap(sz);
        long constant = Integer.toUnsignedLong(z.getInt(4));
        long sampleCount = Integer.toUnsignedLong(z.getInt(8));
        if (constant == 0 && sampleCount > (sz.length - 12) / 4) {
            throw new BmffFormatException("stsz declares " + sampleCount + " samples but holds fewer");
        }
        ByteBuffer c = ByteBuffer.wrap(sc);
        long[] sizes = new long[chunkCount];
        long sample = 0;
        for (int e = 0; e < entries; e++) {
            long first = Integer.toUnsignedLong(c.getInt(8 + 12 * e));
            long perChunk = Integer.toUnsignedLong(c.getInt(12 + 12 * e));
            long next = e + 1 < entries ? Integer.toUnsignedLong(c.getInt(8 + 12 * (e + 1))) : chunkCount + 1L;
            if (first < 1 || next < first) {
                throw new BmffFormatException("stsc entries are out of order");
            }
            for (long chunk = first; chunk < next && chunk <= chunkCount; chunk++) {
                long bytes = 0;
                for (long s = 0; s < perChunk; s++, sample++) {
                    if (sample >= sampleCount) {
                        throw new BmffFormatException("stsc maps more samples than stsz has");
                    }
                    bytes += constant != 0 ? constant : Integer.toUnsignedLong(z.getInt(12 + 4 * (int) sample));
                }
                sizes[(int) chunk - 1] = bytes;
            }
        }
        return sizes;
    }

    /** Replaces the chunk offsets with {@code offsets}: a stco when all fit in 32 bits, else a co64. */
    public static void setChunkOffsets(Box stbl, long[] offsets) {
        boolean fits = true;
        for (long o : offsets) {
            fits &= o <= 0xFFFFFFFFL;
        }
        ByteBuffer b = ByteBuffer.allocate(8 + offsets.length * (fits ? 4 : 8));
        b.putInt(0).putInt(offsets.length);
        for (long o : offsets) {
            if (fits) {
                b.putInt((int) o);
            } else {
                b.putLong(o);
            }
        }
        Box table = Box.leaf(fits ? BoxTypes.STCO : BoxTypes.CO64, b.array());
        for (int i = 0; i < stbl.children().size(); i++) {
            int t = stbl.children().get(i).type();
            if (t == BoxTypes.STCO || t == BoxTypes.CO64) {
                stbl.children().set(i, table);
                return;
            }
        }
        stbl.children().add(table);
    }

    private static int count(byte[] p, int entrySize, String what) throws BmffFormatException {
        if (p.length < 8) {
            throw new BmffFormatException(what + " table is shorter than its header");
        }
        long n = Integer.toUnsignedLong(ByteBuffer.wrap(p).getInt(4));
        if (n > (p.length - 8) / entrySize) {
            throw new BmffFormatException(what + " table declares " + n + " entries but holds fewer");
        }
        return (int) n;
    }
}
