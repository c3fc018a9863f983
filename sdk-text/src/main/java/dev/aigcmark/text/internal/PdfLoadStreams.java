package dev.aigcmark.text.internal;

import dev.aigcmark.core.io.FileBudget;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The streams PDFBox decodes while it loads a document, before {@link PdfStreams#checkDecodedSize} can look at
 * anything: cross-reference streams ({@code /Type /XRef}) and object streams ({@code /Type /ObjStm}) holding the
 * catalog or the page tree. PDFBox decodes each whole into memory: a 1.5 MB object stream inflating to 1.5 GB took
 * 2.1 GB of memory (an {@code OutOfMemoryError} under a 512 MB heap). So they are found in the raw bytes by our own
 * bounded scan and decoded once, counted and not kept, against the same decompressed-bytes limit, before PDFBox
 * sees the file. The scan reads dictionaries only as far as their {@code /Filter}; anything it cannot make out is
 * left to PDFBox, which copes with damage as before.
 */
final class PdfLoadStreams {
    private static final byte[][] TYPES = {ascii("/ObjStm"), ascii("/XRef")};
    private static final byte[] TYPE_KEY = ascii("/Type");
    private static final byte[] STREAM = ascii("stream");
    private static final byte[] FILTER = ascii("/Filter");
    private static final byte[] OBJ = ascii("obj");
    /** How far a stream's dictionary may reach from its type name to the {@code stream} keyword, and back. */
    private static final int DICTIONARY_REACH = 4096;

    private PdfLoadStreams() {
    }

    /** Refuses {@code pdf} (the budget's decompressed-bytes limit, sticky) when its load-time streams decode past it. */
    static void check(byte[] pdf, long maxBytes, FileBudget budget) throws IOException {
        long[] total = new long[1];
        for (byte[] type : TYPES) {
            for (int at = indexOf(pdf, type, 0, pdf.length); at >= 0; at = indexOf(pdf, type, at + 1, pdf.length)) {
                if (isTypeValue(pdf, at, type.length)) {
                    COSStream stream = rawStream(pdf, at);
                    if (stream != null) {
                        PdfStreams.count(stream, total, maxBytes, budget);
                    }
                }
            }
        }
    }

    /** The name at {@code at} is the value of {@code /Type} and ends there (not {@code /XRefStm}). */
    private static boolean isTypeValue(byte[] pdf, int at, int length) {
        int end = at + length;
        if (end < pdf.length && !isDelimiterOrSpace(pdf[end])) {
            return false;
        }
        int i = at - 1;
        while (i >= 0 && isSpace(pdf[i])) {
            i--;
        }
        return i + 1 >= TYPE_KEY.length && indexOf(pdf, TYPE_KEY, i + 1 - TYPE_KEY.length, i + 1) >= 0;
    }

    /** The stream whose dictionary holds {@code at}, its filters and raw data as written, or null when unclear. */
    private static COSStream rawStream(byte[] pdf, int at) throws IOException {
        int keyword = indexOf(pdf, STREAM, at, Math.min(pdf.length, at + DICTIONARY_REACH));
        if (keyword < 0 || (keyword >= 3 && pdf[keyword - 3] == 'e' && pdf[keyword - 2] == 'n' && pdf[keyword - 1] == 'd')) {
            return null;
        }
        int start = lastIndexOf(pdf, OBJ, Math.max(0, at - DICTIONARY_REACH), at);
        List<COSName> filters = filters(new String(pdf, Math.max(start, 0), keyword - Math.max(start, 0),
                StandardCharsets.ISO_8859_1));
        if (filters.isEmpty()) {
            return null;
        }
        int data = keyword + STREAM.length;
        if (data < pdf.length && pdf[data] == '\r') {
            data++;
        }
        if (data < pdf.length && pdf[data] == '\n') {
            data++;
        }
        int end = indexOf(pdf, ascii("endstream"), data, pdf.length);
        COSStream stream = new COSStream();
        stream.setItem(COSName.FILTER, filters.size() == 1 ? filters.get(0) : new COSArray(filters));
        try (OutputStream raw = stream.createRawOutputStream()) {
            raw.write(pdf, data, (end < 0 ? pdf.length : end) - data);
        }
        return stream;
    }

    /** The filter names after {@code /Filter} in a dictionary's text: one name or an array of names. */
    private static List<COSName> filters(String dictionary) {
        List<COSName> names = new ArrayList<>();
        int key = dictionary.lastIndexOf(new String(FILTER, StandardCharsets.ISO_8859_1));
        if (key < 0) {
            return names;
        }
        String rest = dictionary.substring(key + FILTER.length).stripLeading();
        boolean array = rest.startsWith("[");
        String value = array ? rest.substring(1, Math.max(1, rest.indexOf(']'))) : rest;
        for (String token : value.split("(?=/)|\\s+")) {
            String name = token.strip();
            if (name.startsWith("/") && name.length() > 1) {
                names.add(COSName.getPDFName(name.substring(1).split("[\\s/<>\\[\\]()]", 2)[0]));
                if (!array) {
                    break;
                }
            } else if (!name.isEmpty() && !array) {
                break;
            }
        }
        return names;
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t' || b == '\f' || b == 0;
    }

    private static boolean isDelimiterOrSpace(byte b) {
        return isSpace(b) || "/<>[]()%{}".indexOf(b) >= 0;
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from, int to) {
        outer:
        for (int i = Math.max(0, from); i + needle.length <= to; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (haystack[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static int lastIndexOf(byte[] haystack, byte[] needle, int from, int to) {
        int found = -1;
        for (int i = indexOf(haystack, needle, from, to); i >= 0; i = indexOf(haystack, needle, i + 1, to)) {
            found = i;
        }
        return found;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
