package dev.aigcmark.image.internal.container;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A bounded walk of TIFF structure (a TIFF file, or the EXIF block of JPEG/PNG/WebP, which is a TIFF).
 * Offsets are relative to the TIFF header, as in the format; every offset and count is checked against
 * the buffer before use.
 */
public final class TiffStructure {
    /** The most entries one IFD may claim; real IFDs have a few dozen. */
    public static final int MAX_ENTRIES = 4096;

    public static final int TYPE_BYTE = 1;
    public static final int TYPE_ASCII = 2;
    public static final int TYPE_SHORT = 3;
    public static final int TYPE_LONG = 4;
    public static final int TYPE_UNDEFINED = 7;
    public static final int TAG_XMP = 700;
    /** The C2PA manifest store (UNDEFINED bytes), where the reference writes it in TIFF and DNG. */
    public static final int TAG_C2PA = 0xCD41;
    public static final int TAG_EXIF_IFD = 0x8769;
    public static final int TAG_USER_COMMENT = 0x9286;

    private final byte[] b;
    private final int base;
    private final int end;
    private final boolean little;

    /** One IFD entry; {@code valueOffset} is where the value bytes are (inline or pointed to), relative to the header. */
    public record Entry(int tag, int type, long count, long valueOffset, long byteLength) {
    }

    /** @param offset where the IFD starts; {@code next} the next IFD's offset (0 for none) */
    public record Ifd(long offset, List<Entry> entries, long next) {
        public Optional<Entry> entry(int tag) {
            return entries.stream().filter(e -> e.tag() == tag).findFirst();
        }
    }

    private TiffStructure(byte[] b, int base, int end, boolean little) {
        this.b = b;
        this.base = base;
        this.end = end;
        this.little = little;
    }

    /** Reads the header at {@code base}; BigTIFF is refused (classic TIFF only). */
    public static TiffStructure open(byte[] b, int base, int end) throws MalformedException {
        if (end - base < 8) {
            throw new MalformedException("TIFF header is cut short");
        }
        boolean little;
        if (b[base] == 'I' && b[base + 1] == 'I') {
            little = true;
        } else if (b[base] == 'M' && b[base + 1] == 'M') {
            little = false;
        } else {
            throw new MalformedException("no TIFF byte-order mark");
        }
        TiffStructure t = new TiffStructure(b, base, end, little);
        int magic = t.u16(2);
        if (magic == 43) {
            throw new MalformedException("BigTIFF is not supported");
        }
        if (magic != 42) {
            throw new MalformedException("TIFF magic is " + magic + ", not 42");
        }
        return t;
    }

    public boolean littleEndian() {
        return little;
    }

    public long firstIfdOffset() {
        return u32(4);
    }

    public int length() {
        return end - base;
    }

    public Ifd ifd(long offset) throws MalformedException {
        if (offset < 8 || offset + 2 > length()) {
            throw new MalformedException("IFD offset " + offset + " lies outside the data");
        }
        int n = u16((int) offset);
        if (n > MAX_ENTRIES) {
            throw new MalformedException("IFD at " + offset + " claims " + n + " entries");
        }
        if (offset + 2 + 12L * n + 4 > length()) {
            throw new MalformedException("IFD at " + offset + " runs past the end");
        }
        List<Entry> entries = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int e = (int) offset + 2 + 12 * i;
            int tag = u16(e);
            int type = u16(e + 2);
            long count = u32(e + 4);
            long bytes = count * typeSize(type);
            long valueOffset = bytes <= 4 ? e + 8 : u32(e + 8);
            entries.add(new Entry(tag, type, count, valueOffset, bytes));
        }
        return new Ifd(offset, entries, u32((int) offset + 2 + 12 * n));
    }

    /** The value bytes of an entry, refusing one that points outside the data or exceeds {@code max}. */
    public byte[] value(Entry e, int max) throws MalformedException {
        if (e.byteLength() > max) {
            throw new MalformedException("tag " + e.tag() + " value has " + e.byteLength() + " bytes, over the limit " + max);
        }
        if (e.valueOffset() < 0 || e.valueOffset() + e.byteLength() > length()) {
            throw new MalformedException("tag " + e.tag() + " value lies outside the data");
        }
        int from = base + (int) e.valueOffset();
        return Arrays.copyOfRange(b, from, from + (int) e.byteLength());
    }

    /** Whether values of this type are unsigned integers {@link #numbers} reads: BYTE, SHORT, LONG. */
    public static boolean isInteger(int type) {
        return type == TYPE_BYTE || type == TYPE_SHORT || type == TYPE_LONG;
    }

    /** The values of a BYTE, SHORT or LONG entry, refusing more than {@code maxCount} or data outside the buffer. */
    public long[] numbers(Entry e, int maxCount) throws MalformedException {
        if (!isInteger(e.type())) {
            throw new MalformedException("tag " + e.tag() + " has type " + e.type() + ", not an integer type");
        }
        if (e.count() > maxCount) {
            throw new MalformedException("tag " + e.tag() + " has " + e.count() + " values, over the limit " + maxCount);
        }
        if (e.valueOffset() < 0 || e.valueOffset() + e.byteLength() > length()) {
            throw new MalformedException("tag " + e.tag() + " value lies outside the data");
        }
        long[] out = new long[(int) e.count()];
        int size = (int) typeSize(e.type());
        for (int i = 0; i < out.length; i++) {
            int at = (int) e.valueOffset() + i * size;
            out[i] = switch (size) {
                case 1 -> b[base + at] & 0xFF;
                case 2 -> u16(at);
                default -> u32(at);
            };
        }
        return out;
    }

    /** The buffer this structure reads, and where the TIFF header sits in it (offsets are relative to it). */
    byte[] bytes() {
        return b;
    }

    int base() {
        return base;
    }

    /** The LONG or SHORT value of an entry (for IFD pointers). */
    public long scalar(Entry e) {
        if (e.count() < 1 || e.valueOffset() < 0 || e.valueOffset() + 4 > length()) {
            return -1;
        }
        return e.type() == TYPE_SHORT ? u16((int) e.valueOffset()) : u32((int) e.valueOffset());
    }

    public static long typeSize(int type) {
        return switch (type) {
            case 1, 2, 6, 7 -> 1;
            case 3, 8 -> 2;
            case 4, 9, 11, 13 -> 4;
            case 5, 10, 12 -> 8;
            default -> 1;
        };
    }

    public int u16(int rel) {
        int at = base + rel;
        return little ? Bytes.u16le(b, at) : Bytes.u16be(b, at);
    }

    public long u32(int rel) {
        int at = base + rel;
        return little ? Bytes.u32le(b, at) : Bytes.u32be(b, at);
    }

    /** A structural defect, turned into a report entry by the handler. */
    public static final class MalformedException extends Exception {
        public MalformedException(String message) {
            super(message);
        }
    }
}
