package dev.aigcmark.video.internal.demux;

import dev.aigcmark.core.internal.bmff.BmffFormatException;
import dev.aigcmark.core.internal.bmff.Box;
import dev.aigcmark.core.internal.bmff.BoxBudget;
import dev.aigcmark.core.internal.bmff.FourCC;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * The first sample description of a track ({@code stsd}): its format ({@code avc1}, {@code mp4a}...) and, for
 * video, the coded size and the child boxes after the 78 bytes of a visual sample entry (the decoder
 * configuration {@code avcC}/{@code hvcC}/{@code vpcC}/{@code av1C}, {@code colr}, {@code pasp}...).
 *
 * @param box the whole entry as it appears in the file (copied into an output unchanged)
 */
public record SampleEntry(int format, int width, int height, List<Box> children, Box box) {
    /** Bytes of a VisualSampleEntry before its child boxes (ISO/IEC 14496-12 §12.1.3). */
    static final int VISUAL_FIELDS = 78;

    public String formatName() {
        return FourCC.toString(format);
    }

    /** The payload of the child box {@code type} ({@code avcC}...), or null. */
    public byte[] child(int type) {
        for (Box b : children) {
            if (b.type() == type && !b.isContainer()) {
                return b.payload();
            }
        }
        return null;
    }

    public VideoCodec videoCodec() {
        return VideoCodec.of(format);
    }

    /** The decoder configuration record of a known video codec, or null. */
    public byte[] decoderConfig() {
        VideoCodec c = videoCodec();
        return c == VideoCodec.OTHER ? null : child(c.configBox());
    }

    /** Reads the first entry of {@code stsd}; {@code visual} parses the video fields and child boxes. */
    static SampleEntry read(Box stsd, boolean visual, BoxBudget budget, String track) throws BmffFormatException {
        if (stsd == null || stsd.isContainer() || stsd.payload().length < 16) {
            throw new BmffFormatException(track + " has no readable sample description (stsd)");
        }
        byte[] p = stsd.payload();
        long count = Integer.toUnsignedLong(ByteBuffer.wrap(p).getInt(4));
        if (count < 1) {
            throw new BmffFormatException(track + " stsd holds no sample description");
        }
        List<Box> entries = Box.parseAll(p, 8, p.length - 8, 1, budget);
        if (entries.isEmpty()) {
            throw new BmffFormatException(track + " stsd holds no sample description");
        }
        Box entry = entries.get(0);
        if (!visual) {
            return new SampleEntry(entry.type(), 0, 0, List.of(), entry);
        }
        byte[] e = entry.isContainer() ? entry.toBytes() : entry.payload();
        if (entry.isContainer() || e.length < VISUAL_FIELDS) {
            throw new BmffFormatException(track + " " + entry.typeName() + " is shorter than a visual sample entry");
        }
        ByteBuffer b = ByteBuffer.wrap(e);
        int width = b.getShort(24) & 0xFFFF;
        int height = b.getShort(26) & 0xFFFF;
        // QuickTime writers may pad the entry with a few zero bytes after its last child: parse the boxes that tile.
        int end = VISUAL_FIELDS;
        while (e.length - end >= 8) {
            long size = Integer.toUnsignedLong(ByteBuffer.wrap(e, end, 4).getInt());
            if (size < 8 || size > e.length - end) {
                break;
            }
            end += (int) size;
        }
        List<Box> children = Box.parseAll(e, VISUAL_FIELDS, end - VISUAL_FIELDS, 2, budget);
        return new SampleEntry(entry.type(), width, height, List.copyOf(children), entry);
    }
}
