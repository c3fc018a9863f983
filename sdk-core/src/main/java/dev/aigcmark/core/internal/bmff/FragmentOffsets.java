package dev.aigcmark.core.internal.bmff;

import java.nio.ByteBuffer;

/**
 * The absolute offsets fragmented files keep outside {@code moov}: an explicit {@code base_data_offset} in
 * {@code moof/traf/tfhd} (flag 0x000001) and the {@code moof} offsets in {@code mfra/tfra}. Offsets relative
 * to a {@code moof} (default-base-is-moof, trun data offsets, sidx) move with their box and need nothing.
 */
public final class FragmentOffsets {
    private FragmentOffsets() {
    }

    /** Remaps the explicit base data offsets in one {@code moof}. */
    public static void remapMoof(Box moof, OffsetMap map) throws BmffFormatException {
        for (Box traf : moof.children(BoxTypes.TRAF)) {
            Box tfhd = traf.child(BoxTypes.TFHD);
            if (tfhd == null || tfhd.isContainer()) {
                continue;
            }
            byte[] p = tfhd.payload();
            if (p.length < 8) {
                throw new BmffFormatException("tfhd is shorter than its header");
            }
            ByteBuffer buf = ByteBuffer.wrap(p);
            int flags = buf.getInt(0) & 0xFFFFFF;
            if ((flags & 0x000001) != 0) {
                if (p.length < 16) {
                    throw new BmffFormatException("tfhd announces a base data offset it does not hold");
                }
                buf.putLong(8, map.map(buf.getLong(8)));
            }
        }
    }

    /** Remaps the {@code moof} offsets in every {@code tfra} of an {@code mfra}. */
    public static void remapMfra(Box mfra, OffsetMap map) throws BmffFormatException {
        for (Box tfra : mfra.children(BoxTypes.TFRA)) {
            byte[] p = tfra.payload();
            if (p.length < 16) {
                throw new BmffFormatException("tfra is shorter than its header");
            }
            ByteBuffer buf = ByteBuffer.wrap(p);
            int version = p[0] & 0xFF;
            int sizes = buf.getInt(8);
            int trailing = ((sizes >>> 4) & 3) + 1 + ((sizes >>> 2) & 3) + 1 + (sizes & 3) + 1;
            long count = Integer.toUnsignedLong(buf.getInt(12));
            int timeAndOffset = version == 1 ? 16 : 8;
            int entry = timeAndOffset + trailing;
            if (count > (p.length - 16) / entry) {
                throw new BmffFormatException("tfra declares " + count + " entries but holds fewer");
            }
            for (int i = 0; i < count; i++) {
                int at = 16 + i * entry + timeAndOffset / 2;
                if (version == 1) {
                    buf.putLong(at, map.map(buf.getLong(at)));
                } else {
                    long moved = map.map(Integer.toUnsignedLong(buf.getInt(at)));
                    if (moved > 0xFFFFFFFFL) {
                        throw new BmffFormatException("a tfra v0 moof offset no longer fits in 32 bits");
                    }
                    buf.putInt(at, (int) moved);
                }
            }
        }
    }
}
