package dev.aigcmark.core.internal.bmff;

import java.nio.ByteBuffer;

/**
 * Replaces the chunk layout of one track's {@code stbl}: where each chunk starts ({@code stco} / {@code co64}).
 * Used to move a track's sample data into another file (copying the audio track after re-encoding video). A
 * track's tables are read by the demuxer's {@code SampleTableParser}, which bounds every count by the bytes that
 * hold it (an unused reader here summed {@code stsc} × {@code stsz} in a loop a constant-size {@code stsz}'s sample
 * count alone bounded, up to 2^32 steps: removed).
 */
public final class SampleTables {
    private SampleTables() {
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
}
