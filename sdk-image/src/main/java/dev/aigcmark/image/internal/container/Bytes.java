package dev.aigcmark.image.internal.container;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Fixed-width integer access; callers check bounds against the remaining input first. */
public final class Bytes {
    private Bytes() {
    }

    public static int u8(byte[] b, int off) {
        return b[off] & 0xFF;
    }

    public static int u16be(byte[] b, int off) {
        return (u8(b, off) << 8) | u8(b, off + 1);
    }

    public static long u32be(byte[] b, int off) {
        return ((long) u16be(b, off) << 16) | u16be(b, off + 2);
    }

    public static int u16le(byte[] b, int off) {
        return u8(b, off) | (u8(b, off + 1) << 8);
    }

    public static int u24le(byte[] b, int off) {
        return u16le(b, off) | (u8(b, off + 2) << 16);
    }

    public static long u32le(byte[] b, int off) {
        return u16le(b, off) | ((long) u16le(b, off + 2) << 16);
    }

    public static void put16be(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 8);
        b[off + 1] = (byte) v;
    }

    public static void put32be(byte[] b, int off, long v) {
        put16be(b, off, (int) (v >>> 16));
        put16be(b, off + 2, (int) v);
    }

    public static void put24le(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
        b[off + 2] = (byte) (v >>> 16);
    }

    public static void put32le(byte[] b, int off, long v) {
        put24le(b, off, (int) v);
        b[off + 3] = (byte) (v >>> 24);
    }

    /** Whether {@code b} holds {@code prefix} at {@code off} (false when it would run past the end). */
    public static boolean startsWith(byte[] b, int off, int end, byte[] prefix) {
        if (off < 0 || end - off < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[off + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    public static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
