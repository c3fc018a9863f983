package dev.aigcmark.text.internal;

import dev.aigcmark.core.io.BudgetExceededException;
import dev.aigcmark.core.io.FileBudget;
import dev.aigcmark.core.io.UnreadableInputException;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.filter.DecodeOptions;
import org.apache.pdfbox.filter.DecodeResult;
import org.apache.pdfbox.filter.Filter;
import org.apache.pdfbox.filter.FilterFactory;
import org.apache.pdfbox.pdmodel.PDDocument;

import java.io.ByteArrayInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The bound on what PDFBox decodes, wherever it decodes it. PDFBox decodes a stream whole into memory and has no
 * limit of its own, and while it loads a document it decodes, as an object stream or a cross-reference stream,
 * whatever a cross-reference entry points at: with or without a {@code /Type}, with its names in {@code #xx} escapes,
 * its {@code /Filter} a reference (a 1.5 MB file of any of these decoded 1.5 GB: an {@code OutOfMemoryError} under a
 * 512 MB heap). A scan of the raw bytes cannot follow names, escapes and references without becoming a PDF parser, so
 * every non-image filter of PDFBox's {@link FilterFactory} is wrapped instead (installed once, by reflection: PDFBox
 * has no hook for it), and the bound sits where the bytes are produced:
 * <ul>
 *   <li>while a document is loaded and measured ({@link #counting}: {@link PdfFiles} loads, then
 *   {@link PdfStreams#checkDecodedSize} decodes the rest of its streams once), all the decoded bytes of that
 *   document are counted together, each stream (each filter stage of it) once however often PDFBox decodes it: past
 *   the file's decompressed-bytes limit the budget is exceeded ({@code asset.limit.decompressedBytes}, sticky) and
 *   the decode stops. So a bomb split over several streams, load-time streams included (several disguised object or
 *   cross-reference streams each under the limit), is refused while PDFBox loads it, and PDFBox never holds more
 *   than the limit of decoded bytes for it. PDFBox decodes a stream whole into memory, so a stream it decodes the
 *   first time is first decoded into nothing and counted ({@link Bounded}): one that would take the total past the
 *   limit is refused before PDFBox holds a byte of it (what it holds is the streams that were under the limit);</li>
 *   <li>afterwards (text extraction decoding what the measuring pass counted already) one stream's output past the
 *   limit exceeds the budget the same way, and a reading of a loaded document ({@link #reading}: text extraction)
 *   adds to that document's total ({@link #keepCounting}): a measured stream adds nothing, while a stream the
 *   measuring pass skipped because it declares itself an image or an attached file, but which a page's contents, a
 *   form or a font points at (PDFBox does not check those keys), adds its output;</li>
 *   <li>outside a file's work (no bound {@link FileBudget}: another user of PDFBox in the same JVM) the filters
 *   decode as before, except while {@link PdfFiles} loads and measures a document (a handler called directly,
 *   without a {@code Verifier} or {@code Marker}): that document is counted against the limits it is loaded
 *   with.</li>
 * </ul>
 * Each document loaded is counted apart: marking loads a PDF several times, each step's output its input with an
 * update appended, and each load is a document as a reader would see it, so the same streams are not summed over
 * the loads (a legitimate document up to the limit can be marked, not one up to a fraction of it).
 *
 * <p>Until session 12 a second mechanism guarded the same decodes: a scan of the raw bytes ({@code PdfLoadStreams})
 * found the load-time streams by their {@code /Type}, decoded them once more before PDFBox saw the file, and kept its
 * findings per file. Nothing of it is kept. Its one edge, refusing a <em>typed</em> load-time bomb before PDFBox
 * held any of it (about 85 MB peak RSS against about 250 MB in session 12, when PDFBox held up to the limit before
 * the sum stopped it), this has since session 13 for every stream, typed or disguised, by decoding a stream into
 * nothing before PDFBox decodes it (about 80 MB, {@code scripts/bomb-rss.sh}); it saw only typed streams, and the
 * disguised ones (no {@code /Type}, {@code #xx} escapes, a {@code /Filter} reference) it never saw.
 *
 * <p>Image codecs (DCT, JPX, JBIG2, CCITT fax) are not run at all inside a file's work: their output is pixels,
 * decoded only to render, which a reading never does (text extraction skips images, the content digest hashes raw
 * bytes, the measuring pass passes them over). Yet PDFBox runs whatever codec a load-time stream names: a 598-byte
 * PDF whose object stream was "/Filter /DCTDecode" over a tiny JPEG declaring 20000x20000 pixels made ImageIO
 * allocate the raster while loading, an {@code OutOfMemoryError} under a 512 MB heap (found in session 12). So
 * inside a file's work (and while {@link PdfFiles} loads a document) an image codec refuses with an
 * {@link IOException}, before reading a byte: the stream is damaged to PDFBox, which copes or fails as with any
 * damage. Outside a file's work it decodes as before. Where
 * the wrapping fails (a PDFBox without the {@code FilterFactory.filters} map this wraps, one that no longer hands out
 * its filters from it, or its package closed to us) no PDF is loaded: {@link #counting} refuses it with an
 * {@link UnreadableInputException} that says why ({@link #refuseIfUnbounded}), rather than letting PDFBox decode a
 * load-time stream without a limit; and {@code PdfFilterBoundsInstallTest} fails, so a PDFBox upgrade that breaks
 * the wrapping fails the build.
 */
final class PdfFilterBounds {
    /**
     * The most encoded bytes of a stream held to decode it into nothing first ({@link Bounded}): a stream that
     * decodes past the 128 MB default limit from at most this much (Flate's ratio is at most about 1000:1) is
     * refused before PDFBox holds any of it.
     */
    private static final int MAX_COUNTED_FIRST = 8 << 20;
    /** Image codecs (their abbreviations name the same filters): their output is pixels, never decoded to read. */
    private static final Set<String> IMAGE_FILTERS = Set.of("DCTDecode", "JPXDecode", "JBIG2Decode", "CCITTFaxDecode");
    /** Why PDFBox's filters are not bounded in this JVM (null: they are), found when they are installed. */
    private static final String UNBOUNDED = install(FilterFactory.INSTANCE, "filters", FilterFactory.INSTANCE::getFilter);
    /** The document being loaded or measured on this thread, if any. */
    private static final ThreadLocal<Document> DOCUMENT = new ThreadLocal<>();
    /** What the last document counted on this thread decoded to, for tests. */
    private static final ThreadLocal<long[]> LAST = ThreadLocal.withInitial(() -> new long[1]);

    private PdfFilterBounds() {
    }

    /** Whether PDFBox's filters are bounded in this JVM (installs them on first use). */
    static boolean installed() {
        return UNBOUNDED == null;
    }

    /** Why PDFBox's filters are not bounded in this JVM, or null when they are (tests: say why). */
    static String unbounded() {
        return UNBOUNDED;
    }

    /**
     * Refuses to load a PDF when PDFBox's filters are not bounded ({@code why} not null): PDFBox would then decode
     * whatever a load-time stream holds, without a limit, before the measuring pass saw it. A PDFBox that no longer
     * has the {@code FilterFactory} field this wraps (a new version) gets this clear refusal, not unbounded decoding.
     */
    static void refuseIfUnbounded(String why) throws UnreadableInputException {
        if (why != null) {
            throw new UnreadableInputException("PDFs are not read in this runtime: PDFBox's filters could not be bounded ("
                    + why + "), so a PDF's streams would decode without a limit; this build wraps PDFBox 3.0.8's"
                    + " FilterFactory.filters");
        }
    }

    /** Work that may throw an {@link IOException}. */
    interface Work<T> {
        T run() throws IOException;
    }

    /**
     * Runs {@code work} (loading one document, and measuring it) with every decoded byte of that document counted
     * together against {@code maxBytes} (the file's decompressed-bytes limit), each stream once (above); going over
     * exceeds {@code budget}.
     */
    static <T> T counting(FileBudget budget, long maxBytes, Work<T> work) throws IOException {
        return counting(UNBOUNDED, budget, maxBytes, work);
    }

    /** {@link #counting(FileBudget, long, Work)} in a JVM where PDFBox's filters are unbounded for {@code why} (tests). */
    static <T> T counting(String why, FileBudget budget, long maxBytes, Work<T> work) throws IOException {
        refuseIfUnbounded(why);
        Document document = new Document(budget, maxBytes);
        try {
            return within(document, work);
        } finally {
            LAST.get()[0] = document.total;
        }
    }

    /** Runs {@code work} with {@code document} this thread's document, then puts back the one before. */
    private static <T> T within(Document document, Work<T> work) throws IOException {
        Document previous = DOCUMENT.get();
        DOCUMENT.set(document);
        try {
            return work.run();
        } finally {
            if (previous == null) {
                DOCUMENT.remove();
            } else {
                DOCUMENT.set(previous);
            }
        }
    }

    /**
     * Keeps the count of the document being loaded ({@link #counting}) with {@code doc} (in its resource cache, which
     * lives as long as it does), so that its readings ({@link #reading}) add to the same total.
     */
    static void keepCounting(PDDocument doc) {
        Document document = DOCUMENT.get();
        if (document != null) {
            PdfResourceCache.keepFor(doc).decodeCount(document);
        }
    }

    /**
     * Runs a reading of {@code doc} (text extraction) counted in the total kept from its loading: a stream measured
     * then adds nothing (each stream is counted once), while one the measuring pass skipped for what it declares
     * (an image, an attached file) but a page, form or font uses anyway adds its output, so such streams are bounded
     * by the document's total too, not one at a time. A document loaded without {@link #keepCounting} is read as is.
     */
    static <T> T reading(PDDocument doc, Work<T> work) throws IOException {
        Document document = doc.getResourceCache() instanceof PdfResourceCache cache ? cache.decodeCount() : null;
        return document == null ? work.run() : within(document, work);
    }

    /**
     * Whether the document being counted on this thread has counted {@code stream} already, through its last filter
     * stage ({@code stages} filters): decoding it again would add nothing (PDFBox decoded it while loading).
     */
    static boolean counted(COSDictionary stream, int stages) {
        Document document = DOCUMENT.get();
        return document != null && stages > 0 && document.seen(stream, stages - 1);
    }

    /** The bytes the last document {@link #counting} counted on this thread decoded to, each stream once (tests). */
    static long lastCounted() {
        return LAST.get()[0];
    }

    /** {@code filter} bounded as PDFBox's own filters are (the same filter when it is one of them already). */
    static Filter bounded(Filter filter) {
        return filter instanceof Bounded ? filter : new Bounded(filter);
    }

    /** How a filter factory hands out the filter of a name. */
    interface Lookup {
        Filter filter(COSName name) throws IOException;
    }

    /**
     * Wraps every filter in {@code factory}'s map field {@code field} (by reflection: PDFBox has no hook for it), then
     * checks that {@code lookup} hands out the wrapped filters. Null when it does; else why not (the field is gone or
     * closed to us, or the factory no longer reads it): a PDFBox other than the one this was written for.
     */
    @SuppressWarnings("unchecked")
    static String install(Object factory, String field, Lookup lookup) {
        try {
            Field declared = factory.getClass().getDeclaredField(field);
            declared.setAccessible(true);
            Map<COSName, Filter> filters = (Map<COSName, Filter>) declared.get(factory);
            Set<Filter> images = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
            filters.forEach((name, filter) -> {
                if (IMAGE_FILTERS.contains(name.getName())) {
                    images.add(filter);
                }
            });
            // one wrapper a filter, so an abbreviation (/Fl) is the same filter as its full name, as in PDFBox
            Map<Filter, Filter> wrappers = new IdentityHashMap<>();
            Map<COSName, Filter> bounded = new HashMap<>();
            filters.forEach((name, filter) -> bounded.put(name, wrappers.computeIfAbsent(filter,
                    f -> images.contains(f) ? new ImageCodec(f) : bounded(f))));
            declared.set(factory, bounded);
            for (Map.Entry<COSName, Filter> e : bounded.entrySet()) {
                if (lookup.filter(e.getKey()) != e.getValue()) {
                    return factory.getClass().getName() + " does not hand out the filters of its field " + field
                            + " (" + e.getKey().getName() + ")";
                }
            }
            return bounded.isEmpty() ? factory.getClass().getName() + "." + field + " holds no filter" : null;
        } catch (ReflectiveOperationException | IOException | RuntimeException e) {
            return factory.getClass().getName() + "." + field + ": " + e; // e.g. PDFBox's package closed to us
        }
    }

    /**
     * One of PDFBox's filters with hooks on each decode: {@link #input} says what the filter reads, {@link #output}
     * where it writes (either may refuse the decode before it reads a byte); encoding is the filter's own.
     */
    private abstract static class Delegating extends Filter {
        final Filter filter;

        Delegating(Filter filter) {
            this.filter = filter;
        }

        /** What {@link #filter} reads for this decode of {@code stream}'s stage {@code index} into {@code decoded}. */
        InputStream input(InputStream encoded, OutputStream decoded, COSDictionary stream, int index)
                throws IOException {
            return encoded;
        }

        /** Where {@link #filter} writes its output for this decode of {@code stream}'s stage {@code index}. */
        abstract OutputStream output(OutputStream decoded, COSDictionary stream, int index) throws IOException;

        @Override
        public final DecodeResult decode(InputStream encoded, OutputStream decoded, COSDictionary parameters,
                                         int index) throws IOException {
            InputStream in = input(encoded, decoded, parameters, index);
            return filter.decode(in, output(decoded, parameters, index), parameters, index);
        }

        @Override
        public final DecodeResult decode(InputStream encoded, OutputStream decoded, COSDictionary parameters,
                                         int index, DecodeOptions options) throws IOException {
            InputStream in = input(encoded, decoded, parameters, index);
            return filter.decode(in, output(decoded, parameters, index), parameters, index, options);
        }

        @Override
        protected final void encode(InputStream input, OutputStream encoded, COSDictionary parameters)
                throws IOException {
            filter.encode(input, encoded, parameters, 0);
        }
    }

    /** An image codec: not run inside a file's work (above). */
    private static final class ImageCodec extends Delegating {
        ImageCodec(Filter filter) {
            super(filter);
        }

        @Override
        OutputStream output(OutputStream decoded, COSDictionary stream, int index) throws IOException {
            Document document = DOCUMENT.get();
            if (document != null || FileBudget.isBound()) {
                (document != null ? document.budget : FileBudget.current()).checkpoint();
                throw new IOException("image data (" + filter.getClass().getSimpleName() + ") is not decoded while a PDF"
                        + " is read: a stream that needs it is damaged for reading");
            }
            return decoded;
        }
    }

    /**
     * A filter whose decoded output is counted against the file's limit. PDFBox decodes a stream whole into memory
     * (a buffer it keeps as the stream's data), so a decode stopped at the limit has had PDFBox hold up to the limit
     * first. Where that is so — a document's stream decoded the first time, into anything but one of our own
     * {@link Streaming} outputs — the stream is first decoded once into nothing and counted ({@link #input}): a
     * stream past the limit is refused before PDFBox holds a byte of it, and the decode that follows adds nothing to
     * the count (each stream's stage counts once).
     */
    private static final class Bounded extends Delegating {
        Bounded(Filter filter) {
            super(filter);
        }

        @Override
        InputStream input(InputStream encoded, OutputStream decoded, COSDictionary stream, int index)
                throws IOException {
            Document document = DOCUMENT.get();
            if (document == null || stream == null || decoded instanceof Streaming || document.seen(stream, index)) {
                return encoded;
            }
            byte[] data = encoded.readNBytes(MAX_COUNTED_FIRST + 1);
            if (data.length > MAX_COUNTED_FIRST) { // decoded as it comes, as before (PDFBox holds up to the limit)
                return new SequenceInputStream(new ByteArrayInputStream(data), encoded);
            }
            try {
                filter.decode(new ByteArrayInputStream(data), new Limited(OutputStream.nullOutputStream(),
                        document.budget, document.counted(stream, index)), stream, index);
            } catch (BudgetExceededException over) {
                throw over;
            } catch (IOException | RuntimeException damaged) {
                // damaged data: the decode that follows meets it as before (and counts what it gets to)
            }
            return new ByteArrayInputStream(data);
        }

        @Override
        OutputStream output(OutputStream decoded, COSDictionary stream, int index) {
            Document document = DOCUMENT.get();
            if (document != null) {
                return new Limited(decoded, document.budget, document.counted(stream, index));
            }
            return FileBudget.isBound() ? new Limited(decoded, FileBudget.current(), null) : decoded;
        }
    }

    /**
     * One document's decoded bytes: the most each stream's stage has produced, and their sum. Package-private only
     * so that the document's {@link PdfResourceCache} can hold it ({@link #keepCounting}).
     */
    static final class Document {
        final FileBudget budget;
        final long max;
        final Map<COSDictionary, long[]> streams = new IdentityHashMap<>();
        long total;

        Document(FileBudget budget, long max) {
            this.budget = budget;
            this.max = max;
        }

        /** Whether {@code stream}'s stage {@code index} has produced bytes in this document before. */
        boolean seen(COSDictionary stream, int index) {
            long[] stages = streams.get(stream);
            return stages != null && stages.length > index && stages[index] > 0;
        }

        /** The counter of {@code stream}'s stage {@code index} (a fresh one for a stream PDFBox has no object for). */
        Counted counted(COSDictionary stream, int index) {
            if (stream == null) {
                return new Counted(this, new long[1], 0);
            }
            long[] stages = streams.get(stream);
            if (stages == null || stages.length <= index) {
                stages = stages == null ? new long[index + 1] : Arrays.copyOf(stages, index + 1);
                streams.put(stream, stages);
            }
            return new Counted(this, stages, index);
        }
    }

    /**
     * An output of ours (the measuring pass's, {@link PdfStreams}), which bounds what it holds itself: a stream
     * decoded into it is not decoded into nothing first ({@link Bounded}).
     */
    interface Streaming {
    }

    /** Where one decode's output is counted in its document: its stage's most bytes so far. */
    private record Counted(Document document, long[] stages, int index) {
        /** This decode has written {@code written} bytes: what goes past the stage's most so far adds to the total. */
        boolean over(long written) {
            long more = written - stages[index];
            if (more <= 0) {
                return false; // decoded (and counted) before
            }
            stages[index] = written;
            document.total += more;
            return document.total > document.max;
        }
    }

    /** Counts one decode's output; past the limit (the document's total, or this stream alone) the budget is exceeded. */
    private static final class Limited extends FilterOutputStream {
        private static final int CHECK_EVERY = 1 << 20;
        private final FileBudget budget;
        private final long max;
        private final Counted counted;
        private long written;

        Limited(OutputStream out, FileBudget budget, Counted counted) {
            super(out);
            this.budget = budget;
            this.max = counted != null ? counted.document().max : budget.limits().maxDecompressedBytes();
            this.counted = counted;
        }

        @Override
        public void write(int b) throws IOException {
            count(1);
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            count(len);
            out.write(b, off, len);
        }

        private void count(int n) throws IOException {
            long before = written;
            written += n;
            if (counted != null ? counted.over(written) : written > max) {
                throw budget.exceed(FileBudget.Limit.DECOMPRESSED_BYTES, counted != null
                        ? "has PDF streams that decode to more than " + max + " bytes"
                        : "has a PDF stream that decodes to more than " + max + " bytes");
            }
            if (before / CHECK_EVERY != written / CHECK_EVERY) {
                budget.checkpoint(); // the deadline, and a limit exceeded elsewhere
            }
        }
    }
}
