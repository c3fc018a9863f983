package dev.aigcmark.text.internal;

import dev.aigcmark.core.MarkIntent;
import dev.aigcmark.core.Marker;
import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.io.BudgetExceededException;
import dev.aigcmark.core.io.FileBudget;
import dev.aigcmark.testing.DevelopmentContexts;
import dev.aigcmark.text.PdfSamples;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSDocument;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.filter.Filter;
import org.apache.pdfbox.filter.FilterFactory;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a loaded PDF's decoded bytes are counted as ({@link PdfFilterBounds}): each stream once per document, those
 * PDFBox decodes while loading (cross-reference and object streams) and those the measuring pass decodes after, though
 * PDFBox decodes the object streams while loading and the measuring pass decodes them again; and each loaded document
 * on its own, so marking, which loads a PDF several times, can mark a document whose streams decode to nearly the
 * limit. (Until session 12 a raw-byte scan of the load-time streams kept per file did this; this test replaced its
 * {@code PdfLoadScanOnceTest}.)
 */
class PdfDecodeCountTest {
    @TempDir
    static Path home;
    static SdkContext context;

    @BeforeAll
    static void identity() throws Exception {
        context = DevelopmentContexts.marking(home.resolve("aigc"));
    }

    /** The document's total is what its streams decode to, each counted once. */
    @Test
    void aLoadedDocumentCountsEachOfItsStreamsOnce() throws IOException {
        byte[] pdf = PdfSamples.prose(40, 0);
        assertThat(new String(pdf, StandardCharsets.ISO_8859_1)).as("PDFBox writes object and xref streams")
                .contains("/ObjStm").contains("/XRef");
        long expected = decodedSize(pdf);
        assertThat(expected).isGreaterThan(pdf.length);
        try (FileBudget.Scope ignored = FileBudget.forVerify(ReadLimits.defaults(), pdf.length).bind()) {
            PdfFiles.load(pdf, "a.pdf", ReadLimits.defaults()).close();
        }
        assertThat(PdfFilterBounds.lastCounted()).as("counted").isEqualTo(expected);
        // loading it again for the same file counts the document again, on its own (not added to the last)
        try (FileBudget.Scope ignored = FileBudget.forVerify(ReadLimits.defaults(), pdf.length).bind()) {
            PdfFiles.load(pdf, "a.pdf", ReadLimits.defaults()).close();
            PdfFiles.load(pdf, "a.pdf", ReadLimits.defaults()).close();
        }
        assertThat(PdfFilterBounds.lastCounted()).as("counted again").isEqualTo(expected);
    }

    /**
     * PDFBox decodes a stream whole into memory and keeps what it got. Inside a document's count, a stream decoded
     * the first time into such a buffer is decoded into nothing first: one past the limit is refused before a byte
     * of it reaches the buffer (it got the limit's worth, 4 MB here, before session 13), and one under the limit is
     * decoded whole and counted once, however often it is decoded.
     */
    @Test
    void aStreamPastTheLimitIsRefusedBeforePdfBoxHoldsAnyOfIt() throws IOException {
        assertThat(PdfFilterBounds.installed()).isTrue();
        Filter flate = FilterFactory.INSTANCE.getFilter(COSName.FLATE_DECODE);
        long limit = 4 << 20;
        byte[] bomb = deflatedZeros(16 << 20);
        ByteArrayOutputStream held = new ByteArrayOutputStream();
        try (FileBudget.Scope ignored = FileBudget.forVerify(ReadLimits.defaults(), bomb.length).bind()) {
            assertThatThrownBy(() -> PdfFilterBounds.counting(FileBudget.current(), limit,
                    () -> flate.decode(new ByteArrayInputStream(bomb), held, new COSDictionary(), 0)))
                    .isInstanceOf(BudgetExceededException.class).hasMessageContaining("decode to more than " + limit);
        }
        assertThat(held.size()).as("bytes of the bomb PDFBox's buffer got").isZero();

        byte[] fine = deflatedZeros(3 << 20);
        COSDictionary stream = new COSDictionary();
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        try (FileBudget.Scope ignored = FileBudget.forVerify(ReadLimits.defaults(), fine.length).bind()) {
            PdfFilterBounds.counting(FileBudget.current(), limit, () -> {
                flate.decode(new ByteArrayInputStream(fine), first, stream, 0);
                return flate.decode(new ByteArrayInputStream(fine), again, stream, 0);
            });
        }
        assertThat(first.toByteArray()).isEqualTo(new byte[3 << 20]);
        assertThat(again.toByteArray()).isEqualTo(new byte[3 << 20]);
        assertThat(PdfFilterBounds.lastCounted()).as("counted once").isEqualTo(3 << 20);
    }

    private static byte[] deflatedZeros(int size) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream deflate = new DeflaterOutputStream(out, new Deflater(9))) {
            deflate.write(new byte[size]);
        }
        return out.toByteArray();
    }

    /**
     * A mark loads its input and each step's output (its input with an update appended) several times; with the limit
     * at 1.5 times what the document decodes to (most of it one 2 MB stream), it is marked: each load is counted on its
     * own, the same streams are not summed over the loads (counted per file, two loads would pass the limit).
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aDocumentUnderTheLimitIsMarkedThoughItIsLoadedSeveralTimes(boolean c2pa, @TempDir Path dir) throws Exception {
        byte[] original = withForm(PdfSamples.prose(3, 0), 2 << 20);
        long decoded = decodedSize(original);
        assertThat(decoded).isBetween(2L << 20, 3L << 20);
        SdkContext tight = context.toBuilder().limits(ReadLimits.defaults().toBuilder()
                .maxDecompressedBytes(decoded * 3 / 2).build()).build();
        Path in = dir.resolve("in.pdf");
        Path out = dir.resolve("out.pdf");
        Files.write(in, original);
        new Marker(tight).mark(in, out, MarkIntent.builder().c2pa(c2pa).build());
        byte[] marked = Files.readAllBytes(out);
        assertThat(marked.length).isGreaterThan(original.length);
        assertThat(decodedSize(marked)).as("the output decodes to about what the input does")
                .isLessThan(decoded * 3 / 2);
    }

    /** {@code pdf} with a form XObject of {@code spaces} spaces in its first page's resources (not drawn). */
    static byte[] withForm(byte[] pdf, int spaces) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDStream stream = new PDStream(doc);
            try (OutputStream out = stream.getCOSObject().createOutputStream(COSName.FLATE_DECODE)) {
                byte[] chunk = new byte[1 << 16];
                Arrays.fill(chunk, (byte) ' ');
                for (int left = spaces; left > 0; left -= chunk.length) {
                    out.write(chunk, 0, Math.min(chunk.length, left));
                }
            }
            PDFormXObject form = new PDFormXObject(stream);
            form.setBBox(new PDRectangle(200, 200));
            PDPage page = doc.getPage(0);
            PDResources resources = page.getResources() == null ? new PDResources() : page.getResources();
            resources.add(form);
            page.setResources(resources);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        }
    }

    /**
     * What the document's streams decode to, each once, by PDFBox outside any file's work: every stream with a filter
     * (cross-reference streams included) but images and attached files, which a reading never decodes.
     */
    static long decodedSize(byte[] pdf) throws IOException {
        long total = 0;
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            COSDocument cos = doc.getDocument();
            for (Map.Entry<COSObjectKey, Long> e : cos.getXrefTable().entrySet()) {
                if (e.getValue() == null || e.getValue() <= 0) {
                    continue;
                }
                COSObject object = cos.getObjectFromPool(e.getKey());
                COSBase base = object == null ? null : object.getObject();
                if (base instanceof COSStream stream && stream.getFilters() != null
                        && !COSName.IMAGE.equals(stream.getCOSName(COSName.SUBTYPE))
                        && !COSName.getPDFName("EmbeddedFile").equals(stream.getCOSName(COSName.TYPE))) {
                    assertThat(stream.getFilters()).as("one filter a stream").isInstanceOf(COSName.class);
                    try (InputStream decoded = stream.createInputStream()) {
                        total += decoded.transferTo(OutputStream.nullOutputStream());
                    }
                }
            }
        }
        return total;
    }
}
