package dev.aigcmark.text.internal.mark;

import dev.aigcmark.text.internal.VariationSelectors;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The C2PA text wrapper (C2PA 2.3, unstructured text): U+FEFF, then as variation selectors the bytes of the
 * magic {@code C2PATXT\0}, a version byte (1), a big-endian u32 payload length and the payload. C2PA puts a
 * JUMBF manifest store there; this project also puts its compact signed GB 45438 label JSON there for plain
 * text, which a reader tells apart by the payload's first bytes (JSON starts with <code>{</code>, JUMBF with a
 * box header whose type is {@code jumb}).
 */
public final class TextWrapper {
    static final byte[] MAGIC = "C2PATXT\0".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;
    private static final int HEADER = MAGIC.length + 1 + 4;
    private static final char BOM = '\uFEFF';

    private TextWrapper() {
    }

    /**
     * One wrapper found in a text.
     *
     * @param start   char index of its U+FEFF
     * @param end     char index just after its last selector
     * @param payload what it carries, or null when it is damaged
     * @param problem why it is damaged, or null
     */
    public record Found(int start, int end, byte[] payload, String problem) {
        public boolean intact() {
            return payload != null;
        }

        public boolean carriesJson() {
            int i = 0;
            while (i < payload.length && Character.isWhitespace(payload[i])) {
                i++;
            }
            return i < payload.length && payload[i] == '{';
        }

        public boolean carriesJumbf() {
            return payload.length >= 8 && payload[4] == 'j' && payload[5] == 'u' && payload[6] == 'm' && payload[7] == 'b';
        }
    }

    public static String encode(byte[] payload) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(HEADER + payload.length);
        bytes.writeBytes(MAGIC);
        bytes.write(VERSION);
        int n = payload.length;
        bytes.write(n >>> 24);
        bytes.write(n >>> 16);
        bytes.write(n >>> 8);
        bytes.write(n);
        bytes.writeBytes(payload);
        return BOM + VariationSelectors.encode(bytes.toByteArray());
    }

    /**
     * Every wrapper in {@code text}: a U+FEFF followed by selectors that start with the magic. A plain BOM, or
     * a U+FEFF before some other selectors, is not a wrapper and is left alone.
     *
     * @param maxPayload larger declared payloads are reported damaged without allocating them
     */
    public static List<Found> find(CharSequence text, int maxPayload) {
        List<Found> found = new ArrayList<>();
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) != BOM) {
                continue;
            }
            int runEnd = VariationSelectors.runEnd(text, i + 1);
            if (runEnd == i + 1) {
                continue;
            }
            Found f = parse(text, i, runEnd, maxPayload);
            if (f != null) {
                found.add(f);
                i = f.end() - 1;
            }
        }
        return found;
    }

    private static Found parse(CharSequence text, int start, int runEnd, int maxPayload) {
        // Decode only the header first: the run may be long and the declared length hostile.
        int headerEnd = advance(text, start + 1, HEADER, runEnd);
        byte[] header = VariationSelectors.decode(text, start + 1, headerEnd);
        if (header.length < MAGIC.length || !Arrays.equals(Arrays.copyOf(header, MAGIC.length), MAGIC)) {
            return null;
        }
        if (header.length < HEADER) {
            return new Found(start, runEnd, null, "text wrapper cut short inside its header");
        }
        if ((header[MAGIC.length] & 0xFF) != VERSION) {
            return new Found(start, runEnd, null, "text wrapper version " + (header[MAGIC.length] & 0xFF) + " is not supported");
        }
        long length = ((header[9] & 0xFFL) << 24) | ((header[10] & 0xFF) << 16) | ((header[11] & 0xFF) << 8) | (header[12] & 0xFF);
        if (length > maxPayload) {
            return new Found(start, runEnd, null, "text wrapper declares " + length + " bytes, over the limit " + maxPayload);
        }
        int payloadEnd = advance(text, headerEnd, (int) length, runEnd);
        byte[] payload = VariationSelectors.decode(text, headerEnd, payloadEnd);
        if (payload.length < length) {
            return new Found(start, runEnd, null, "text wrapper declares " + length + " bytes but carries " + payload.length);
        }
        return new Found(start, payloadEnd, payload, null);
    }

    /** The char index {@code count} code points after {@code from}, not beyond {@code limit}. */
    private static int advance(CharSequence text, int from, int count, int limit) {
        int i = from;
        for (int n = 0; n < count && i < limit; n++) {
            i += Character.charCount(Character.codePointAt(text, i));
        }
        return i;
    }

    /** {@code text} without the given wrappers (which must come from {@link #find} on the same text). */
    public static String remove(CharSequence text, List<Found> wrappers) {
        StringBuilder sb = new StringBuilder(text.length());
        int from = 0;
        for (Found f : wrappers) {
            sb.append(text, from, f.start());
            from = f.end();
        }
        return sb.append(text, from, text.length()).toString();
    }
}
