package dev.aigcmark.image.internal.container;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Sets one IFD0 tag of a TIFF without moving a single existing byte: the new value and a new IFD0 (a copy
 * of the old entries with the tag replaced) are appended, and only the header's first-IFD pointer changes.
 * Strip and tile offsets, other IFDs and every other value stay valid because nothing moves.
 * When the file ends with exactly what an earlier rewrite appended (value, then IFD0), that tail is
 * replaced rather than appended to, so re-marking does not grow the file.
 */
public final class TiffRewriter {
    private TiffRewriter() {
    }

    public static void setIfd0Tag(byte[] b, TiffStructure t, int tag, int type, byte[] value, OutputStream out)
            throws IOException, TiffStructure.MalformedException {
        TiffStructure.Ifd ifd0 = t.ifd(t.firstIfdOffset());
        int keep = b.length;
        var old = ifd0.entry(tag);
        long ifdEnd = ifd0.offset() + 2 + 12L * ifd0.entries().size() + 4;
        if (old.isPresent() && old.get().byteLength() > 4 && old.get().valueOffset() >= 8 && ifdEnd == b.length
                && even(old.get().valueOffset() + old.get().byteLength()) == ifd0.offset()) {
            keep = (int) old.get().valueOffset();
        }
        int valueAt = (int) even(keep);
        int ifdAt = (int) even(valueAt + (long) value.length);
        List<byte[]> entries = new ArrayList<>();
        for (int i = 0; i < ifd0.entries().size(); i++) {
            int e = (int) ifd0.offset() + 2 + 12 * i;
            if (ifd0.entries().get(i).tag() != tag) {
                entries.add(Arrays.copyOfRange(b, e, e + 12));
            }
        }
        byte[] mine = new byte[12];
        put16(t, mine, 0, tag);
        put16(t, mine, 2, type);
        put32(t, mine, 4, value.length / TiffStructure.typeSize(type));
        if (value.length <= 4) {
            System.arraycopy(value, 0, mine, 8, value.length);
        } else {
            put32(t, mine, 8, valueAt);
        }
        entries.add(mine);
        entries.sort(Comparator.comparingInt(e -> get16(t, e)));
        byte[] ifd = new byte[2 + 12 * entries.size() + 4];
        put16(t, ifd, 0, entries.size());
        for (int i = 0; i < entries.size(); i++) {
            System.arraycopy(entries.get(i), 0, ifd, 2 + 12 * i, 12);
        }
        put32(t, ifd, ifd.length - 4, ifd0.next());

        byte[] header = Arrays.copyOf(b, 8);
        put32(t, header, 4, ifdAt);
        out.write(header);
        out.write(b, 8, keep - 8);
        out.write(new byte[valueAt - keep]);
        out.write(value);
        out.write(new byte[ifdAt - valueAt - value.length]);
        out.write(ifd);
    }

    private static long even(long v) {
        return (v + 1) & ~1L;
    }

    private static int get16(TiffStructure t, byte[] b) {
        return t.littleEndian() ? Bytes.u16le(b, 0) : Bytes.u16be(b, 0);
    }

    private static void put16(TiffStructure t, byte[] b, int off, int v) {
        if (t.littleEndian()) {
            b[off] = (byte) v;
            b[off + 1] = (byte) (v >>> 8);
        } else {
            Bytes.put16be(b, off, v);
        }
    }

    private static void put32(TiffStructure t, byte[] b, int off, long v) {
        if (t.littleEndian()) {
            Bytes.put32le(b, off, v);
        } else {
            Bytes.put32be(b, off, v);
        }
    }
}
