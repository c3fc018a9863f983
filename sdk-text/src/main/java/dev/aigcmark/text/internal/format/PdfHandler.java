package dev.aigcmark.text.internal.format;

import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.io.BudgetExceededException;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.io.MediaOutput;
import dev.aigcmark.core.io.UnreadableInputException;
import dev.aigcmark.core.label.LabelJson;
import dev.aigcmark.core.report.Status;
import dev.aigcmark.core.report.StatusCodes;
import dev.aigcmark.core.spi.Carrier;
import dev.aigcmark.core.spi.C2paEmbedding;
import dev.aigcmark.core.spi.CarrierType;
import dev.aigcmark.core.spi.ContentEdit;
import dev.aigcmark.core.spi.ContentMarker;
import dev.aigcmark.core.spi.Container;
import dev.aigcmark.core.spi.ContentDigest;
import dev.aigcmark.core.spi.ContentDigester;
import dev.aigcmark.core.spi.FormatHandler;
import dev.aigcmark.core.spi.LabelCarrierSpec;
import dev.aigcmark.core.spi.LabelEdit;
import dev.aigcmark.core.spi.LabelWriter;
import dev.aigcmark.core.spi.StorePlacement;
import dev.aigcmark.core.spi.TextView;
import dev.aigcmark.core.internal.xmp.XmpException;
import dev.aigcmark.core.internal.xmp.XmpPacket;
import dev.aigcmark.text.internal.InvisibleRunFont;
import dev.aigcmark.text.internal.LabelFonts;
import dev.aigcmark.text.internal.PdfC2pa;
import dev.aigcmark.text.internal.PdfContent;
import dev.aigcmark.text.internal.PdfFiles;
import dev.aigcmark.text.internal.PdfOverlay;
import dev.aigcmark.text.internal.PdfPageText;
import dev.aigcmark.text.internal.PdfResourceCache;
import dev.aigcmark.text.internal.PdfSentenceEnds;
import dev.aigcmark.text.internal.PdfStreams;
import dev.aigcmark.text.internal.mark.ExplicitLabelDetector;
import dev.aigcmark.text.internal.mark.TextMarks;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * PDF (PDFBox 3). The GB 45438 label goes in the document information dictionary as {@code /AIGC} (bare
 * JSON) and, as the same text, in the TC260 XMP of the catalog's metadata stream; the explicit label is
 * drawn in the top-right margin of the first page (or of every page, or the last), embedded as a CJK
 * subset so it extracts as text; our text mark rides in an invisible text run on every page.
 *
 * <p>Every write is an <em>incremental update</em>: the original bytes stay a byte-identical prefix, so a
 * signed PDF keeps its signatures valid. Encrypted files and files whose cross-reference pointer is broken
 * are refused for writing (an update appended to them could not be trusted), with the input untouched.
 *
 * <p>A C2PA manifest store is embedded as an associated file ({@link PdfC2pa}), also by incremental update;
 * its hard binding is a data hash excluding exactly the store's bytes.
 *
 * <p>Placement for the explicit label: {@code start} / {@code first-page} (default), {@code end} /
 * {@code last-page}, {@code both} / {@code every-page}.
 */
public final class PdfHandler implements FormatHandler, LabelWriter, ContentMarker, C2paEmbedding, ContentDigester {
    static final COSName AIGC = COSName.getPDFName("AIGC");
    /** Marking places the text mark after sentence ends on at most this many pages (the overlay run is on all). */
    static final int MAX_TEXT_PAGES = 50;
    /** Verification reads the text of this many leading pages, and of the last page. */
    static final int FIRST_TEXT_PAGES = 2;

    @Override
    public String id() {
        return "pdf";
    }

    @Override
    public String mediaType() {
        return "application/pdf";
    }

    @Override
    public List<String> extensions() {
        return List.of("pdf");
    }

    @Override
    public int sniffLength() {
        return 1024;
    }

    @Override
    public List<LabelCarrierSpec> labelCarriers() {
        return List.of(LabelCarrierSpec.standard("document information dictionary /AIGC"),
                LabelCarrierSpec.standard("XMP TC260:AIGC in the document metadata stream"));
    }

    @Override
    public boolean sniff(byte[] head, int length, String fileName) {
        return PdfFiles.hasPdfHeader(head, length);
    }

    @Override
    public Container scan(MediaInput input, SdkContext context) throws IOException {
        byte[] bytes = input.readAll(context.limits().maxInMemoryBytes());
        Container.Builder container = Container.builder(this, input);
        PdfFiles.brokenXref(bytes).ifPresent(p -> container.problem(Status.tolerated(StatusCodes.ASSET_MALFORMED,
                "cross-reference: " + p + "; read by reconstruction")));
        String text;
        try (PDDocument doc = PdfFiles.load(bytes, input.name(), context.limits())) {
            String info = doc.getDocumentInformation().getCOSObject().getString(AIGC);
            if (info != null) {
                container.carrier(new Carrier(CarrierType.AIGC_JSON, "PDF info /AIGC", -1, -1,
                        info.getBytes(StandardCharsets.UTF_8)));
            }
            try {
                readMetadata(doc, context).ifPresent(xmp -> container.carrier(
                        new Carrier(CarrierType.XMP, "PDF metadata stream", -1, -1, xmp)));
            } catch (UnreadableInputException e) {
                container.problem(Status.failure(StatusCodes.ASSET_LIMIT, e.getMessage()));
            }
            for (byte[] store : PdfC2pa.stores(doc, context.limits().maxMetadataBytes())) {
                container.carrier(new Carrier(CarrierType.JUMBF, "PDF associated file (C2PA_Manifest)", -1, -1, store));
            }
            text = extractText(doc, container);
            container.view(Digested.class, digest(doc, context));
        }
        String pageText = text;
        return container.view(TextView.class, () -> () -> pageText).build();
    }

    /** The content digest, or why it could not be computed; made while the scan has the document open. */
    private record Digested(ContentDigest digest, String problem) {
    }

    private static Supplier<Digested> digest(PDDocument doc, SdkContext context) {
        Digested d;
        try {
            d = new Digested(PdfContent.digest(doc, context.limits().maxDecompressedBytes()), null);
        } catch (IOException | RuntimeException e) {
            d = new Digested(null, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
        Digested done = d;
        return () -> done;
    }

    /** The pages as they display (see {@link PdfContent}); computed during the scan, while the document was open. */
    @Override
    public ContentDigest contentDigest(Container scanned) throws IOException {
        Digested d = scanned.view(Digested.class).orElseThrow(() ->
                new IllegalArgumentException("not a container scanned by the PDF handler"));
        if (d.digest() == null) {
            throw new UnreadableInputException("PDF content: " + d.problem());
        }
        return d.digest();
    }

    private static Optional<byte[]> readMetadata(PDDocument doc, SdkContext context) throws IOException {
        PDMetadata metadata = doc.getDocumentCatalog().getMetadata();
        if (metadata == null) {
            return Optional.empty();
        }
        // decoded within the limit (PDFBox would decode the whole stream into memory first)
        return Optional.of(PdfStreams.decode(metadata.getCOSObject(), context.limits().maxMetadataBytes(),
                "PDF metadata stream"));
    }

    /**
     * Page text for the text mark, and explicit labels: those of the first page read that has one. The first
     * {@value #FIRST_TEXT_PAGES} pages and the last are read first: a document's explicit label is usually at its
     * start or end (our placements: first page, last page, or every page) and our text mark rides on every page,
     * so for a labelled document these pages are all a verification reads, and a long document costs what a short
     * one does (text extraction was most of a PDF verification). GB 45438 also allows "a suitable middle
     * position", so while no label has been found the pages between are read in order, up to
     * {@value #MAX_TEXT_PAGES} pages in all.
     */
    private static String extractText(PDDocument doc, Container.Builder container) throws IOException {
        PdfPageText text = new PdfPageText();
        StringBuilder all = new StringBuilder();
        boolean labelled = false;
        int pages = doc.getNumberOfPages();
        List<Integer> order = textPages(pages);
        for (int i = 0; i < order.size(); i++) {
            int p = order.get(i);
            if (labelled && i >= firstPassLength(pages)) {
                break;
            }
            String page;
            try {
                page = text.page(doc, p);
            } catch (UnreadableInputException | InterruptedIOException e) {
                throw e; // a limit, the budget or a cancelled verification: the whole file is over
            } catch (IOException e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw e; // cancelled while reading: not the page's fault
                }
                // PDFBox refuses a damaged page resource (e.g. a CIDFont used as a page font) by ending the whole
                // page's text: the other pages and the document's metadata labels are still read, and the report
                // says which page's text (so an explicit label on it) was not seen
                container.problem(Status.tolerated(StatusCodes.ASSET_MALFORMED, "page " + p
                        + ": its text cannot be read (" + e.getMessage() + "); an explicit label on it is not seen"));
                continue;
            }
            all.append(page);
            if (!labelled) {
                for (ExplicitLabelDetector.Candidate c : ExplicitLabelDetector.anywhere(page, "page", 500)) {
                    container.carrier(new Carrier(CarrierType.EXPLICIT_TEXT, "page " + p, -1, -1,
                            c.text().getBytes(StandardCharsets.UTF_8)));
                    labelled = true;
                }
            }
        }
        for (String font : PdfResourceCache.keepFor(doc).setAside()) {
            container.problem(Status.tolerated(StatusCodes.ASSET_MALFORMED, font
                    + "; the font was read without it (its text from its ToUnicode map)"));
        }
        return all.toString();
    }

    /**
     * The 1-based numbers of the pages whose text may be read, in reading order: the first few and the last (always
     * read), then the pages between (read only while no explicit label has been found), {@value #MAX_TEXT_PAGES}
     * at most.
     */
    static List<Integer> textPages(int pages) {
        List<Integer> read = new ArrayList<>();
        for (int p = 1; p <= Math.min(pages, FIRST_TEXT_PAGES); p++) {
            read.add(p);
        }
        if (pages > FIRST_TEXT_PAGES) {
            read.add(pages);
        }
        for (int p = FIRST_TEXT_PAGES + 1; p < pages && read.size() < MAX_TEXT_PAGES; p++) {
            read.add(p);
        }
        return read;
    }

    /** How many of {@link #textPages(int)}'s pages are always read. */
    private static int firstPassLength(int pages) {
        return Math.min(pages, FIRST_TEXT_PAGES + 1);
    }

    /** Writes {@code /AIGC} (bare JSON: the key already names it) and the same text in the TC260 XMP. */
    @Override
    public void writeLabel(MediaInput input, MediaOutput output, LabelEdit edit, SdkContext context) throws IOException {
        String json = LabelJson.toBareJson(edit.label());
        update(input, output, context, doc -> {
            COSDictionary info = doc.getDocumentInformation().getCOSObject();
            info.setString(AIGC, json);
            info.setNeedToBeUpdated(true);
            PDDocumentCatalog catalog = doc.getDocumentCatalog();
            byte[] existing = readMetadata(doc, context).orElse(null);
            byte[] xmp;
            try {
                xmp = XmpPacket.update(existing, json, edit.digitalSourceType(), context.limits());
            } catch (XmpException e) {
                throw new UnreadableInputException(input.name() + ": the PDF's XMP metadata cannot be updated: "
                        + e.getMessage(), e);
            }
            PDMetadata metadata = new PDMetadata(doc);
            try (OutputStream out = metadata.getCOSObject().createOutputStream()) {
                out.write(xmp);
            }
            catalog.setMetadata(metadata);
            catalog.getCOSObject().setNeedToBeUpdated(true);
        });
    }

    @Override
    public void markContent(MediaInput input, OutputStream output, ContentEdit edit, SdkContext context) throws IOException {
        update(input, output, context, doc -> {
            int pages = doc.getNumberOfPages();
            String placement = edit.placement() == null ? "start" : edit.placement().toLowerCase(Locale.ROOT);
            PDType0Font font = edit.explicitLabel() == null ? null : LabelFonts.load(doc, edit.explicitLabel());
            COSDictionary markFont = edit.watermarkPayload() == null ? null : InvisibleRunFont.create(doc);
            byte[] mark = edit.watermarkPayload() == null ? null
                    : TextMarks.markBytes(edit.watermarkPayload());
            for (int i = 0; i < pages; i++) {
                PDPage page = doc.getPage(i);
                boolean hadOverlay = PdfOverlay.remove(page);
                String label = labelOn(placement, i, pages) ? edit.explicitLabel() : null;
                if (label != null || mark != null) {
                    List<PdfSentenceEnds.Spot> spots = mark == null || i >= MAX_TEXT_PAGES ? List.of()
                            : PdfSentenceEnds.spots(doc, i, PdfOverlay.displayHeight(page));
                    PdfOverlay.add(doc, page, new PdfOverlay.Content(label, font, mark, markFont, spots));
                }
                if (hadOverlay || label != null || mark != null) {
                    page.getCOSObject().setNeedToBeUpdated(true);
                }
            }
        });
    }

    private static boolean labelOn(String placement, int page, int pages) {
        return switch (placement) {
            case "start", "first-page" -> page == 0;
            case "end", "last-page" -> page == pages - 1;
            case "both", "every-page", "all-pages" -> true;
            default -> throw new IllegalArgumentException("PDF label placement must be start/first-page, end/last-page"
                    + " or both/every-page, not '" + placement + "'");
        };
    }

    /**
     * Appends an update holding {@code store} (earlier C2PA stores unlinked) and returns where its bytes sit.
     * The update is deterministic, so a same-size final store lands exactly where the placeholder did.
     */
    @Override
    public StorePlacement writeStore(MediaInput input, MediaOutput output, byte[] store, SdkContext context) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        update(input, buffer, context, doc -> {
            PdfC2pa.removeAll(doc);
            PdfC2pa.add(doc, store);
        });
        byte[] written = buffer.toByteArray();
        int at = indexOf(written, store, (int) input.size());
        if (at < 0 || indexOf(written, store, at + 1) >= 0) {
            throw new IOException(input.name() + ": the C2PA store was not written exactly once as raw bytes");
        }
        output.write(written);
        return new StorePlacement(at, store.length);
    }

    private static long deterministicId(byte[] bytes) {
        try {
            return ByteBuffer.wrap(MessageDigest.getInstance("SHA-256").digest(bytes)).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i + needle.length <= haystack.length; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (haystack[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private interface Edit {
        void apply(PDDocument doc) throws IOException;
    }

    /** Loads, refuses what cannot safely take an incremental update, edits, and appends the update. */
    private static void update(MediaInput input, OutputStream output, SdkContext context, Edit edit) throws IOException {
        byte[] bytes = input.readAll(context.limits().maxInMemoryBytes());
        Optional<String> broken = PdfFiles.brokenXref(bytes);
        if (broken.isPresent()) {
            throw new UnreadableInputException(input.name() + ": cannot append an update: " + broken.get()
                    + " (repair the PDF first)");
        }
        try (PDDocument doc = PdfFiles.load(bytes, input.name(), context.limits())) {
            if (doc.isEncrypted()) {
                throw new UnreadableInputException(input.name() + " is encrypted: marking it is refused (an update"
                        + " would have to be encrypted with the owner's key)");
            }
            edit.apply(doc);
            // PDFBox seeds the new trailer /ID with the clock unless given a document id; one derived from the
            // input makes the update deterministic, which the C2PA two-pass placement relies on.
            doc.setDocumentId(deterministicId(bytes));
            // Copies the original bytes from the loaded buffer, then appends the changed objects and a new xref.
            ByteArrayOutputStream updated = new ByteArrayOutputStream(bytes.length + 64 * 1024);
            doc.saveIncremental(updated);
            readsBack(updated.toByteArray(), input.name(), context);
            updated.writeTo(output);
        }
    }

    /**
     * PDFBox reads some damaged files by reconstructing them (a broken catalog in the last revision, say), but an
     * update appended to such a file builds on the damaged chain and need not read at all (found by
     * TextFormatsFuzzTest#pdf): the output is read back before it is handed over, and refused if it does not.
     */
    private static void readsBack(byte[] updated, String name, SdkContext context) throws IOException {
        try (PDDocument check = PdfFiles.open(updated, name, context.limits())) {
            check.getDocumentCatalog();
        } catch (BudgetExceededException e) {
            throw e;
        } catch (UnreadableInputException e) {
            throw new UnreadableInputException(name + ": an update appended to this damaged PDF would not read back ("
                    + e.getMessage() + "); repair the PDF first", e);
        }
    }
}
