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

    static {
        PdfFilterBounds.installed(); // PDFBox's filters bounded before any document is loaded
    }

    private PdfFiles() {
    }

    public static boolean hasPdfHeader(byte[] head, int length) {
        int to = Math.min(length, 1024);
        outer:
        for (int i = 0; i + PDF_MAGIC.length <= to; i++) {
            for (int k = 0; k < PDF_MAGIC.length; k++) {
                if (head[i + k] != PDF_MAGIC[k]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /**
     * Loads a PDF to read or edit it: refused when its streams, those PDFBox decodes while loading and the others
     * ({@link PdfStreams#checkDecodedSize}), decode to more than the file's decompressed-bytes limit together
     * ({@link PdfFilterBounds}), before anything else decodes them.
     */
    public static PDDocument load(byte[] bytes, String name, ReadLimits limits) throws UnreadableInputException {
        FileBudget budget = FileBudget.current();
        try {
            return PdfFilterBounds.counting(budget, limits.maxDecompressedBytes(), () -> {
                PDDocument doc = open(bytes, name, limits, budget);
                try {
                    PdfStreams.checkDecodedSize(doc, budget);
                    PdfFilterBounds.keepCounting(doc); // its readings count in the same total
                    return doc;
                } catch (IOException | RuntimeException e) {
                    closeQuietly(doc);
                    throw e;
                }
            });
        } catch (UnreadableInputException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new UnreadableInputException(name + " is not a readable PDF: " + e.getMessage(), e);
        }
    }

    /**
     * Loads a PDF without measuring its streams: only for looking at its structure (the catalog, resolved here),
     * never for reading its contents or metadata. What PDFBox decodes to load it and find the catalog is counted
     * together against the file's limit ({@link PdfFilterBounds}).
     */
    public static PDDocument open(byte[] bytes, String name, ReadLimits limits) throws UnreadableInputException {
        FileBudget budget = FileBudget.current();
        try {
            return PdfFilterBounds.counting(budget, limits.maxDecompressedBytes(), () -> {
                PDDocument doc = open(bytes, name, limits, budget);
                try {
                    doc.getDocumentCatalog();
                    return doc;
                } catch (RuntimeException e) {
                    closeQuietly(doc);
                    budget.checkpoint(); // a limit the bounded filters hit is the reason
                    throw e;
                }
            });
        } catch (UnreadableInputException e) {
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
