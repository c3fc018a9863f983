package dev.aigcmark.text.internal;

import dev.aigcmark.core.io.FileBudget;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * The streams PDFBox decodes while it loads a document, before {@link PdfStreams#checkDecodedSize} can look at
 * anything: cross-reference streams ({@code /Type /XRef}) and object streams ({@code /Type /ObjStm}) holding the
 * catalog or the page tree. PDFBox decodes each whole into memory: a 1.5 MB object stream inflating to 1.5 GB took
 * 2.1 GB of memory (an {@code OutOfMemoryError} under a 512 MB heap). So they are found in the raw bytes by our own
 * bounded scan and decoded once, counted and not kept, against the same decompressed-bytes limit, before PDFBox
 * sees the file. The scan reads dictionaries only as far as their {@code /Filter}; anything it cannot make out is
 * left to PDFBox, which copes with damage as before.
 *
 * <p>A file is scanned once however often it is loaded: marking loads a PDF several times, and each step's output is
 * the step's input with an incremental update appended. The scans of the file being worked on are kept in its
 * {@link FileBudget} ({@link FileBudget#memo}): the same bytes are not scanned again, and bytes that extend scanned
 * bytes are scanned only from where the earlier scan's findings could change (the last few bytes, or the first
 * stream whose dictionary or data ran to the end). What a scan counted is where {@link PdfStreams#checkDecodedSize}
 * starts counting, and the object streams it decoded exactly as PDFBox reads them are not decoded again there.
 */
final class PdfLoadStreams {
    private static final byte[] OBJECT_STREAM = ascii("/ObjStm");
    private static final byte[] XREF_STREAM = ascii("/XRef");
    private static final byte[] TYPE_KEY = ascii("/Type");
    private static final byte[] STREAM = ascii("stream");
    private static final byte[] END_STREAM = ascii("endstream");
    private static final byte[] FILTER = ascii("/Filter");
    private static final byte[] OBJ = ascii("obj");
    /** How far a stream's dictionary may reach from its type name to the {@code stream} keyword, and back. */
    private static final int DICTIONARY_REACH = 4096;
    /** A scan's findings before this many bytes from its end stay true when bytes are appended. */
    private static final int TAIL = 16;
    /** The scans kept per file: the input and the outputs of a mark's steps. */
    private static final int KEPT = 4;
    /** Work done on this thread, for tests: bytes searched, load-time streams decoded, documents measured. */
    private static final ThreadLocal<long[]> WORK = ThreadLocal.withInitial(() -> new long[3]);

    private PdfLoadStreams() {
    }

    /** A load-time stream the scan decoded. */
    private record Found(int at, long header, int data, int rawLength, List<COSName> filters, boolean objectStream,
                         boolean complete, long decoded) {
    }

    /** What a scan of one file's bytes found and counted against {@code max}. */
    static final class Scan {
        private final byte[] pdf;
        private final long max;
        private final List<Found> found;
        /** Where a scan of these bytes with more appended must start again. */
        private final int restart;
        private final long total;
        private volatile boolean measured;

        private Scan(byte[] pdf, long max, List<Found> found, int restart) {
            this.pdf = pdf;
            this.max = max;
            this.found = List.copyOf(found);
            this.restart = restart;
            this.total = found.stream().mapToLong(Found::decoded).sum();
        }

        /** The decompressed-bytes limit the scan counted against. */
        long max() {
            return max;
        }

        /** The bytes the load-time streams decoded to, all counted against {@link #max()}. */
        long total() {
            return total;
        }

        /** Whether these bytes' loaded document was measured by {@link PdfStreams#checkDecodedSize} (and passed). */
        boolean measured() {
            return measured;
        }

        void measured(boolean done) {
            measured = done;
            if (done) {
                WORK.get()[2]++;
            }
        }

        /**
         * Whether {@code stream}, the object stream PDFBox loaded from the object at {@code offset}, was decoded by
         * this scan exactly as PDFBox decodes it (so counted in {@link #total()}): the same raw bytes (PDFBox's are
         * the scan's or their beginning), the same filters, no decode parameters, and decoded to its end.
         */
        boolean counted(long offset, COSStream stream) throws IOException {
            for (Found f : found) {
                if (f.header() == offset && f.objectStream() && f.complete()) {
                    return sameDecoding(f, stream);
                }
            }
            return false;
        }

        private boolean sameDecoding(Found f, COSStream stream) throws IOException {
            if (stream.containsKey(COSName.DECODE_PARMS) || stream.containsKey(COSName.DP)
                    || !PdfStreams.filters(stream).equals(f.filters()) || stream.getLength() > f.rawLength()) {
                return false;
            }
            int length = (int) stream.getLength();
            byte[] raw;
            try (InputStream in = stream.createRawInputStream()) {
                raw = in.readNBytes(length + 1);
            }
            return raw.length == length && Arrays.equals(raw, 0, length, pdf, f.data(), f.data() + length);
        }
    }

    /** The scans of one file (its budget's memo). */
    private static final class Scans {
        private final Deque<Scan> kept = new ArrayDeque<>();

        synchronized Scan same(byte[] pdf, long max) {
            for (Scan s : kept) {
                if (s.max == max && (s.pdf == pdf || Arrays.equals(s.pdf, pdf))) {
                    return s;
                }
            }
            return null;
        }

        /** The longest scan of bytes {@code pdf} begins with. */
        synchronized Scan prefix(byte[] pdf, long max) {
            Scan best = null;
            for (Scan s : kept) {
                int n = s.pdf.length;
                if (s.max == max && n < pdf.length && (best == null || n > best.pdf.length)
                        && Arrays.equals(s.pdf, 0, n, pdf, 0, n)) {
                    best = s;
                }
            }
            return best;
        }

        synchronized void add(Scan scan) {
            kept.addFirst(scan);
            while (kept.size() > KEPT) {
                kept.removeLast();
            }
        }
    }

    /**
     * Refuses {@code pdf} (the budget's decompressed-bytes limit, sticky) when its load-time streams decode past it;
     * otherwise what they decoded to. Scanned once per file (above).
     */
    static Scan check(byte[] pdf, long maxBytes, FileBudget budget) throws IOException {
        budget.checkpoint(); // a file already over a limit is not scanned again
        Scans scans = budget.memo(Scans.class, Scans::new);
        Scan same = scans.same(pdf, maxBytes);
        if (same != null) {
            return same;
        }
        Scan before = scans.prefix(pdf, maxBytes);
        List<Found> found = new ArrayList<>();
        int from = 0;
        if (before != null) {
            from = before.restart;
            before.found.stream().filter(f -> f.at() < before.restart).forEach(found::add);
        }
        long[] total = {found.stream().mapToLong(Found::decoded).sum()};
        int restart = Math.max(0, pdf.length - TAIL);
        WORK.get()[0] += pdf.length - from;
        int objectStream = PdfFiles.indexOf(pdf, OBJECT_STREAM, from, pdf.length);
        int xrefStream = PdfFiles.indexOf(pdf, XREF_STREAM, from, pdf.length);
        while (objectStream >= 0 || xrefStream >= 0) {
            boolean isObjectStream = xrefStream < 0 || (objectStream >= 0 && objectStream < xrefStream);
            int at = isObjectStream ? objectStream : xrefStream;
            byte[] type = isObjectStream ? OBJECT_STREAM : XREF_STREAM;
            if (isTypeValue(pdf, at, type.length)) {
                Found f = decode(pdf, at, isObjectStream, total, maxBytes, budget);
                if (f == null ? !settled(pdf, at) : f.data() + f.rawLength() == pdf.length) {
                    restart = Math.min(restart, at); // what more bytes could change
                }
                if (f != null) {
                    found.add(f);
                }
            }
            if (isObjectStream) {
                objectStream = PdfFiles.indexOf(pdf, OBJECT_STREAM, at + 1, pdf.length);
            } else {
                xrefStream = PdfFiles.indexOf(pdf, XREF_STREAM, at + 1, pdf.length);
            }
        }
        Scan scan = new Scan(pdf, maxBytes, found, restart);
        scans.add(scan);
        return scan;
    }

    /** Work done on this thread so far: bytes searched, load-time streams decoded, documents measured (tests). */
    static long[] work() {
        return WORK.get().clone();
    }

    /** The name at {@code at} is the value of {@code /Type} and ends there (not {@code /XRefStm}). */
    private static boolean isTypeValue(byte[] pdf, int at, int length) {
        int end = at + length;
        if (end < pdf.length && !isDelimiterOrSpace(pdf[end])) {
            return false;
        }
        int i = skipSpacesBack(pdf, at - 1);
        return i + 1 >= TYPE_KEY.length && PdfFiles.indexOf(pdf, TYPE_KEY, i + 1 - TYPE_KEY.length, i + 1) >= 0;
    }

    /** Whether no stream was found at {@code at} for a reason more bytes cannot change (its keyword's reach ends inside). */
    private static boolean settled(byte[] pdf, int at) {
        return (long) at + DICTIONARY_REACH <= pdf.length
                || PdfFiles.indexOf(pdf, STREAM, at, pdf.length) >= 0;
    }

    /**
     * Decodes the stream whose dictionary holds {@code at} (its filters and raw data as written), counting it into
     * {@code total}; null when unclear (no {@code stream} keyword within reach, no filter).
     */
    private static Found decode(byte[] pdf, int at, boolean objectStream, long[] total, long maxBytes,
                                FileBudget budget) throws IOException {
        int keyword = PdfFiles.indexOf(pdf, STREAM, at, Math.min(pdf.length, at + DICTIONARY_REACH));
        if (keyword < 0 || (keyword >= 3 && pdf[keyword - 3] == 'e' && pdf[keyword - 2] == 'n' && pdf[keyword - 1] == 'd')) {
            return null;
        }
        int obj = lastIndexOf(pdf, OBJ, Math.max(0, at - DICTIONARY_REACH), at);
        List<COSName> filters = filters(pdf, Math.max(0, obj), keyword);
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
        int end = PdfFiles.indexOf(pdf, END_STREAM, data, pdf.length);
        int rawLength = (end < 0 ? pdf.length : end) - data;
        COSStream stream = new COSStream();
        stream.setItem(COSName.FILTER, filters.size() == 1 ? filters.get(0) : new COSArray(filters));
        try (OutputStream raw = stream.createRawOutputStream()) {
            raw.write(pdf, data, rawLength);
        }
        long before = total[0];
        boolean complete = PdfStreams.count(stream, total, maxBytes, budget);
        WORK.get()[1]++;
        return new Found(at, header(pdf, obj), data, rawLength, filters, objectStream, complete, total[0] - before);
    }

    /** The offset of the object header {@code N G obj} whose {@code obj} is at {@code obj}, or -1. */
    private static long header(byte[] pdf, int obj) {
        if (obj < 0) {
            return -1;
        }
        int i = obj - 1;
        for (int field = 0; field < 2; field++) { // the generation, then the object number, each after a space
            int digits = skipSpacesBack(pdf, i);
            int before = digits;
            while (before >= 0 && pdf[before] >= '0' && pdf[before] <= '9') {
                before--;
            }
            if (digits == i || before == digits) {
                return -1;
            }
            i = before;
        }
        return i + 1;
    }

    /**
     * The filter names of the last {@code /Filter} in {@code pdf[from, to)}: one name, or the names in an array
     * (other things in the array are passed over); none when the value is anything else (a reference, say).
     */
    static List<COSName> filters(byte[] pdf, int from, int to) {
        List<COSName> names = new ArrayList<>();
        int key = lastIndexOf(pdf, FILTER, from, to);
        if (key < 0) {
            return names;
        }
        int i = skipSpaces(pdf, key + FILTER.length, to);
        boolean array = i < to && pdf[i] == '[';
        if (array) {
            i++;
        }
        while ((i = skipSpaces(pdf, i, to)) < to && !(array && pdf[i] == ']')) {
            int end = i + 1;
            while (end < to && !isDelimiterOrSpace(pdf[end])) {
                end++;
            }
            if (pdf[i] == '/' && end > i + 1) {
                names.add(COSName.getPDFName(name(pdf, i + 1, end)));
            }
            if (!array) {
                break; // one name, or nothing this scan can use
            }
            i = end;
        }
        return names;
    }

    /** A name's characters, {@code #xx} escapes decoded as PDFBox's parser does. */
    private static String name(byte[] pdf, int from, int to) {
        StringBuilder s = new StringBuilder(to - from);
        for (int i = from; i < to; i++) {
            int hi = i + 2 < to && pdf[i] == '#' ? Character.digit(pdf[i + 1], 16) : -1;
            int lo = hi >= 0 ? Character.digit(pdf[i + 2], 16) : -1;
            if (lo >= 0) {
                s.append((char) (hi << 4 | lo));
                i += 2;
            } else {
                s.append((char) (pdf[i] & 0xFF));
            }
        }
        return s.toString();
    }

    private static int skipSpaces(byte[] pdf, int i, int to) {
        while (i < to && isSpace(pdf[i])) {
            i++;
        }
        return i;
    }

    private static int skipSpacesBack(byte[] pdf, int i) {
        while (i >= 0 && isSpace(pdf[i])) {
            i--;
        }
        return i;
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t' || b == '\f' || b == 0;
    }

    private static boolean isDelimiterOrSpace(byte b) {
        return isSpace(b) || "/<>[]()%{}".indexOf(b) >= 0;
    }

    /** Where {@code needle} last occurs wholly inside {@code haystack[from, to)}, or -1: searched backwards. */
    private static int lastIndexOf(byte[] haystack, byte[] needle, int from, int to) {
        outer:
        for (int i = to - needle.length; i >= Math.max(0, from); i--) {
            for (int k = 0; k < needle.length; k++) {
                if (haystack[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
