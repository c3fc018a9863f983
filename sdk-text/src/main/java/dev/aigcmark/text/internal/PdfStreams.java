package dev.aigcmark.text.internal;

import dev.aigcmark.core.io.BudgetExceededException;
import dev.aigcmark.core.io.FileBudget;
import dev.aigcmark.core.io.UnreadableInputException;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDocument;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.filter.DecodeOptions;
import org.apache.pdfbox.filter.Filter;
import org.apache.pdfbox.filter.FilterFactory;
import org.apache.pdfbox.pdmodel.PDDocument;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * PDF streams decoded within limits. PDFBox decodes a stream whole into memory (only a page's single
 * {@code /FlateDecode} content stream lazily) and has no limit of its own: a 1.5 MB stream inflating to 1.5 GB
 * took 2 GB of memory as the XMP metadata stream, a form XObject or a page's {@code /Contents} array, and as a
 * page's content stream it kept the verifier busy for about its 10 s of CPU time, so that file's verdict (NONE or
 * {@code asset.timeout}) depended on the machine's speed. So {@link #checkDecodedSize} decodes, once, every stream a
 * reading of the document may decode, right after PDFBox loaded it, and without keeping the output: the decoded
 * bytes are counted by {@link PdfFilterBounds} together with what PDFBox decoded while loading, so a document whose
 * streams decode to more than the file's decompressed-bytes limit is refused with that limit
 * ({@code asset.limit.decompressedBytes}) after at most that many bytes of output, a fraction of a second on any
 * machine, before a reading decodes anything. {@link #decode} reads one stream (metadata, a C2PA store) keeping at
 * most a given number of bytes.
 */
public final class PdfStreams {
    /** Image codecs: never decoded when a document is read for text and metadata (images are not looked at). */
    private static final Set<String> IMAGE_FILTERS = Set.of("DCTDecode", "DCT", "JPXDecode", "JBIG2Decode",
            "CCITTFaxDecode", "CCF");
    private static final COSName EMBEDDED_FILE = COSName.getPDFName("EmbeddedFile");
    private static final int CHUNK = 1 << 16;

    private PdfStreams() {
    }

    /**
     * Refuses {@code doc} when the streams a reading may decode (page contents, forms, fonts, CMaps, Type 3 glyphs,
     * object streams, metadata; not images, which are never decoded, nor attached files, which only {@link #decode}
     * reads) decode, together with what PDFBox decoded while loading it, to more than the file's limit: the budget is
     * exceeded ({@link FileBudget.Limit#DECOMPRESSED_BYTES}, sticky). Run inside {@link PdfFilterBounds#counting},
     * the scope the document was loaded in, which counts each stream once (an object stream PDFBox decoded while
     * loading is not decoded again here: it would add nothing). A stream that does not decode is left to the
     * reader, which copes with damage as before.
     */
    static void checkDecodedSize(PDDocument doc, FileBudget budget) throws IOException {
        COSDocument cos = doc.getDocument();
        for (Map.Entry<COSObjectKey, Long> e : new ArrayList<>(cos.getXrefTable().entrySet())) {
            Long offset = e.getValue();
            if (offset == null || offset <= 0) {
                continue; // free, or inside an object stream (where no stream can be)
            }
            COSObject object = cos.getObjectFromPool(e.getKey());
            COSBase base = object == null ? null : object.getObject();
            if (base instanceof COSStream stream && !filters(stream).isEmpty() && decodedWhenRead(stream)
                    && !PdfFilterBounds.counted(stream, filters(stream).size())) { // PDFBox decoded it loading
                measure(stream, budget);
            }
        }
    }

    /** Decodes {@code stream} once, keeping nothing (its bytes are counted as they are decoded); damage is left. */
    private static void measure(COSStream stream, FileBudget budget) throws IOException {
        try {
            decode(stream, new Sink(budget, -1));
        } catch (BudgetExceededException over) {
            throw over;
        } catch (IOException | RuntimeException damaged) {
            // damaged data: the reader meets it (and copes, or reports it) as before
        }
        budget.checkpoint(); // sticky: an exceeded limit a filter swallowed ends the file here
    }

    /**
     * The decoded bytes of {@code stream}, refused ({@link UnreadableInputException}) past {@code maxBytes}, which
     * is all that is ever held: what a filter would produce beyond it is not.
     */
    public static byte[] decode(COSStream stream, int maxBytes, String what) throws IOException {
        Sink sink = new Sink(FileBudget.current(), maxBytes);
        try {
            decode(stream, sink);
        } catch (IOException e) {
            if (!sink.tooLarge) {
                throw e;
            }
        }
        if (sink.tooLarge) {
            throw new UnreadableInputException(what + " is larger than the limit of " + maxBytes + " bytes");
        }
        return sink.bytes();
    }

    private static boolean decodedWhenRead(COSStream stream) {
        if (COSName.IMAGE.equals(stream.getCOSName(COSName.SUBTYPE))) {
            return false;
        }
        COSName type = stream.getCOSName(COSName.TYPE);
        // cross-reference streams: decoded (and counted) while loading; a stream parsed from them is not the pool's
        return !COSName.XREF.equals(type) && !EMBEDDED_FILE.equals(type);
    }

    /** The stream's filter names, in order (what is not a name left out). */
    static List<COSName> filters(COSStream stream) {
        COSBase f = stream.getFilters();
        if (f instanceof COSName n) {
            return List.of(n);
        }
        List<COSName> names = new ArrayList<>();
        if (f instanceof COSArray a) {
            for (int i = 0; i < a.size(); i++) {
                if (a.getObject(i) instanceof COSName n) {
                    names.add(n);
                }
            }
        }
        return names;
    }

    /**
     * Runs the stream's filters (bounded: {@link PdfFilterBounds#bounded}), the last one into {@code sink}; false
     * (nothing decoded) when an image codec is among them.
     */
    private static boolean decode(COSStream stream, Sink sink) throws IOException {
        List<COSName> names = filters(stream);
        if (names.stream().anyMatch(n -> IMAGE_FILTERS.contains(n.getName()))) {
            return false;
        }
        InputStream in = stream.createRawInputStream();
        try {
            for (int i = 0; i < names.size(); i++) {
                Filter filter = PdfFilterBounds.bounded(FilterFactory.INSTANCE.getFilter(names.get(i)));
                // a stage before the last is kept to feed the next (its bytes are counted as any stage's)
                Sink out = i == names.size() - 1 ? sink : new Sink(sink.budget, Long.MAX_VALUE);
                try (InputStream stage = in) {
                    filter.decode(stage, out, stream, i, DecodeOptions.DEFAULT);
                }
                out.flush();
                sink.budget.checkpoint(); // sticky: a filter that caught an exceeded limit does not get to carry on
                in = out.input();
            }
            if (names.isEmpty()) {
                in.transferTo(sink);
                sink.flush();
            }
            return true;
        } finally {
            in.close();
        }
    }

    /**
     * Takes what the last filter writes, keeping up to {@code keep} bytes ({@code keep < 0}: none), noting when there
     * was more; the filters count it ({@link PdfFilterBounds}).
     */
    private static final class Sink extends OutputStream implements PdfFilterBounds.Streaming {
        final FileBudget budget;
        final long keep;
        final List<byte[]> kept = new ArrayList<>();
        final byte[] buffer = new byte[CHUNK];
        int buffered;
        long size;
        boolean tooLarge;

        Sink(FileBudget budget, long keep) {
            this.budget = budget;
            this.keep = keep;
        }

        @Override
        public void write(int b) throws IOException {
            if (buffered == buffer.length) {
                flush();
            }
            buffer[buffered++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                if (buffered == buffer.length) {
                    flush();
                }
                int n = Math.min(len, buffer.length - buffered);
                System.arraycopy(b, off, buffer, buffered, n);
                buffered += n;
                off += n;
                len -= n;
            }
        }

        @Override
        public void flush() throws IOException {
            if (buffered == 0) {
                return;
            }
            int n = buffered;
            buffered = 0;
            budget.checkpoint();
            if (keep >= 0) {
                long room = Math.max(0, Math.min(n, keep - size));
                if (room < n) {
                    tooLarge = true;
                }
                if (room > 0) {
                    kept.add(java.util.Arrays.copyOf(buffer, (int) room));
                }
            }
            size += n;
            if (tooLarge) {
                throw new IOException("over the limit"); // stops the filter; decode(...) reports it
            }
        }

        byte[] bytes() {
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(size, Integer.MAX_VALUE - 8));
            kept.forEach(out::writeBytes);
            return out.toByteArray();
        }

        InputStream input() {
            List<InputStream> parts = new ArrayList<>();
            kept.forEach(k -> parts.add(new ByteArrayInputStream(k)));
            return new SequenceInputStream(Collections.enumeration(parts));
        }
    }
}
