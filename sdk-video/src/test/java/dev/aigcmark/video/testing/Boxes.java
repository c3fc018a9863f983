package dev.aigcmark.video.testing;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.internal.bmff.Box;
import dev.aigcmark.core.internal.bmff.BoxHeader;
import dev.aigcmark.core.internal.bmff.BoxTypes;
import dev.aigcmark.core.internal.bmff.TopLevel;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Reads back what tests need from a written file: top-level order, chunk offsets. */
public final class Boxes {
    private Boxes() {
    }

    public static List<String> topLevelTypes(MediaInput in) throws IOException {
        return TopLevel.read(in, ReadLimits.defaults()).boxes().stream().map(BoxHeader::typeName).toList();
    }

    public static Box moov(MediaInput in) throws IOException {
        TopLevel top = TopLevel.read(in, ReadLimits.defaults());
        return top.load(top.single(BoxTypes.MOOV), 1L << 30);
    }

    /** Every chunk offset of every track, in track then table order (stco or co64). */
    public static List<Long> chunkOffsets(Box moov) {
        List<Long> offsets = new ArrayList<>();
        for (Box trak : moov.children(BoxTypes.TRAK)) {
            Box stbl = trak.child(BoxTypes.MDIA).child(BoxTypes.MINF).child(BoxTypes.STBL);
            for (Box t : stbl.children()) {
                ByteBuffer b = t.isContainer() ? null : ByteBuffer.wrap(t.payload());
                if (t.type() == BoxTypes.STCO) {
                    for (int i = 0; i < b.getInt(4); i++) {
                        offsets.add(Integer.toUnsignedLong(b.getInt(8 + 4 * i)));
                    }
                } else if (t.type() == BoxTypes.CO64) {
                    for (int i = 0; i < b.getInt(4); i++) {
                        offsets.add(b.getLong(8 + 8 * i));
                    }
                }
            }
        }
        return offsets;
    }
}
