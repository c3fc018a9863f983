package dev.aigcmark.text.internal;

import dev.aigcmark.core.io.UnreadableInputException;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * What counts as a text file here: valid UTF-8 with no NUL and no C0 control byte other than tab, line feed,
 * vertical tab, form feed, carriage return and escape. That rejects every binary format we know while
 * accepting any text a person writes; legacy encodings (GBK...) are rejected rather than guessed.
 */
public final class Utf8Text {
    private Utf8Text() {
    }

    /**
     * Whether the first {@code length} bytes look like such text. A multi-byte sequence cut off by the end of
     * the sniffed window is accepted, because the window may end anywhere.
     */
    public static boolean looksLikeText(byte[] head, int length) {
        int i = 0;
        while (i < length) {
            int b = head[i] & 0xFF;
            if (b < 0x80) {
                if (!allowedAscii(b)) {
                    return false;
                }
                i++;
                continue;
            }
            int need;
            int min;
            if (b >= 0xC2 && b <= 0xDF) {
                need = 1;
                min = 0x80;
            } else if (b >= 0xE0 && b <= 0xEF) {
                need = 2;
                min = 0x800;
            } else if (b >= 0xF0 && b <= 0xF4) {
                need = 3;
                min = 0x10000;
            } else {
                return false;
            }
            int cp = b & (0x3F >> need);
            int j = 1;
            for (; j <= need && i + j < length; j++) {
                int c = head[i + j] & 0xFF;
                if ((c & 0xC0) != 0x80) {
                    return false;
                }
                cp = (cp << 6) | (c & 0x3F);
            }
            if (j <= need) {
                return true; // cut off by the window
            }
            if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
                return false;
            }
            i += need + 1;
        }
        return true;
    }

    /** Decodes strictly; anything that is not such text makes the input unreadable as text. */
    public static String decode(byte[] bytes, String name) throws UnreadableInputException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer chars;
        try {
            chars = decoder.decode(ByteBuffer.wrap(bytes));
        } catch (CharacterCodingException e) {
            throw new UnreadableInputException(name + " is not valid UTF-8 text");
        }
        for (int i = 0; i < chars.length(); i++) {
            char c = chars.get(i);
            if (c < 0x80 && !allowedAscii(c)) {
                throw new UnreadableInputException(name + " contains control byte 0x"
                        + Integer.toHexString(c) + " at character " + i + ": not text");
            }
        }
        return chars.toString();
    }

    public static byte[] encode(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** UTF-8 byte length of {@code text[from, to)}, for carrier offsets. */
    public static long utf8Length(CharSequence text, int from, int to) {
        long n = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c)) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    private static boolean allowedAscii(int b) {
        return b >= 0x20 || b == '\t' || b == '\n' || b == 0x0B || b == '\f' || b == '\r' || b == 0x1B;
    }
}
