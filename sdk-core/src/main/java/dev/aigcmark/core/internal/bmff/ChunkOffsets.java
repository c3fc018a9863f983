package dev.aigcmark.core.internal.bmff;

import java.nio.ByteBuffer;

/**
 * Rewrites the absolute sample-data offsets in a {@code moov} tree ({@code stco} 32-bit, {@code co64}
 * 64-bit chunk offsets) through an {@link OffsetMap}. A {@code stco} whose new offsets no longer fit in 32
 * bits becomes a {@code co64}, which grows {@code moov}: callers iterate until its size is stable.
 */
public final class ChunkOffsets {
    private ChunkOffsets() {
    }

    /** Applies {@code map} to every chunk offset under {@code moov}; returns how many tables were promoted to co64. */
    public static int remap(Box moov, OffsetMap map) throws BmffFormatException {
        int promoted = 0;
        for (Box trak : moov.children(BoxTypes.TRAK)) {
            Box stbl = descend(trak, BoxTypes.MDIA, BoxTypes.MINF, BoxTypes.STBL);
            if (stbl == null) {
                continue; // a track without sample table has no sample data to move
            }
            for (int i = 0; i < stbl.children().size(); i++) {
                Box table = stbl.children().get(i);
                if (table.type() == BoxTypes.STCO) {
                    Box replaced = remapStco(table, map);
                    if (replaced != table) {
                        stbl.children().set(i, replaced);
                        promoted++;
                    }
                } else if (table.type() == BoxTypes.CO64) {
                    remapCo64(table, map);
                }
            }
        }
        return promoted;
    }

    private static Box descend(Box from, int... path) throws BmffFormatException {
        Box b = from;
        for (int type : path) {
            b = b.child(type);
            if (b == null) {
                return null;
            }
            if (b.isUnparsedContainer()) {
                throw new BmffFormatException(b.typeName() + " inside a trak is damaged: its chunk offsets cannot be updated");
            }
        }
        return b;
    }

    private static Box remapStco(Box stco, OffsetMap map) throws BmffFormatException {
        byte[] p = stco.payload();
        int count = entryCount(stco, p, 4);
        ByteBuffer in = ByteBuffer.wrap(p);
        long[] moved = new long[count];
        boolean fits = true;
        for (int i = 0; i < count; i++) {
            moved[i] = map.map(Integer.toUnsignedLong(in.getInt(8 + 4 * i)));
            fits &= moved[i] <= 0xFFFFFFFFL;
        }
        if (fits) {
            ByteBuffer out = ByteBuffer.wrap(p);
            for (int i = 0; i < count; i++) {
                out.putInt(8 + 4 * i, (int) moved[i]);
            }
            return stco;
        }
        ByteBuffer co64 = ByteBuffer.allocate(8 + 8 * count);
        co64.put(p, 0, 8); // version, flags, entry count
        for (long m : moved) {
            co64.putLong(m);
        }
        return Box.leaf(BoxTypes.CO64, co64.array());
    }

    private static void remapCo64(Box co64, OffsetMap map) throws BmffFormatException {
        byte[] p = co64.payload();
        int count = entryCount(co64, p, 8);
        ByteBuffer buf = ByteBuffer.wrap(p);
        for (int i = 0; i < count; i++) {
            buf.putLong(8 + 8 * i, map.map(buf.getLong(8 + 8 * i)));
        }
    }

    private static int entryCount(Box table, byte[] p, int entrySize) throws BmffFormatException {
        if (p.length < 8) {
            throw new BmffFormatException(table.typeName() + " is shorter than its header");
        }
        long count = Integer.toUnsignedLong(ByteBuffer.wrap(p).getInt(4));
        if (count > (p.length - 8) / entrySize) {
            throw new BmffFormatException(table.typeName() + " declares " + count + " entries but holds only "
                    + (p.length - 8) / entrySize);
        }
        return (int) count;
    }
}
