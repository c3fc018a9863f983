package dev.aigcmark.text.internal.mark;

import dev.aigcmark.text.internal.Lines;
import dev.aigcmark.text.internal.VariationSelectors;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntPredicate;

/**
 * Our short invisible text mark ({@code aigcmark.text.v1}): the 8-byte watermark payload (issuer, content
 * serial, keyed tag) written as 12 variation selectors right after sentence ends, repeated through the text
 * so that any paragraph copied alone still carries it.
 *
 * <p>One mark is the bytes {@code 'a' 'm' 0x01 p0..p7 crc8} (magic, version, payload, CRC-8 over version and
 * payload), each as a variation selector (see {@link VariationSelectors}). It changes no visible character:
 * no look-alike letters, no space variants (those vanish under NFKC and break search). Variation selectors
 * survive NFC/NFKC, line re-wrapping (they sit after the punctuation, not on the space) and concatenation;
 * a sanitiser that strips default-ignorable code points removes them all, and the mark is then absent.
 */
public final class TextMarks {
    public static final String SCHEME = "aigcmark.text.v1";
    public static final int PAYLOAD_BYTES = 8;
    private static final byte[] MAGIC = {'a', 'm'};
    private static final int VERSION = 1;
    static final int MARK_BYTES = MAGIC.length + 1 + PAYLOAD_BYTES + 1;
    /** Within a paragraph, marks are at most this many chars apart where sentence ends allow. */
    static final int SPACING = 150;
    /** A paragraph with no sentence end still gets a mark at its end when it is at least this long. */
    static final int MIN_UNPUNCTUATED_PARAGRAPH = 40;

    private TextMarks() {
    }

    /**
     * A place where a mark sits.
     *
     * @param start   char index of its first selector
     * @param end     char index after its last selector
     * @param payload the 8 payload bytes, or null when the mark is damaged (cut short, CRC mismatch)
     */
    public record Site(int start, int end, byte[] payload) {
        public boolean intact() {
            return payload != null;
        }
    }

    public static String encode(byte[] payload) {
        return VariationSelectors.encode(markBytes(payload));
    }

    /** The mark's bytes before they become selectors (what the PDF invisible run's codes are). */
    public static byte[] markBytes(byte[] payload) {
        requirePayload(payload);
        byte[] b = new byte[MARK_BYTES];
        System.arraycopy(MAGIC, 0, b, 0, MAGIC.length);
        b[2] = VERSION;
        System.arraycopy(payload, 0, b, 3, PAYLOAD_BYTES);
        b[MARK_BYTES - 1] = crc8(b, 2, 1 + PAYLOAD_BYTES);
        return b;
    }

    /**
     * Every mark site in the text. A run of selectors that does not start with the magic (an emoji's U+FE0F,
     * an ideographic variation sequence) is not ours and is ignored; so is a C2PA text wrapper (after U+FEFF).
     */
    public static List<Site> find(CharSequence text) {
        List<Site> sites = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int cp = Character.codePointAt(text, i);
            if (!VariationSelectors.isSelector(cp) || (i > 0 && text.charAt(i - 1) == '\uFEFF')) {
                i += Character.charCount(cp);
                if (VariationSelectors.isSelector(cp)) {
                    i = VariationSelectors.runEnd(text, i); // the wrapper's whole run
                }
                continue;
            }
            int runEnd = VariationSelectors.runEnd(text, i);
            parseRun(text, i, runEnd, sites);
            i = runEnd;
        }
        return sites;
    }

    /** A run may hold several marks back to back (text edited around a sentence end); read them in turn. */
    private static void parseRun(CharSequence text, int from, int runEnd, List<Site> sites) {
        byte[] run = VariationSelectors.decode(text, from, runEnd);
        int[] offsets = charOffsets(text, from, runEnd, run.length);
        int k = 0;
        while (k + MAGIC.length <= run.length) {
            if (run[k] != MAGIC[0] || run[k + 1] != MAGIC[1]) {
                k++;
                continue;
            }
            int n = Math.min(MARK_BYTES, run.length - k);
            byte[] payload = null;
            if (n == MARK_BYTES && run[k + 2] == VERSION && crc8(run, k + 2, 1 + PAYLOAD_BYTES) == run[k + MARK_BYTES - 1]) {
                payload = Arrays.copyOfRange(run, k + 3, k + 3 + PAYLOAD_BYTES);
            }
            sites.add(new Site(offsets[k], offsets[k + n], payload));
            k += n;
        }
    }

    private static int[] charOffsets(CharSequence text, int from, int to, int count) {
        int[] offsets = new int[count + 1];
        int i = from;
        for (int k = 0; k < count; k++) {
            offsets[k] = i;
            i += Character.charCount(Character.codePointAt(text, i));
        }
        offsets[count] = to;
        return offsets;
    }

    /** {@code text} without our marks (other selectors kept), so re-marking replaces rather than adds. */
    public static String strip(CharSequence text) {
        StringBuilder sb = new StringBuilder(text.length());
        int from = 0;
        for (Site s : find(text)) {
            sb.append(text, from, s.start());
            from = s.end();
        }
        return sb.append(text, from, text.length()).toString();
    }

    /**
     * Writes the mark into {@code text} (after removing earlier marks): in every paragraph after its first
     * sentence end, then after as few further sentence ends as keep marks at most {@link #SPACING} chars
     * apart (the last sentence end always has one); a long paragraph without sentence ends gets one after
     * its last character. So a paragraph copied alone, or any excerpt of 200 characters from sentences of
     * ordinary length, carries the mark.
     *
     * @param markable for the text without earlier marks, whether a mark may go after the char at an index
     *                 (Markdown excludes code and front matter)
     */
    public static String embed(CharSequence original, byte[] payload, Function<String, IntPredicate> markable) {
        String text = strip(original);
        String mark = encode(payload);
        List<Integer> at = placements(text, markable.apply(text));
        StringBuilder sb = new StringBuilder(text.length() + at.size() * mark.length());
        int from = 0;
        for (int p : at) {
            sb.append(text, from, p).append(mark);
            from = p;
        }
        return sb.append(text, from, text.length()).toString();
    }

    /** Where {@link #embed} puts marks in {@code text} (which has none): char indices to insert at. */
    public static List<Integer> placements(String text, IntPredicate markable) {
        List<Integer> at = new ArrayList<>();
        List<Lines.Line> lines = Lines.of(text);
        int i = 0;
        while (i < lines.size()) {
            if (lines.get(i).isBlank(text)) {
                i++;
                continue;
            }
            int j = i;
            while (j < lines.size() && !lines.get(j).isBlank(text)) {
                j++;
            }
            placeInParagraph(text, lines.get(i).start(), lines.get(j - 1).contentEnd(), markable, at);
            i = j;
        }
        return at;
    }

    private static void placeInParagraph(String text, int start, int end, IntPredicate markable, List<Integer> at) {
        List<Integer> ends = new ArrayList<>();
        for (int i = start; i < end; i++) {
            if (isSentenceEnd(text, i, end) && markable.test(i)) {
                ends.add(i);
            }
        }
        // The first sentence end, then each one whose successor would be too far from the last mark: marks at
        // most SPACING apart (unless one sentence is longer), as few as that allows.
        int last = Integer.MIN_VALUE;
        for (int k = 0; k < ends.size(); k++) {
            int i = ends.get(k);
            boolean nextTooFar = k + 1 == ends.size() || ends.get(k + 1) - last > SPACING;
            if (last == Integer.MIN_VALUE || (nextTooFar && i > last)) {
                at.add(afterClosers(text, i + 1, end));
                last = i;
            }
        }
        int lastVisible = end;
        while (lastVisible > start && Character.isWhitespace(text.charAt(lastVisible - 1))) {
            lastVisible--;
        }
        if (ends.isEmpty() && lastVisible - start >= MIN_UNPUNCTUATED_PARAGRAPH && markable.test(lastVisible - 1)) {
            at.add(afterClosers(text, lastVisible, end));
        }
    }

    /** CJK full stops end a sentence anywhere; ASCII ones only before a space or the paragraph end ("3.14"). */
    private static boolean isSentenceEnd(String text, int i, int end) {
        char c = text.charAt(i);
        if (c == '。' || c == '！' || c == '？' || c == '…') {
            return true;
        }
        if (c != '.' && c != '!' && c != '?') {
            return false;
        }
        int next = afterClosers(text, i + 1, end);
        return next >= end || Character.isWhitespace(text.charAt(next));
    }

    /** Past closing quotes and brackets and any combining or selector code points, so the mark follows them. */
    private static int afterClosers(String text, int i, int end) {
        while (i < end) {
            int cp = text.codePointAt(i);
            int type = Character.getType(cp);
            boolean closer = type == Character.FINAL_QUOTE_PUNCTUATION || type == Character.END_PUNCTUATION
                    || cp == '"' || cp == '\'';
            boolean attached = type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                    || VariationSelectors.isSelector(cp);
            if (!closer && !attached) {
                break;
            }
            i += Character.charCount(cp);
        }
        return i;
    }

    /** CRC-8 (polynomial 0x07), enough to tell a cut or corrupted mark from an intact one. */
    static byte crc8(byte[] b, int off, int len) {
        int crc = 0;
        for (int i = off; i < off + len; i++) {
            crc ^= b[i] & 0xFF;
            for (int k = 0; k < 8; k++) {
                crc = (crc & 0x80) != 0 ? ((crc << 1) ^ 0x07) & 0xFF : (crc << 1) & 0xFF;
            }
        }
        return (byte) crc;
    }

    private static void requirePayload(byte[] payload) {
        if (payload == null || payload.length != PAYLOAD_BYTES) {
            throw new IllegalArgumentException("the text mark carries exactly " + PAYLOAD_BYTES + " payload bytes");
        }
    }
}
