package dev.aigcmark.text.internal.format;

import dev.aigcmark.core.Verifier;
import dev.aigcmark.core.io.BudgetExceededException;
import dev.aigcmark.core.io.FileBudget;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.io.UnreadableInputException;
import dev.aigcmark.core.report.ExitCodes;
import dev.aigcmark.core.report.ReportJson;
import dev.aigcmark.core.report.Status;
import dev.aigcmark.core.report.StatusCodes;
import dev.aigcmark.core.report.VerificationReport;
import dev.aigcmark.text.internal.PdfFiles;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.filter.FilterFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

import static dev.aigcmark.text.internal.format.PdfStreamBombTest.CONTEXT;
import static dev.aigcmark.text.internal.format.PdfStreamBombTest.LIMIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The streams PDFBox decodes while loading (an object stream holding the catalog and page tree, the cross-reference
 * stream) are refused by the decompressed-bytes limit like any other stream, while PDFBox decodes them
 * ({@code PdfFilterBounds}): before, a 1.5 MB file of either kind took 2.1 GB of memory and ended in an
 * {@code OutOfMemoryError} under a 512 MB heap. The documents are written byte by byte here, since PDFBox's writer
 * would not pad these streams.
 */
public class PdfLoadStreamBombTest {

    public enum Padded {
        OBJECT_STREAM, XREF_STREAM
    }

    @ParameterizedTest
    @EnumSource(Padded.class)
    void aLoadTimeStreamDecodingPastTheLimitIsRefusedByThatLimit(Padded padded) throws IOException {
        assertRefusedByTheLimit(verify(pdf(padded, 4L * LIMIT)));
    }

    /**
     * Refused while PDFBox loads the file, once the stream has decoded to the limit: PDFBox would decode it whole
     * into memory.
     */
    @ParameterizedTest
    @EnumSource(Padded.class)
    void theRefusalComesWhilePdfBoxLoadsTheFile(Padded padded) throws IOException {
        byte[] pdf = pdf(padded, 4L * LIMIT);
        try (FileBudget.Scope ignored = FileBudget.forMark(CONTEXT.limits(), pdf.length).bind()) {
            assertThatThrownBy(() -> PdfFiles.open(pdf, "objstm.pdf", CONTEXT.limits()).close())
                    .isInstanceOfSatisfying(BudgetExceededException.class,
                            e -> assertThat(e.limit()).isEqualTo(FileBudget.Limit.DECOMPRESSED_BYTES));
        }
    }

    @ParameterizedTest
    @EnumSource(Padded.class)
    void underTheLimitTheSameDocumentReads(Padded padded) throws IOException {
        assertReads(verify(pdf(padded, LIMIT - (256 << 10))));
    }

    /**
     * The limit is on all of a document's streams together: a bomb split between a stream PDFBox decodes while loading
     * and the page's content stream, each under the limit, is refused by it.
     */
    @ParameterizedTest
    @EnumSource(Padded.class)
    void aBombSplitBetweenALoadTimeStreamAndTheContentsIsRefused(Padded padded) throws IOException {
        assertRefusedByTheLimit(verify(pdf(padded, LIMIT * 6L / 10, LIMIT * 6L / 10)));
    }

    /**
     * A stream PDFBox decoded while loading is not counted again when the measuring pass after loading decodes it
     * (an object stream is a top-level stream it decodes): 0.6 of the limit in it and 0.3 in the contents read
     * (counted twice they would be 1.5 times the limit).
     */
    @ParameterizedTest
    @EnumSource(Padded.class)
    void aLoadTimeStreamIsCountedOnce(Padded padded) throws IOException {
        assertReads(verify(pdf(padded, LIMIT * 6L / 10, LIMIT * 3L / 10)));
    }

    private static void assertRefusedByTheLimit(VerificationReport report) {
        assertThat(ExitCodes.forReport(report)).as(ReportJson.toJson(report)).isEqualTo(ExitCodes.UNREADABLE);
        assertThat(report.diagnostics()).as(ReportJson.toJson(report)).extracting(Status::code)
                .contains(StatusCodes.ASSET_LIMIT_DECOMPRESSED_BYTES);
    }

    private static void assertReads(VerificationReport report) {
        assertThat(report.diagnostics()).as(ReportJson.toJson(report)).extracting(Status::code)
                .doesNotContain(StatusCodes.ASSET_LIMIT_DECOMPRESSED_BYTES, StatusCodes.ASSET_MALFORMED);
        assertThat(ExitCodes.forReport(report)).as(ReportJson.toJson(report)).isEqualTo(ExitCodes.NO_MARKS);
    }

    private static VerificationReport verify(byte[] pdf) {
        return new Verifier(CONTEXT).verify(MediaInput.of(pdf, "objstm.pdf"));
    }

    static byte[] pdf(Padded padded, long padding) throws IOException {
        return pdf(padded, padding, -1);
    }

    public static byte[] pdf(Padded padded, long padding, long contents) throws IOException {
        return pdf(padded, padding, contents, Disguise.NONE);
    }

    /** How the padded stream's dictionary hides from a byte scan what PDFBox still reads. */
    public enum Disguise {
        NONE, NO_TYPE, ESCAPED_TYPE, FILTER_REFERENCE
    }

    /**
     * However the load-time stream is written (no {@code /Type}, the type name in {@code #xx} escapes, its
     * {@code /Filter} a reference: PDFBox reads each, a byte scan sees none), PDFBox's own decoding is bounded: the
     * file is refused by the limit while loading. Before, each such file of 1.5 MB took PDFBox 1.5 GB (an
     * {@code OutOfMemoryError} under a 512 MB heap).
     */
    @ParameterizedTest
    @MethodSource("disguised")
    void aDisguisedLoadTimeStreamIsRefusedWhilePdfBoxLoads(Padded padded, Disguise disguise) throws IOException {
        byte[] pdf = pdf(padded, 4L * LIMIT, -1, disguise);
        try (FileBudget.Scope ignored = FileBudget.forVerify(CONTEXT.limits(), pdf.length).bind()) {
            assertThatThrownBy(() -> PdfFiles.open(pdf, "disguised.pdf", CONTEXT.limits()).close())
                    .isInstanceOfSatisfying(BudgetExceededException.class,
                            e -> assertThat(e.limit()).isEqualTo(FileBudget.Limit.DECOMPRESSED_BYTES));
        }
        assertRefusedByTheLimit(verify(pdf));
        assertReads(verify(pdf(padded, LIMIT - (256 << 10), -1, disguise)));
    }

    /**
     * A handler called directly, with no file's budget bound (a library user of the SPI): the document is still counted
     * against the limits it is loaded with.
     */
    @ParameterizedTest
    @MethodSource("disguised")
    void aDocumentLoadedOutsideAFilesWorkIsCountedToo(Padded padded, Disguise disguise) throws IOException {
        assertThat(FileBudget.isBound()).isFalse();
        assertThatThrownBy(() -> PdfFiles.load(pdf(padded, 4L * LIMIT, -1, disguise), "direct.pdf", CONTEXT.limits())
                .close()).isInstanceOfSatisfying(BudgetExceededException.class,
                        e -> assertThat(e.limit()).isEqualTo(FileBudget.Limit.DECOMPRESSED_BYTES));
        assertThatThrownBy(() -> PdfFiles.load(split(padded, LIMIT * 6L / 10, disguise), "direct.pdf",
                CONTEXT.limits()).close()).isInstanceOf(BudgetExceededException.class);
        PdfFiles.load(split(padded, LIMIT * 4L / 10, disguise), "direct.pdf", CONTEXT.limits()).close();
    }

    static Stream<Arguments> disguised() {
        return Stream.of(Arguments.of(Padded.OBJECT_STREAM, Disguise.NO_TYPE),
                Arguments.of(Padded.OBJECT_STREAM, Disguise.ESCAPED_TYPE),
                Arguments.of(Padded.OBJECT_STREAM, Disguise.FILTER_REFERENCE),
                // (a cross-reference stream without /Type is not read as one while loading: the measuring pass
                // refuses it after loading)
                Arguments.of(Padded.XREF_STREAM, Disguise.ESCAPED_TYPE));
    }

    /**
     * A bomb split over two disguised load-time streams, each 0.6 of the limit (so no one stream is over it): two
     * cross-reference streams typed {@code /X#52ef} (the newest one's {@code /Prev} names the other), or two object
     * streams (the page in the second). PDFBox decodes each while loading; the file's total is refused. Before, the
     * cross-reference streams were bounded one at a time only and the file read (exit 3).
     */
    @ParameterizedTest
    @MethodSource("disguised")
    void aBombSplitOverDisguisedLoadTimeStreamsIsRefused(Padded padded, Disguise disguise) throws IOException {
        byte[] pdf = split(padded, LIMIT * 6L / 10, disguise);
        try (FileBudget.Scope ignored = FileBudget.forVerify(CONTEXT.limits(), pdf.length).bind()) {
            assertThatThrownBy(() -> PdfFiles.load(pdf, "split.pdf", CONTEXT.limits()).close())
                    .isInstanceOfSatisfying(BudgetExceededException.class,
                            e -> assertThat(e.limit()).isEqualTo(FileBudget.Limit.DECOMPRESSED_BYTES));
        }
        assertRefusedByTheLimit(verify(pdf));
        assertReads(verify(split(padded, LIMIT * 4L / 10, disguise)));
    }

    /** Two cross-reference streams are both decoded while PDFBox loads, before the catalog is even looked at. */
    @Test
    void aBombSplitOverTwoCrossReferenceStreamsIsRefusedWhilePdfBoxLoads() throws IOException {
        byte[] pdf = split(Padded.XREF_STREAM, LIMIT * 6L / 10, Disguise.ESCAPED_TYPE);
        try (FileBudget.Scope ignored = FileBudget.forVerify(CONTEXT.limits(), pdf.length).bind()) {
            assertThatThrownBy(() -> PdfFiles.open(pdf, "split.pdf", CONTEXT.limits()).close())
                    .isInstanceOfSatisfying(BudgetExceededException.class,
                            e -> assertThat(e.limit()).isEqualTo(FileBudget.Limit.DECOMPRESSED_BYTES));
        }
        byte[] fine = split(Padded.XREF_STREAM, LIMIT * 4L / 10, Disguise.ESCAPED_TYPE);
        try (FileBudget.Scope ignored = FileBudget.forVerify(CONTEXT.limits(), fine.length).bind()) {
            PdfFiles.open(fine, "split.pdf", CONTEXT.limits()).close();
        }
    }

    /**
     * Inside a file's work an image codec is not run at all (a reading never decodes pixels), not even for a stream
     * PDFBox decodes while loading: before, a 598-byte PDF whose object stream named {@code /DCTDecode} over a JPEG
     * declaring 20000x20000 pixels made ImageIO allocate the raster while loading, an {@code OutOfMemoryError} under
     * a 512 MB heap. Outside a file's work the codec decodes as before.
     */
    @Test
    void anImageCodecIsNotRunInAFilesWork() throws IOException {
        byte[] jpeg = grayJpeg(16, 16);
        ByteArrayInputStream encoded = new ByteArrayInputStream(jpeg);
        try (FileBudget.Scope ignored = FileBudget.forVerify(CONTEXT.limits(), jpeg.length).bind()) {
            for (COSName codec : List.of(COSName.DCT_DECODE, COSName.DCT_DECODE_ABBREVIATION, COSName.CCITTFAX_DECODE,
                    COSName.JPX_DECODE, COSName.JBIG2_DECODE)) {
                assertThatThrownBy(() -> FilterFactory.INSTANCE.getFilter(codec).decode(encoded,
                        new ByteArrayOutputStream(), new COSDictionary(), 0)).as(codec.getName())
                        .isInstanceOf(IOException.class).isNotInstanceOf(BudgetExceededException.class);
                assertThat(encoded.available()).as("nothing read by " + codec.getName()).isEqualTo(jpeg.length);
            }
        }
        ByteArrayOutputStream pixels = new ByteArrayOutputStream();
        FilterFactory.INSTANCE.getFilter(COSName.DCT_DECODE).decode(encoded, pixels, new COSDictionary(), 0);
        assertThat(pixels.size()).as("outside a file's work").isEqualTo(16 * 16);

        byte[] pdf = imageCodecObjectStream(20_000, 20_000);
        try (FileBudget.Scope ignored = FileBudget.forVerify(CONTEXT.limits(), pdf.length).bind()) {
            assertThatThrownBy(() -> PdfFiles.open(pdf, "dct.pdf", CONTEXT.limits()).close())
                    .isInstanceOf(UnreadableInputException.class).isNotInstanceOf(BudgetExceededException.class);
        }
        VerificationReport report = verify(pdf);
        assertThat(ExitCodes.forReport(report)).as(ReportJson.toJson(report)).isEqualTo(ExitCodes.UNREADABLE);
    }

    /** A small gray JPEG whose frame header declares {@code width x height}. */
    static byte[] grayJpeg(int width, int height) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_GRAY), "jpeg", out);
        byte[] jpeg = out.toByteArray();
        for (int p = 2; p + 9 < jpeg.length; p += 2 + (((jpeg[p + 2] & 0xFF) << 8) | (jpeg[p + 3] & 0xFF))) {
            if ((jpeg[p + 1] & 0xFF) == 0xC0) {
                ByteBuffer.wrap(jpeg, p + 5, 4).putShort((short) height).putShort((short) width);
                return jpeg;
            }
        }
        throw new IOException("no SOF0 in ImageIO's JPEG");
    }

    /** {@link #pdf(Padded, long, long, Disguise)}'s object stream 4 as {@code /Filter /DCTDecode} over {@link #grayJpeg}. */
    static byte[] imageCodecObjectStream(int width, int height) throws IOException {
        byte[] pdf = pdf(Padded.OBJECT_STREAM, 1 << 20, -1, Disguise.NONE); // flate data longer than the JPEG
        String text = new String(pdf, StandardCharsets.ISO_8859_1);
        int dictionary = text.indexOf("4 0 obj\n");
        int data = text.indexOf("stream\n", dictionary) + 7;
        int end = text.indexOf("\nendstream", data);
        byte[] jpeg = grayJpeg(width, height);
        // same length as the flate data it replaces, so the cross-reference offsets stay right: pad the dictionary
        String dict = text.substring(dictionary, data).replace("/FlateDecode", "/DCTDecode")
                .replaceAll("/Length \\d+", "/Length " + jpeg.length);
        int pad = (end - data) - jpeg.length + (data - dictionary) - dict.length();
        assertThat(pad).as("room for the JPEG").isGreaterThanOrEqualTo(0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(pdf, 0, dictionary);
        out.writeBytes(ascii(dict.replace(">>\nstream\n", " ".repeat(pad) + ">>\nstream\n")));
        out.writeBytes(jpeg);
        out.write(pdf, end, pdf.length - end);
        return out.toByteArray();
    }

    /**
     * {@link #pdf(Padded, long, long, Disguise)}'s document with {@code each} decoded bytes of padding in two
     * load-time streams of {@code padded}'s kind, both disguised by {@code disguise}: for cross-reference streams,
     * stream 5 and a newer one (object 9, the only entry of its section) whose {@code /Prev} is stream 5; for
     * object streams, stream 4 and stream 8, which holds the page (object 3).
     */
    public static byte[] split(Padded padded, long each, Disguise disguise) throws IOException {
        if (padded == Padded.XREF_STREAM) {
            byte[] first = pdf(padded, each, -1, disguise);
            String text = new String(first, StandardCharsets.ISO_8859_1);
            long prev = Long.parseLong(text.substring(text.lastIndexOf("startxref\n") + 10, text.lastIndexOf("\n%%EOF")));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(first);
            long newest = out.size();
            ByteArrayOutputStream rows = new ByteArrayOutputStream();
            row(rows, 1, newest, 0);
            byte[] xref = flate(rows.toByteArray(), each, (byte) 0);
            out.writeBytes(ascii("9 0 obj\n<< " + type(disguise, "/XRef", "/X#52ef") + " /Size 10 /Index [9 1]"
                    + " /W [1 4 2] /Root 1 0 R /Prev " + prev + " /Filter " + filter(disguise) + " /Length " + xref.length
                    + " >>\nstream\n"));
            out.writeBytes(xref);
            out.writeBytes(ascii("\nendstream\nendobj\nstartxref\n" + newest + "\n%%EOF\n"));
            return out.toByteArray();
        }
        return objectStreams(each, disguise);
    }

    private static byte[] objectStreams(long each, Disguise disguise) throws IOException {
        String catalog = "<< /Type /Catalog /Pages 2 0 R >>";
        String pages = "<< /Type /Pages /Kids [3 0 R] /Count 1 >>";
        String page = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>";
        String header = "1 0 2 " + (catalog.length() + 1) + " ";
        String pageHeader = "3 0 ";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ascii("%PDF-1.7\n"));
        long filterName = out.size();
        out.writeBytes(ascii("7 0 obj\n/FlateDecode\nendobj\n"));
        long[] at = new long[2];
        String[][] streams = {{"4", "2", header, header + catalog + " " + pages + " "}, {"8", "1", pageHeader,
                pageHeader + page + " "}};
        for (int k = 0; k < 2; k++) {
            byte[] objects = flate(ascii(streams[k][3]), each, (byte) ' ');
            at[k] = out.size();
            out.writeBytes(ascii(streams[k][0] + " 0 obj\n<< " + type(disguise, "/ObjStm", "/Obj#53tm") + " /N "
                    + streams[k][1] + " /First " + streams[k][2].length() + " /Filter " + filter(disguise) + " /Length "
                    + objects.length + " >>\nstream\n"));
            out.writeBytes(objects);
            out.writeBytes(ascii("\nendstream\nendobj\n"));
        }
        long xrefStream = out.size();
        ByteArrayOutputStream rows = new ByteArrayOutputStream();
        row(rows, 0, 0, 65535);
        row(rows, 2, 4, 0);
        row(rows, 2, 4, 1);
        row(rows, 2, 8, 0);
        row(rows, 1, at[0], 0);
        row(rows, 1, xrefStream, 0);
        row(rows, 0, 0, 0);
        row(rows, 1, filterName, 0);
        row(rows, 1, at[1], 0);
        byte[] xref = flate(rows.toByteArray(), 0, (byte) 0);
        out.writeBytes(ascii("5 0 obj\n<< /Type /XRef /Size 9 /W [1 4 2] /Root 1 0 R /Filter /FlateDecode /Length "
                + xref.length + " >>\nstream\n"));
        out.writeBytes(xref);
        out.writeBytes(ascii("\nendstream\nendobj\nstartxref\n" + xrefStream + "\n%%EOF\n"));
        return out.toByteArray();
    }

    /**
     * Objects 1 (catalog), 2 (page tree) and 3 (page) in object stream 4, located by cross-reference stream 5
     * ({@code /W [1 4 2]}); {@code padded}'s stream gets {@code padding} more decoded bytes after its content. With
     * {@code contents >= 0}, the page's content stream 6 holds that many spaces; {@code disguise} changes the padded
     * stream's dictionary (with {@link Disguise#FILTER_REFERENCE} object 7 is the filter's name).
     */
    static byte[] pdf(Padded padded, long padding, long contents, Disguise disguise) throws IOException {
        String catalog = "<< /Type /Catalog /Pages 2 0 R >>";
        String pages = "<< /Type /Pages /Kids [3 0 R] /Count 1 >>";
        String page = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200]" + (contents >= 0 ? " /Contents 6 0 R" : "")
                + " >>";
        String header = "1 0 2 " + (catalog.length() + 1) + " 3 " + (catalog.length() + pages.length() + 2) + " ";
        byte[] objects = flate(ascii(header + catalog + " " + pages + " " + page + " "),
                padded == Padded.OBJECT_STREAM ? padding : 0, (byte) ' ');
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ascii("%PDF-1.7\n"));
        long filterName = out.size();
        out.writeBytes(ascii("7 0 obj\n/FlateDecode\nendobj\n"));
        long objectStream = out.size();
        boolean hidden = padded == Padded.OBJECT_STREAM;
        out.writeBytes(ascii("4 0 obj\n<< " + type(hidden ? disguise : Disguise.NONE, "/ObjStm", "/Obj#53tm") + " /N 3 /First "
                + header.length() + " /Filter " + filter(hidden ? disguise : Disguise.NONE) + " /Length " + objects.length
                + " >>\nstream\n"));
        out.writeBytes(objects);
        out.writeBytes(ascii("\nendstream\nendobj\n"));
        long contentStream = out.size();
        if (contents >= 0) {
            byte[] spaces = flate(new byte[0], contents, (byte) ' ');
            out.writeBytes(ascii("6 0 obj\n<< /Filter /FlateDecode /Length " + spaces.length + " >>\nstream\n"));
            out.writeBytes(spaces);
            out.writeBytes(ascii("\nendstream\nendobj\n"));
        }
        long xrefStream = out.size();
        ByteArrayOutputStream rows = new ByteArrayOutputStream();
        row(rows, 0, 0, 65535);
        for (int index = 0; index < 3; index++) {
            row(rows, 2, 4, index);
        }
        row(rows, 1, objectStream, 0);
        row(rows, 1, xrefStream, 0);
        if (contents >= 0) {
            row(rows, 1, contentStream, 0);
        } else {
            row(rows, 0, 0, 0);
        }
        row(rows, 1, filterName, 0);
        byte[] xref = flate(rows.toByteArray(), padded == Padded.XREF_STREAM ? padding : 0, (byte) 0);
        Disguise xrefDisguise = padded == Padded.XREF_STREAM ? disguise : Disguise.NONE;
        out.writeBytes(ascii("5 0 obj\n<< " + type(xrefDisguise, "/XRef", "/X#52ef") + " /Size 8 /W [1 4 2] /Root 1 0 R"
                + " /Filter " + filter(xrefDisguise) + " /Length " + xref.length + " >>\nstream\n"));
        out.writeBytes(xref);
        out.writeBytes(ascii("\nendstream\nendobj\nstartxref\n" + xrefStream + "\n%%EOF\n"));
        return out.toByteArray();
    }

    private static String type(Disguise disguise, String name, String escaped) {
        return switch (disguise) {
            case NO_TYPE -> "";
            case ESCAPED_TYPE -> "/Type " + escaped;
            default -> "/Type " + name;
        };
    }

    private static String filter(Disguise disguise) {
        return disguise == Disguise.FILTER_REFERENCE ? "7 0 R" : "/FlateDecode";
    }

    private static void row(ByteArrayOutputStream rows, int type, long field2, int field3) {
        for (int shift = 24; shift >= 0; shift -= 8) {
            if (shift == 24) {
                rows.write(type);
            }
            rows.write((int) (field2 >>> shift));
        }
        rows.write(field3 >>> 8);
        rows.write(field3);
    }

    private static byte[] flate(byte[] content, long padding, byte fill) throws IOException {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (DeflaterOutputStream out = new DeflaterOutputStream(compressed, new Deflater(9), 1 << 16)) {
            out.write(content);
            byte[] chunk = new byte[1 << 16];
            Arrays.fill(chunk, fill);
            for (long left = padding; left > 0; left -= chunk.length) {
                out.write(chunk, 0, (int) Math.min(chunk.length, left));
            }
        }
        return compressed.toByteArray();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
