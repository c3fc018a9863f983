package dev.aigcmark.image.internal.container;

import dev.aigcmark.core.spi.ContentDigest;

import java.util.HashSet;
import java.util.Set;

/**
 * The content digest of a TIFF ({@code tiff.1}): for every page of the main IFD chain, the tags that say how
 * to decode the pixels (size, samples, compression, photometric, colour map, tiling, JPEG tables...) as numbers,
 * and the bytes of its strips or tiles in order. Offsets are not covered (a rewriter may move data and IFDs),
 * nor any other tag: XMP, EXIF, IPTC, ICC, descriptions, dates and orientation are metadata.
 */
public final class TiffContent {
    /** The tags that decide the decoded pixels, in ascending order. */
    private static final int[] PIXEL_TAGS = {254, 255, 256, 257, 258, 259, 262, 266, 277, 278, 284, 317, 320,
            322, 323, 338, 339, 347, 529, 530, 531, 532};
    private static final int STRIP_OFFSETS = 273;
    private static final int STRIP_BYTE_COUNTS = 279;
    private static final int TILE_OFFSETS = 324;
    private static final int TILE_BYTE_COUNTS = 325;
    /** Values per tag: a 16-bit colour map has 196,608; a strip table this long means a 4-million-row image. */
    private static final int MAX_VALUES = 1 << 22;

    private TiffContent() {
    }

    public static ContentDigest digest(TiffStructure t, int maxPages) throws TiffStructure.MalformedException {
        ContentDigest.Builder d = ContentDigest.builder("tiff.1");
        Set<Long> seen = new HashSet<>();
        long dataBytes = 0;
        for (long at = t.firstIfdOffset(); at != 0; ) {
            if (!seen.add(at) || seen.size() > maxPages) {
                throw new TiffStructure.MalformedException("the IFD chain loops or has more than " + maxPages + " pages");
            }
            TiffStructure.Ifd ifd = t.ifd(at);
            d.number("PAGE", seen.size());
            for (int tag : PIXEL_TAGS) {
                var e = ifd.entry(tag);
                if (e.isPresent()) {
                    d.number("TAG", tag);
                    tagValue(t, e.get(), d);
                }
            }
            boolean tiled = ifd.entry(TILE_OFFSETS).isPresent();
            long[] offsets = numbers(t, ifd, tiled ? TILE_OFFSETS : STRIP_OFFSETS);
            long[] counts = numbers(t, ifd, tiled ? TILE_BYTE_COUNTS : STRIP_BYTE_COUNTS);
            if (offsets.length != counts.length) {
                throw new TiffStructure.MalformedException("IFD at " + at + " has " + offsets.length + " data offsets but "
                        + counts.length + " byte counts");
            }
            for (int i = 0; i < offsets.length; i++) {
                if (offsets[i] < 0 || counts[i] < 0 || offsets[i] + counts[i] > t.length()) {
                    throw new TiffStructure.MalformedException("image data " + i + " of the IFD at " + at
                            + " lies outside the file");
                }
                dataBytes += counts[i];
                if (dataBytes > t.length()) {
                    throw new TiffStructure.MalformedException("the strips or tiles add up to more bytes than the file has");
                }
                d.part("DATA", t.bytes(), t.base() + (int) offsets[i], (int) counts[i]);
            }
            at = ifd.next();
        }
        return d.build();
    }

    /** Integer tags as numbers (a rewriter may store a SHORT as a LONG); others as their raw value bytes. */
    private static void tagValue(TiffStructure t, TiffStructure.Entry e, ContentDigest.Builder d)
            throws TiffStructure.MalformedException {
        if (TiffStructure.isInteger(e.type())) {
            long[] values = t.numbers(e, MAX_VALUES);
            d.number("N", values.length);
            for (long v : values) {
                d.number("V", v);
            }
        } else {
            d.number("TYPE", e.type());
            d.part("RAW", t.value(e, MAX_VALUES));
        }
    }

    private static long[] numbers(TiffStructure t, TiffStructure.Ifd ifd, int tag) throws TiffStructure.MalformedException {
        var e = ifd.entry(tag);
        return e.isPresent() ? t.numbers(e.get(), MAX_VALUES) : new long[0];
    }
}
