package dev.aigcmark.video.pipeline;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.video.bmff.BmffFormatException;
import dev.aigcmark.video.bmff.Box;
import dev.aigcmark.video.bmff.BoxHeader;
import dev.aigcmark.video.bmff.BoxTypes;
import dev.aigcmark.video.bmff.FourCC;
import dev.aigcmark.video.bmff.TopLevel;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Map;

/**
 * What jcodec's demuxer trusts blindly, checked with our bounded reader before it opens a file: it reads
 * {@code moov} whole into a buffer of the size its header claims, and allocates each sample table as an array
 * of the entry count the table declares. A hostile size or count (found by the cross-format hostile-input
 * suite: {@code stsz} count 0x7FFFFFF0 asked for 8 GB) is then an IOException, not an OutOfMemoryError.
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
            checkTables(top.load(moov, limits.maxInMemoryBytes()));
        }
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
