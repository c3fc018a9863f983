package dev.aigcmark.text.internal;

import java.util.Arrays;

/**
 * Bytes written as Unicode variation selectors, the invisible alphabet of the C2PA text wrapper: a byte
 * b &lt; 16 is U+FE00 + b, any other is U+E0100 + (b - 16). Variation selectors are default-ignorable, have
 * combining class 0 and no decomposition, so NFC and NFKC leave them in place and renderers draw nothing.
 */
public final class VariationSelectors {
    private VariationSelectors() {
    }

    public static int codePoint(int b) {
        int v = b & 0xFF;
        return v < 16 ? 0xFE00 + v : 0xE0100 + v - 16;
    }

    /** The byte a code point stands for, or -1 when it is not a variation selector. */
    public static int byteOf(int codePoint) {
        if (codePoint >= 0xFE00 && codePoint <= 0xFE0F) {
            return codePoint - 0xFE00;
        }
        if (codePoint >= 0xE0100 && codePoint <= 0xE01EF) {
            return codePoint - 0xE0100 + 16;
        }
        return -1;
    }

    public static boolean isSelector(int codePoint) {
        return byteOf(codePoint) >= 0;
    }

    public static String encode(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            sb.appendCodePoint(codePoint(b));
        }
        return sb.toString();
    }

    /** The end (char index) of the run of variation selectors starting at {@code from}. */
    public static int runEnd(CharSequence text, int from) {
        int i = from;
        while (i < text.length()) {
            int cp = Character.codePointAt(text, i);
            if (!isSelector(cp)) {
                break;
            }
            i += Character.charCount(cp);
        }
        return i;
    }

    /** Decodes {@code text[from, to)}, which must be a run of selectors, into bytes. */
    public static byte[] decode(CharSequence text, int from, int to) {
        byte[] out = new byte[to - from];
        int n = 0;
        for (int i = from; i < to; ) {
            int cp = Character.codePointAt(text, i);
            out[n++] = (byte) byteOf(cp);
            i += Character.charCount(cp);
        }
        return Arrays.copyOf(out, n);
    }
}
