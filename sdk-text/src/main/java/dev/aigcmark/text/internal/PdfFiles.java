package dev.aigcmark.text.internal;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.io.BudgetExceededException;
import dev.aigcmark.core.io.FileBudget;
import dev.aigcmark.core.io.UnreadableInputException;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opening PDFs safely: PDFBox with a bounded scratch memory, its exceptions turned into clear
 * "cannot read" messages, and a check of the {@code startxref} pointer, because PDFBox silently rebuilds a
 * broken cross-reference table, and appending an incremental update to such a file would point the new
 * section's {@code /Prev} into garbage.
 */
public final class PdfFiles {
    private static final Pattern STARTXREF = Pattern.compile("startxref\\s+(\\d{1,15})\\s+%%EOF");
    private static final Pattern OBJ = Pattern.compile("\\d+\\s+\\d+\\s+obj\\b");
    /** Scratch memory for decoded streams; a flate bomb in a content stream stops here. */
    private static final long MAX_SCRATCH = 256L << 20;
    private static final byte[] PDF_MAGIC = "%PDF-".getBytes(StandardCharsets.US_ASCII);
    private static final int SHORT_SPAN = 4096;


    static {
        PdfFilterBounds.installed(); // PDFBox's filters bounded before any document is loaded
    }

    private PdfFiles() {
    }

    public static boolean hasPdfHeader(byte[] head, int length) {
        return indexOf(head, PDF_MAGIC, 0, Math.min(length, 1024)) >= 0;
    }

    /**
     * Where {@code needle} first occurs wholly inside {@code haystack[from, to)}, or -1. Long spans are searched as
     * Latin-1 strings, a window at a time (growing from 4 KB to 1 MB), whose {@code indexOf} the JVM runs as an
     * intrinsic: several times faster than a byte loop, which matters for the load-time scan of a large PDF.
     */
    static int indexOf(byte[] haystack, byte[] needle, int from, int to) {
        from = Math.max(0, from);
        if (to - from <= SHORT_SPAN) {
            return indexOfShort(haystack, needle, from, to);
        }
        String target = new String(needle, StandardCharsets.ISO_8859_1);
        int window = SHORT_SPAN;
        for (int start = from; start + needle.length <= to; start += window, window = Math.min(window * 4, 1 << 20)) {
            int end = (int) Math.min(to, (long) start + window + needle.length - 1); // windows overlap by a needle
            int i = new String(haystack, start, end - start, StandardCharsets.ISO_8859_1).indexOf(target);
            if (i >= 0) {
                return start + i;
            }
        }
        return -1;
    }

    private static int indexOfShort(byte[] haystack, byte[] needle, int from, int to) {
        outer:
        for (int i = from; i + needle.length <= to; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (haystack[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /**
     * Loads a PDF to read or edit it: refused when its streams decode to more than the file's decompressed-bytes
     * limit ({@link PdfStreams#checkDecodedSize}), before anything else decodes them. The same bytes loaded again for
     * the same file (its {@link FileBudget}) are not measured again.
     */
    public static PDDocument load(byte[] bytes, String name, ReadLimits limits) throws UnreadableInputException {
        FileBudget budget = FileBudget.current();
        PdfLoadStreams.Scan scan = scan(bytes, name, limits, budget);
        PDDocument doc = open(bytes, name, limits, budget);
        try {
            if (!scan.measured()) {
                PdfStreams.checkDecodedSize(doc, scan, budget);
                scan.measured(true);
            }
            return doc;
        } catch (IOException | RuntimeException e) {
            closeQuietly(doc);
            if (e instanceof UnreadableInputException u) {
                throw u;
            }
            throw new UnreadableInputException(name + " is not a readable PDF: " + e.getMessage(), e);
        }
    }

    /**
     * Loads a PDF without measuring its streams: only for looking at its structure (the catalog), never for
     * reading its contents or metadata. The streams PDFBox decodes while loading are measured first
     * ({@link PdfLoadStreams}).
     */
    public static PDDocument open(byte[] bytes, String name, ReadLimits limits) throws UnreadableInputException {
        FileBudget budget = FileBudget.current();
        scan(bytes, name, limits, budget);
        return open(bytes, name, limits, budget);
    }

    private static PdfLoadStreams.Scan scan(byte[] bytes, String name, ReadLimits limits, FileBudget budget)
            throws UnreadableInputException {
        try {
            return PdfLoadStreams.check(bytes, limits.maxDecompressedBytes(), budget);
        } catch (BudgetExceededException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new UnreadableInputException(name + " is not a readable PDF: " + e.getMessage(), e);
        }
    }

    private static PDDocument open(byte[] bytes, String name, ReadLimits limits, FileBudget budget)
            throws UnreadableInputException {
        long scratch = Math.min(MAX_SCRATCH, limits.maxDecompressedBytes());
        try {
            // Through the file's budget: PDFBox's reads are checkpoints for the deadline (it cannot be interrupted).
            return Loader.loadPDF(new BudgetedPdfSource(bytes, budget), "", null, null,
                    MemoryUsageSetting.setupMainMemoryOnly(scratch).streamCache);
        } catch (BudgetExceededException e) {
            throw e;
        } catch (InvalidPasswordException e) {
            throw new UnreadableInputException(name + " is an encrypted PDF that needs a password to open");
        } catch (IOException | RuntimeException e) {
            // PDFBox carries on past a failed decode (and fails later for want of what it held): a limit its
            // bounded filters hit (PdfFilterBounds) is the reason
            Optional<BudgetExceededException> over = budget.exceeded();
            if (over.isPresent()) {
                throw over.get();
            }
            throw new UnreadableInputException(name + " is not a readable PDF: " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(PDDocument doc) {
        try {
            doc.close();
        } catch (IOException ignored) {
            // nothing was written
        }
    }

    /**
     * Why the file's last {@code startxref} does not point at a cross-reference section, or empty when it
     * does. Only the tail is looked at: a file that ends without {@code startxref ... %%EOF} is truncated.
     */
    public static Optional<String> brokenXref(byte[] bytes) {
        int tailStart = Math.max(0, bytes.length - 2048);
        String tail = new String(bytes, tailStart, bytes.length - tailStart, StandardCharsets.ISO_8859_1);
        Matcher m = STARTXREF.matcher(tail);
        long offset = -1;
        while (m.find()) {
            offset = Long.parseLong(m.group(1));
        }
        if (offset < 0) {
            return Optional.of("no 'startxref ... %%EOF' at the end: the file is truncated");
        }
        if (offset >= bytes.length) {
            return Optional.of("startxref points at offset " + offset + ", past the end of the file");
        }
        int n = (int) Math.min(64, bytes.length - offset);
        String at = new String(bytes, (int) offset, n, StandardCharsets.ISO_8859_1);
        if (at.startsWith("xref") || OBJ.matcher(at).lookingAt()) {
            return Optional.empty();
        }
        return Optional.of("startxref points at offset " + offset + ", which is not a cross-reference section");
    }
}
