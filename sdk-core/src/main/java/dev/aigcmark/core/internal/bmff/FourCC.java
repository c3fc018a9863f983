package dev.aigcmark.core.internal.bmff;

import java.nio.charset.StandardCharsets;

/** Four-character box types as big-endian ints, and back to text for messages and locations. */
public final class FourCC {
    private FourCC() {
    }

    public static int of(String code) {
        byte[] b = code.getBytes(StandardCharsets.ISO_8859_1);
        if (b.length != 4) {
            throw new IllegalArgumentException("a four-character code needs 4 bytes: " + code);
        }
        return (b[0] & 0xFF) << 24 | (b[1] & 0xFF) << 16 | (b[2] & 0xFF) << 8 | (b[3] & 0xFF);
    }

    /** The code as text; bytes outside printable Latin-1 (ilst item indexes, hostile input) are shown as {@code \xNN}. */
    public static String toString(int code) {
        StringBuilder sb = new StringBuilder(4);
        for (int shift = 24; shift >= 0; shift -= 8) {
            int c = (code >>> shift) & 0xFF;
            if (c >= 0x20 && c < 0x7F || c == 0xA9) {
                sb.append((char) c);
            } else {
                sb.append(String.format("\\x%02x", c));
            }
        }
        return sb.toString();
    }
}
