package dev.aigcmark.core.internal.ebml;

import java.io.ByteArrayOutputStream;

/**
 * EBML's variable-length integers (RFC 8794): element ids (marker bits kept, 1 to 4 bytes), data sizes (marker
 * removed, 1 to 8 bytes, all ones = unknown) and unsigned integer payloads.
 */
public final class Ebml {
    /** The data size value meaning "unknown" (live streams). */
    public static final long UNKNOWN_SIZE = -1;

    private Ebml() {
    }

    /** The length of a VINT from its first byte (1 to 8), or 0 when the byte is 0 (invalid). */
    public static int vintLength(int first) {
        return first == 0 ? 0 : Integer.numberOfLeadingZeros(first & 0xFF) - 23;
    }

    /** An element id (marker kept) read from {@code b[off..]}, or -1 when it is not 1 to 4 bytes or runs out. */
    public static long readId(byte[] b, int off, int end) {
        if (off >= end) {
            return -1;
        }
        int len = vintLength(b[off] & 0xFF);
        if (len < 1 || len > 4 || off + len > end) {
            return -1;
        }
        long id = 0;
        for (int i = 0; i < len; i++) {
            id = (id << 8) | (b[off + i] & 0xFF);
        }
        return id;
    }

    /** The byte length of an id (1 to 4). */
    public static int idLength(long id) {
        return id > 0xFFFFFF ? 4 : id > 0xFFFF ? 3 : id > 0xFF ? 2 : 1;
    }

    /** A data size read from {@code b[off..]}: value (or {@link #UNKNOWN_SIZE}) and length, or null when malformed. */
    public static long[] readSize(byte[] b, int off, int end) {
        if (off >= end) {
            return null;
        }
        int len = vintLength(b[off] & 0xFF);
        if (len < 1 || off + len > end) {
            return null;
        }
        long v = b[off] & (0xFF >> len);
        boolean allOnes = v == (0xFF >> len);
        for (int i = 1; i < len; i++) {
            int x = b[off + i] & 0xFF;
            allOnes &= x == 0xFF;
            v = (v << 8) | x;
        }
        return new long[] {allOnes ? UNKNOWN_SIZE : v, len};
    }

    /** The shortest size VINT width for {@code size} (all-ones values are reserved for "unknown"). */
    public static int sizeWidth(long size) {
        for (int w = 1; w <= 8; w++) {
            if (size < (1L << (7 * w)) - 1) {
                return w;
            }
        }
        throw new IllegalArgumentException("EBML size too large: " + size);
    }

    public static void writeId(ByteArrayOutputStream out, long id) {
        for (int i = idLength(id) - 1; i >= 0; i--) {
            out.write((int) (id >>> (8 * i)));
        }
    }

    /** Writes {@code size} as a VINT of exactly {@code width} bytes. */
    public static void writeSize(ByteArrayOutputStream out, long size, int width) {
        if (width < sizeWidth(size) || width > 8) {
            throw new IllegalArgumentException("size " + size + " does not fit " + width + " bytes");
        }
        long v = size | (1L << (7 * width));
        for (int i = width - 1; i >= 0; i--) {
            out.write((int) (v >>> (8 * i)));
        }
    }

    /** An unsigned integer read from {@code len} big-endian bytes. */
    public static long readUint(byte[] b, int off, int len) {
        long v = 0;
        for (int i = 0; i < len; i++) {
            v = (v << 8) | (b[off + i] & 0xFF);
        }
        return v;
    }

    /** An unsigned integer in {@code width} bytes (a wider field than needed keeps sizes stable across edits). */
    public static byte[] uint(long v, int width) {
        byte[] out = new byte[width];
        for (int i = width - 1; i >= 0; i--) {
            out[i] = (byte) v;
            v >>>= 8;
        }
        if (v != 0) {
            throw new IllegalArgumentException("value does not fit " + width + " bytes");
        }
        return out;
    }

    /** A whole element: id, size (shortest width), data. */
    public static byte[] element(long id, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + 12);
        writeId(out, id);
        writeSize(out, data.length, sizeWidth(data.length));
        out.writeBytes(data);
        return out.toByteArray();
    }

    /**
     * A Void element of exactly {@code total} bytes (at least 2), to fill the room an edit left: its size field
     * is widened so any total can be met.
     */
    public static byte[] voidOf(int total) {
        if (total < 2) {
            throw new IllegalArgumentException("a Void element needs at least 2 bytes, not " + total);
        }
        for (int w = 1; w <= 8; w++) {
            int data = total - 1 - w;
            if (data >= 0 && sizeWidth(data) <= w) {
                ByteArrayOutputStream out = new ByteArrayOutputStream(total);
                writeId(out, EbmlIds.VOID);
                writeSize(out, data, w);
                out.writeBytes(new byte[data]);
                return out.toByteArray();
            }
        }
        throw new IllegalArgumentException("no Void encoding of " + total + " bytes");
    }
}
