package dev.aigcmark.text.internal;

import dev.aigcmark.core.io.FileBudget;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.filter.DecodeOptions;
import org.apache.pdfbox.filter.DecodeResult;
import org.apache.pdfbox.filter.Filter;
import org.apache.pdfbox.filter.FilterFactory;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The backstop under {@link PdfLoadStreams}: the load-time scan finds object and cross-reference streams by their
 * {@code /Type} in the raw bytes, but PDFBox decodes as an object stream whatever a cross-reference entry points
 * at, with or without that {@code /Type}, with a name written in {@code #xx} escapes, or a {@code /Filter} given as
 * a reference, none of which a byte scan can follow; each such 1.5 MB file decoded 1.5 GB into memory while loading
 * (an {@code OutOfMemoryError} under a 512 MB heap). So every non-image filter of PDFBox's {@link FilterFactory} is
 * wrapped: inside a file's work (a bound {@link FileBudget}) one stream's decoded output past the file's
 * decompressed-bytes limit exceeds the budget ({@code asset.limit.decompressedBytes}, sticky) and stops the decode,
 * wherever PDFBox decodes it. Outside a file's work (another user of PDFBox in the same JVM) the filters decode as
 * before. Installed once, by reflection (PDFBox has no hook for it); where that is refused (PDFBox in a module
 * that does not open its package) the scan and the measuring pass remain.
 */
final class PdfFilterBounds {
    /** Image codecs: their output is pixels, decoded only to render, which a reading never does. */
    private static final Set<String> IMAGE_FILTERS = Set.of("DCTDecode", "JPXDecode", "JBIG2Decode", "CCITTFaxDecode");
    private static final boolean INSTALLED = install();

    private PdfFilterBounds() {
    }

    /** Whether PDFBox's filters are bounded in this JVM (installs them on first use). */
    static boolean installed() {
        return INSTALLED;
    }

    @SuppressWarnings("unchecked")
    private static boolean install() {
        try {
            Field field = FilterFactory.class.getDeclaredField("filters");
            field.setAccessible(true);
            Map<COSName, Filter> filters = (Map<COSName, Filter>) field.get(FilterFactory.INSTANCE);
            Map<COSName, Filter> bounded = new HashMap<>();
            filters.forEach((name, filter) -> bounded.put(name, filter instanceof Bounded
                    || IMAGE_FILTERS.contains(name.getName()) ? filter : new Bounded(filter)));
            field.set(FilterFactory.INSTANCE, bounded);
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false; // PDFBox's package is closed to us: the load-time scan and the measuring pass remain
        }
    }

    /** A filter whose decoded output for one stream is counted against the file's limit. */
    private static final class Bounded extends Filter {
        private final Filter filter;

        Bounded(Filter filter) {
            this.filter = filter;
        }

        @Override
        public DecodeResult decode(InputStream encoded, OutputStream decoded, COSDictionary parameters, int index)
                throws IOException {
            return filter.decode(encoded, limited(decoded), parameters, index);
        }

        @Override
        public DecodeResult decode(InputStream encoded, OutputStream decoded, COSDictionary parameters, int index,
                                   DecodeOptions options) throws IOException {
            return filter.decode(encoded, limited(decoded), parameters, index, options);
        }

        @Override
        protected void encode(InputStream input, OutputStream encoded, COSDictionary parameters) throws IOException {
            filter.encode(input, encoded, parameters, 0);
        }

        private static OutputStream limited(OutputStream decoded) {
            return FileBudget.isBound() ? new Limited(decoded, FileBudget.current()) : decoded;
        }
    }

    /** Counts one stream's decoded bytes; past the limit the budget is exceeded. */
    private static final class Limited extends FilterOutputStream {
        private static final int CHECK_EVERY = 1 << 20;
        private final FileBudget budget;
        private final long max;
        private long written;

        Limited(OutputStream out, FileBudget budget) {
            super(out);
            this.budget = budget;
            this.max = budget.limits().maxDecompressedBytes();
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
            if (written > max) {
                throw budget.exceed(FileBudget.Limit.DECOMPRESSED_BYTES, "has a PDF stream that decodes to more than "
                        + max + " bytes");
            }
            if (before / CHECK_EVERY != written / CHECK_EVERY) {
                budget.checkpoint(); // the deadline, and a limit exceeded elsewhere
            }
        }
    }
}
