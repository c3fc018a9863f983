package dev.aigcmark.cli.binding;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Byte-level JPEG surgery the way an attacker does it: find the APP1 XMP segment, splice it into another file. */
final class JpegSegments {
    private static final byte[] XMP = "http://ns.adobe.com/xap/1.0/\0".getBytes(StandardCharsets.ISO_8859_1);

    private JpegSegments() {
    }

    /** The whole APP1 XMP segment (marker, length, payload) of a JPEG. */
    static byte[] xmp(byte[] jpeg) {
        int[] s = find(jpeg);
        return Arrays.copyOfRange(jpeg, s[0], s[1]);
    }

    /** {@code jpeg} with its APP1 XMP segment replaced by {@code segment}. */
    static byte[] replaceXmp(byte[] jpeg, byte[] segment) {
        int[] s = find(jpeg);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, s[0]);
        out.write(segment, 0, segment.length);
        out.write(jpeg, s[1], jpeg.length - s[1]);
        return out.toByteArray();
    }

    /** {start, end} of the APP1 XMP segment among the header segments. */
    private static int[] find(byte[] b) {
        int pos = 2;
        while (pos + 4 <= b.length && (b[pos] & 0xFF) == 0xFF && (b[pos + 1] & 0xFF) != 0xDA) {
            int end = pos + 2 + ((b[pos + 2] & 0xFF) << 8 | (b[pos + 3] & 0xFF));
            if ((b[pos + 1] & 0xFF) == 0xE1 && Arrays.equals(b, pos + 4, pos + 4 + XMP.length, XMP, 0, XMP.length)) {
                return new int[]{pos, end};
            }
            pos = end;
        }
        throw new AssertionError("no APP1 XMP segment");
    }
}
