package dev.aigcmark.video.pipeline;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.bmff.BmffFormatException;
import dev.aigcmark.core.bmff.Box;
import dev.aigcmark.core.bmff.BoxHeader;
import dev.aigcmark.core.bmff.BoxTypes;
import dev.aigcmark.core.bmff.FourCC;
import dev.aigcmark.core.bmff.TopLevel;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Map;

/**
 * What jcodec's demuxer trusts blindly, checked with our bounded reader before it opens a file: it reads
 * {@code moov} whole into a buffer of the size its header claims, and allocates each sample table as an array
 * of the entry count the table declares. A hostile size or count (found by the cross-format hostile-input
 * suite: {@code stsz} count 0x7FFFFFF0 asked for 8 GB) is then an IOException, not an OutOfMemoryError. And
 * its box parser loops for ever on a child box declaring fewer than 8 bytes (it steps back by the negative
 * body size and re-reads the same header, growing a list until the heap is gone: a flipped bit in an
 * {@code mvhd} size was enough), so the boxes it walks must tile their parents exactly.
 */
final class JcodecPreflight {
    /** Bytes per entry of the sample tables jcodec allocates by count (after version/flags and the count). */
    private static final Map<Integer, Integer> ENTRY_BYTES = Map.of(
            FourCC.of("stts"), 8, FourCC.of("ctts"), 8, FourCC.of("stsc"), 12, FourCC.of("stss"), 4,
            FourCC.of("stco"), 4, FourCC.of("co64"), 8);

    private JcodecPreflight() {
    }

    static void check(Path file) throws IOException {
        ReadLimits limits = ReadLimits.defaults();
        try (MediaInput input = MediaInput.of(file)) {
            TopLevel top = TopLevel.read(input, limits); // every top-level box fits in the file
            BoxHeader moov = top.single(BoxTypes.MOOV);
            if (moov == null) {
                throw new BmffFormatException("no moov box");
            }
            byte[] bytes = input.readFully(moov.offset(), (int) Math.min(moov.size(), limits.maxInMemoryBytes()));
            checkTiling(bytes, moov.headerLength(), bytes.length, "moov", 0);
            checkTables(top.load(moov, limits.maxInMemoryBytes()));
        }
    }

    /** Boxes jcodec parses as lists of child boxes, and the bytes before their first child. */
    private static final Map<String, Integer> NODES = Map.ofEntries(Map.entry("moov", 0), Map.entry("trak", 0),
            Map.entry("mdia", 0), Map.entry("minf", 0), Map.entry("stbl", 0), Map.entry("dinf", 0),
            Map.entry("edts", 0), Map.entry("udta", 0), Map.entry("mvex", 0), Map.entry("tref", 0),
            Map.entry("stsd", 8), Map.entry("dref", 8), Map.entry("avc1", 78), Map.entry("avc3", 78),
            Map.entry("hvc1", 78), Map.entry("hev1", 78), Map.entry("mp4v", 78), Map.entry("mp4a", 28));

    private static void checkTiling(byte[] b, int from, int to, String parent, int depth) throws BmffFormatException {
        if (depth > 16) {
            throw new BmffFormatException("boxes nested deeper than 16 in " + parent);
        }
        int p = from;
        while (to - p >= 8) {
            long size = Integer.toUnsignedLong(ByteBuffer.wrap(b, p, 4).getInt());
            int header = 8;
            if (size == 1 && to - p >= 16) {
                size = ByteBuffer.wrap(b, p + 8, 8).getLong();
                header = 16;
            } else if (size == 0) {
                if (allZero(b, p, to)) {
                    return; // zero padding, which jcodec skips
                }
                size = to - p; // the last box, running to the end of its parent
            }
            String type = new String(b, p + 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
            if (size < header || size > to - p) {
                throw new BmffFormatException("box '" + type.replaceAll("[^ -~]", "?") + "' in " + parent
                        + " declares " + size + " bytes, which does not fit");
            }
            Integer prefix = NODES.get(type);
            if (prefix != null && header + prefix <= size) {
                checkTiling(b, p + header + prefix, p + (int) size, type, depth + 1);
            }
            p += (int) size;
        }
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static void checkTables(Box box) throws BmffFormatException {
        if (box.isContainer()) {
            for (Box child : box.children()) {
                checkTables(child);
            }
            return;
        }
        byte[] p = box.payload();
        if (box.type() == FourCC.of("stsz")) {
            // sample size, count: an array of count sizes only when the size is 0 (not constant).
            if (p.length < 12 || ByteBuffer.wrap(p).getInt(4) == 0 && entries(p, 8) > (p.length - 12) / 4) {
                throw tooMany(box);
            }
            return;
        }
        Integer width = ENTRY_BYTES.get(box.type());
        if (width != null && (p.length < 8 || entries(p, 4) > (p.length - 8) / width)) {
            throw tooMany(box);
        }
    }

    private static long entries(byte[] p, int at) {
        return Integer.toUnsignedLong(ByteBuffer.wrap(p).getInt(at));
    }

    private static BmffFormatException tooMany(Box box) {
        return new BmffFormatException(box.typeName() + " table declares more entries than it holds");
    }
}
