package dev.aigcmark.cli.robustness;

import java.util.Arrays;
import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Small files that would cost a naive reader gigabytes or hours: pixel bombs, zip bombs, entity expansion, deep
 * nesting, decompression bombs in PDF and PNG. Made on the spot (nothing large is committed), by the JDK alone,
 * so {@code scripts/bomb-rss.sh} can run this file directly ({@code java Bombs.java DIR}) to measure peak memory,
 * and {@link HostileCorpusTest} verifies each within its deadline.
 */
public final class Bombs {
    /** What the decompression bombs inflate to by default (the script's size): far over the 128 MB budget. */
    static final long BOMB_BYTES = 1_500L << 20;
    /** Each half of a split bomb: under the default 128 MB budget, the two together over it. */
    static final long SPLIT_BYTES = 100L << 20;

    private Bombs() {
    }

    /**
     * Writes every bomb into {@code dir}, the decompression bombs inflating to {@code bombBytes}; returns each
     * file's name and the status code its report must carry (or {@code UNREADABLE}, the state, for one refused as
     * damage): each is refused by a limit or as damage, never by a deadline, so the code does not depend on the
     * machine's speed.
     */
    public static Map<String, String> writeAll(Path dir, long bombBytes) throws IOException {
        Map<String, String> expected = new LinkedHashMap<>();
        write(dir, "pixel-bomb-50000x50000.png", png(50_000, 50_000, null), expected, "asset.tooLarge");
        write(dir, "pixel-bomb-65500x65500.jpg", jpegWithDimensions(65_500, 65_500), expected, "asset.tooLarge");
        // refused by the metadata carrier's size limit as it inflates: a decompression limit
        write(dir, "itxt-xmp-bomb.png", png(16, 16, zlib(bombBytes)), expected, "asset.limit.decompressedBytes");
        write(dir, "zip-bomb.docx", zipBomb(bombBytes), expected, "asset.limit.compressionRatio");
        write(dir, "zip-entries.docx", manyEntries(20_000), expected, "asset.limit.zipEntries");
        // a DTD is refused outright (entities are never expanded) by the XML node limit
        write(dir, "entity-expansion.jpg", jpegWithXmp(billionLaughs()), expected, "asset.limit.xmlNodes");
        write(dir, "xml-nesting.png", png(16, 16, deepXml(200_000).getBytes(StandardCharsets.UTF_8), false),
                expected, "asset.limit.depth");
        write(dir, "xml-nodes.png", png(16, 16, wideXml(1_000_000).getBytes(StandardCharsets.UTF_8), false),
                expected, "asset.limit.xmlNodes");
        write(dir, "box-nesting.mp4", nestedBoxes(100_000), expected, "asset.limit.depth");
        // every PDF stream is measured before PDFBox decodes any: the limit ends it, not the deadline
        write(dir, "pdf-flate-bomb.pdf", pdfWithStream(bombBytes, "contents"), expected, "asset.limit.decompressedBytes");
        write(dir, "pdf-contents-array-bomb.pdf", pdfWithStream(bombBytes, "contents-array"), expected,
                "asset.limit.decompressedBytes");
        write(dir, "pdf-form-bomb.pdf", pdfWithStream(bombBytes, "form"), expected, "asset.limit.decompressedBytes");
        write(dir, "pdf-metadata-bomb.pdf", pdfWithStream(bombBytes, "metadata"), expected,
                "asset.limit.decompressedBytes");
        // streams PDFBox decodes while loading, disguised from any scan of the raw bytes for /Type /ObjStm or /XRef:
        // PDFBox's own filters count what they decode (an OutOfMemoryError under -Xmx512m before session 11)
        for (String disguise : new String[]{"objstm-no-type", "objstm-escaped-type", "objstm-filter-reference",
                "xref-escaped-type"}) {
            write(dir, "pdf-" + disguise + "-bomb.pdf", loadTimePdf(disguise, bombBytes, -1), expected,
                    "asset.limit.decompressedBytes");
        }
        // the same typed (/Type /ObjStm): PDFBox decodes it whole into memory while loading; it is decoded into
        // nothing first and refused before PDFBox holds any of it (session 13; ~250 MB peak RSS before, as disguised)
        write(dir, "pdf-objstm-typed-bomb.pdf", loadTimePdf("objstm-typed", bombBytes, -1), expected,
                "asset.limit.decompressedBytes");
        // split over two such streams, each under the default limit (128 MB), together over it
        write(dir, "pdf-split-xref-bomb.pdf", loadTimePdf("xref-escaped-type", SPLIT_BYTES, SPLIT_BYTES), expected,
                "asset.limit.decompressedBytes");
        write(dir, "pdf-split-objstm-bomb.pdf", loadTimePdf("objstm-no-type", SPLIT_BYTES, SPLIT_BYTES), expected,
                "asset.limit.decompressedBytes");
        // a pixel bomb as a load-time stream: no image codec runs while a PDF is read, so this is damage, not a
        // limit (the report's state, no code; an OutOfMemoryError under -Xmx512m before session 12)
        write(dir, "pdf-dct-objstm-46000x46000.pdf", dctObjectStreamPdf(46_000, 46_000), expected, "UNREADABLE");
        return expected;
    }

    private static void write(Path dir, String name, byte[] bytes, Map<String, String> expected, String code)
            throws IOException {
        Files.write(dir.resolve(name), bytes);
        expected.put(name, code);
    }

    public static void main(String[] args) throws IOException {
        Path dir = Files.createDirectories(Path.of(args.length > 0 ? args[0] : "bombs"));
        writeAll(dir, BOMB_BYTES).forEach((n, code) -> System.out.println(n + " " + code)); // for bomb-rss.sh
    }

    /** A PNG declaring {@code width x height} with a tiny IDAT (and a compressed XMP iTXt chunk when given). */
    static byte[] png(int width, int height, byte[] compressedXmp) throws IOException {
        return png(width, height, compressedXmp, true);
    }

    /** A PNG with an XMP iTXt chunk holding {@code xmp} as given: zlib data when {@code compressed}, else text. */
    static byte[] png(int width, int height, byte[] xmp, boolean compressed) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0).array());
        if (xmp != null) {
            ByteArrayOutputStream t = new ByteArrayOutputStream();
            t.write("XML:com.adobe.xmp".getBytes(StandardCharsets.ISO_8859_1));
            t.write(new byte[]{0, (byte) (compressed ? 1 : 0), 0, 0, 0}); // flag, method, empty language and name
            t.write(xmp);
            chunk(out, "iTXt", t.toByteArray());
        }
        byte[] row = new byte[1 + 3 * Math.min(width, 16)];
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        for (int y = 0; y < Math.min(height, 16); y++) {
            raw.write(row);
        }
        chunk(out, "IDAT", zlibOf(raw.toByteArray()));
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
        byte[] t = type.getBytes(StandardCharsets.ISO_8859_1);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.write(ByteBuffer.allocate(4).putInt(data.length).array());
        out.write(t);
        out.write(data);
        out.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private static byte[] zlibOf(byte[] data) {
        Deflater d = new Deflater(9);
        d.setInput(data);
        d.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        while (!d.finished()) {
            out.write(buf, 0, d.deflate(buf));
        }
        d.end();
        return out.toByteArray();
    }

    /** zlib of {@code n} zero bytes, made in pieces (never {@code n} bytes in memory). */
    static byte[] zlib(long n) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(out, new Deflater(9), 1 << 16)) {
            zeros(z, n);
        }
        return out.toByteArray();
    }

    private static void zeros(OutputStream out, long n) throws IOException {
        byte[] block = new byte[1 << 20];
        for (long left = n; left > 0; left -= block.length) {
            out.write(block, 0, (int) Math.min(block.length, left));
        }
    }

    /** A small real JPEG (so every reader gets past the headers) with its SOF0 dimensions rewritten. */
    static byte[] jpegWithDimensions(int width, int height) throws IOException {
        byte[] jpeg = smallJpeg();
        for (int p = 2; p + 9 < jpeg.length; ) {
            int marker = jpeg[p + 1] & 0xFF;
            int len = ((jpeg[p + 2] & 0xFF) << 8) | (jpeg[p + 3] & 0xFF);
            if (marker == 0xC0) {
                ByteBuffer.wrap(jpeg, p + 5, 4).putShort((short) height).putShort((short) width);
                return jpeg;
            }
            p += 2 + len;
        }
        throw new IOException("no SOF0 in the sample JPEG");
    }

    private static byte[] smallJpeg() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB), "jpeg", out);
        return out.toByteArray();
    }

    /** A small JPEG with {@code xml} as its XMP packet (APP1, right after SOI). */
    static byte[] jpegWithXmp(String xml) throws IOException {
        byte[] jpeg = smallJpeg();
        byte[] ns = "http://ns.adobe.com/xap/1.0/\0".getBytes(StandardCharsets.ISO_8859_1);
        byte[] packet = xml.getBytes(StandardCharsets.UTF_8);
        if (ns.length + packet.length + 2 > 0xFFFF) {
            packet = Arrays.copyOf(packet, 0xFFFF - 2 - ns.length); // one segment: cut to fit
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.write(0xFF);
        out.write(0xE1);
        int len = 2 + ns.length + packet.length;
        out.write(len >> 8);
        out.write(len);
        out.write(ns);
        out.write(packet);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    static String billionLaughs() {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for (int i = 1; i <= 9; i++) {
            sb.append("<!ENTITY lol").append(i).append(" \"")
                    .append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10)).append("\">");
        }
        return sb.append("]><x:xmpmeta xmlns:x=\"adobe:ns:meta/\">&lol9;</x:xmpmeta>").toString();
    }

    static String deepXml(int depth) {
        return "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">" + "<a>".repeat(depth) + "</a>".repeat(depth) + "</x:xmpmeta>";
    }

    /** Many empty elements (more than fit a JPEG segment, so these go in a PNG's iTXt chunk). */
    static String wideXml(int nodes) {
        return "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">" + "<a/>".repeat(nodes) + "</x:xmpmeta>";
    }

    /** An OOXML package whose document part inflates to {@code n} bytes from about a thousandth of that. */
    static byte[] zipBomb(long n) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.setLevel(9);
            contentTypes(zip);
            zip.putNextEntry(new ZipEntry("word/document.xml"));
            zeros(zip, n);
            zip.closeEntry();
        }
        return out.toByteArray();
    }

    static byte[] manyEntries(int n) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            contentTypes(zip);
            for (int i = 0; i < n; i++) {
                zip.putNextEntry(new ZipEntry("e/" + i));
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private static void contentTypes(ZipOutputStream zip) throws IOException {
        zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
        zip.write(("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument"
                + ".wordprocessingml.document.main+xml\"/></Types>").getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
        zip.putNextEntry(new ZipEntry("_rels/.rels"));
        zip.write(("<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
                + "relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/"
                + "2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>")
                .getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    /** ftyp, then {@code depth} boxes each holding the next. */
    static byte[] nestedBoxes(int depth) {
        ByteBuffer b = ByteBuffer.allocate(24 + 8 * depth);
        b.putInt(24).put("ftypisom".getBytes(StandardCharsets.ISO_8859_1)).putInt(0)
                .put("isommp42".getBytes(StandardCharsets.ISO_8859_1));
        for (int i = 0; i < depth; i++) {
            b.putInt(8 * (depth - i)).put((i == 0 ? "moov" : "trak").getBytes(StandardCharsets.ISO_8859_1));
        }
        return b.array();
    }

    /**
     * A one-page PDF with one stream inflating to {@code n} bytes (spaces compress as well as zeros) at one of the
     * places PDFBox decodes differently: the page's single content stream (lazily), a {@code /Contents} array, a
     * form XObject the page draws, the catalog's XMP metadata stream (each of the last three decoded whole into
     * memory: 2 GB for 1.5 GB before streams were measured).
     */
    static byte[] pdfWithStream(long n, String place) throws IOException {
        ByteArrayOutputStream z = new ByteArrayOutputStream();
        try (DeflaterOutputStream d = new DeflaterOutputStream(z, new Deflater(9), 1 << 16)) {
            byte[] spaces = new byte[1 << 20];
            Arrays.fill(spaces, (byte) ' ');
            for (long left = n; left > 0; left -= spaces.length) {
                d.write(spaces, 0, (int) Math.min(spaces.length, left));
            }
        }
        byte[] stream = z.toByteArray();
        String streamDict = "/Filter /FlateDecode";
        String catalog = "<< /Type /Catalog /Pages 2 0 R >>";
        String page = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>";
        String fifth = null; // a fifth object: the content stream that draws the form
        switch (place) {
            case "contents" -> { }
            case "contents-array" -> page = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents [4 0 R] >>";
            case "form" -> {
                page = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Resources << /XObject << /F1 4 0 R >> >>"
                        + " /Contents 5 0 R >>";
                streamDict = "/Type /XObject /Subtype /Form /BBox [0 0 200 200] /Filter /FlateDecode";
                fifth = "<< /Length 7 >>\nstream\n/F1 Do\nendstream";
            }
            case "metadata" -> {
                catalog = "<< /Type /Catalog /Pages 2 0 R /Metadata 4 0 R >>";
                page = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>";
                streamDict = "/Type /Metadata /Subtype /XML /Filter /FlateDecode";
            }
            default -> throw new IllegalArgumentException(place);
        }
        int count = fifth == null ? 4 : 5;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long[] offsets = new long[count + 1];
        out.write("%PDF-1.7\n".getBytes(StandardCharsets.ISO_8859_1));
        String[] objects = {catalog, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>", page};
        for (int i = 0; i < objects.length; i++) {
            offsets[i + 1] = out.size();
            out.write(((i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n").getBytes(StandardCharsets.ISO_8859_1));
        }
        offsets[4] = out.size();
        out.write(("4 0 obj\n<< /Length " + stream.length + " " + streamDict + " >>\nstream\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.write(stream);
        out.write("\nendstream\nendobj\n".getBytes(StandardCharsets.ISO_8859_1));
        if (fifth != null) {
            offsets[5] = out.size();
            out.write(("5 0 obj\n" + fifth + "\nendobj\n").getBytes(StandardCharsets.ISO_8859_1));
        }
        long xref = out.size();
        StringBuilder sb = new StringBuilder("xref\n0 " + (count + 1) + "\n0000000000 65535 f \n");
        for (int i = 1; i <= count; i++) {
            sb.append(String.format("%010d 00000 n \n", offsets[i]));
        }
        sb.append("trailer\n<< /Size " + (count + 1) + " /Root 1 0 R >>\nstartxref\n").append(xref).append("\n%%EOF\n");
        out.write(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    /**
     * A one-page PDF whose catalog, page tree and page are in object stream 4, found through cross-reference stream 5
     * ({@code /W [1 4 2]}), the stream {@code disguise} names ({@code objstm-...} or {@code xref-...}) padded to
     * {@code padding} more decoded bytes and written so that no scan for {@code /Type /ObjStm} or {@code /XRef} in
     * the raw bytes finds it: without {@code /Type}, with the type in {@code #xx} escapes, or with its
     * {@code /Filter} a reference (object 7). With {@code second >= 0} a second stream of the same kind, disguised
     * the same way, is padded to {@code second}: for object streams the page moves to object stream 8; for
     * cross-reference streams a newer section (stream 9, its only entry itself) names stream 5 as its {@code /Prev}.
     * PDFBox decodes all of them while loading (the layout of sdk-text's {@code PdfLoadStreamBombTest}).
     */
    static byte[] loadTimePdf(String disguise, long padding, long second) throws IOException {
        boolean xrefPadded = disguise.startsWith("xref-");
        String how = disguise.substring(disguise.indexOf('-') + 1);
        String objStmType = switch (how) {
            case "no-type" -> "";
            case "escaped-type" -> "/Type /Obj#53tm ";
            default -> "/Type /ObjStm ";
        };
        String objStmFilter = how.equals("filter-reference") ? "7 0 R" : "/FlateDecode";
        boolean twoObjectStreams = !xrefPadded && second >= 0;
        String catalog = "<< /Type /Catalog /Pages 2 0 R >>";
        String pages = "<< /Type /Pages /Kids [3 0 R] /Count 1 >>";
        String page = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>";
        String header = "1 0 2 " + (catalog.length() + 1) + (twoObjectStreams ? " "
                : " 3 " + (catalog.length() + pages.length() + 2) + " ");
        String body = header + catalog + " " + pages + " " + (twoObjectStreams ? "" : page + " ");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write("%PDF-1.7\n".getBytes(StandardCharsets.ISO_8859_1));
        long filterName = out.size();
        out.write("7 0 obj\n/FlateDecode\nendobj\n".getBytes(StandardCharsets.ISO_8859_1));
        long objectStream = objectStream(out, 4, xrefPadded ? "/Type /ObjStm " : objStmType,
                xrefPadded ? "/FlateDecode" : objStmFilter, twoObjectStreams ? 2 : 3, header.length(), body,
                xrefPadded ? 0 : padding);
        long pageStream = twoObjectStreams ? objectStream(out, 8, objStmType, objStmFilter, 1, 4, "3 0 " + page + " ",
                second) : -1;
        long xrefStream = out.size();
        ByteArrayOutputStream rows = new ByteArrayOutputStream();
        row(rows, 0, 0, 65535);
        row(rows, 2, 4, 0);
        row(rows, 2, 4, 1);
        row(rows, 2, twoObjectStreams ? 8 : 4, twoObjectStreams ? 0 : 2);
        row(rows, 1, objectStream, 0);
        row(rows, 1, xrefStream, 0);
        row(rows, 0, 0, 0);
        row(rows, 1, filterName, 0);
        if (twoObjectStreams) {
            row(rows, 1, pageStream, 0);
        }
        String xrefType = xrefPadded ? "/Type /X#52ef " : "/Type /XRef ";
        xrefStream(out, 5, xrefType + "/Size " + (twoObjectStreams ? 9 : 8), rows.toByteArray(),
                xrefPadded ? padding : 0);
        long startxref = xrefStream;
        if (xrefPadded && second >= 0) {
            startxref = out.size();
            ByteArrayOutputStream newest = new ByteArrayOutputStream();
            row(newest, 1, startxref, 0);
            xrefStream(out, 9, xrefType + "/Size 10 /Index [9 1] /Prev " + xrefStream, newest.toByteArray(), second);
        }
        out.write(("startxref\n" + startxref + "\n%%EOF\n").getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    /** Writes object stream {@code number} holding {@code body} then {@code padding} spaces; returns its offset. */
    private static long objectStream(ByteArrayOutputStream out, int number, String type, String filter, int n,
                                     int first, String body, long padding) throws IOException {
        byte[] data = deflate(body.getBytes(StandardCharsets.ISO_8859_1), padding, (byte) ' ');
        long at = out.size();
        out.write((number + " 0 obj\n<< " + type + "/N " + n + " /First " + first + " /Filter " + filter + " /Length "
                + data.length + " >>\nstream\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(data);
        out.write("\nendstream\nendobj\n".getBytes(StandardCharsets.ISO_8859_1));
        return at;
    }

    /** Writes cross-reference stream {@code number} with {@code rows} then {@code padding} zero bytes. */
    private static void xrefStream(ByteArrayOutputStream out, int number, String keys, byte[] rows, long padding)
            throws IOException {
        byte[] data = deflate(rows, padding, (byte) 0);
        out.write((number + " 0 obj\n<< " + keys + " /W [1 4 2] /Root 1 0 R /Filter /FlateDecode /Length "
                + data.length + " >>\nstream\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(data);
        out.write("\nendstream\nendobj\n".getBytes(StandardCharsets.ISO_8859_1));
    }

    /** A cross-reference stream row: type (1 byte), offset or object stream (4), generation or index (2). */
    private static void row(ByteArrayOutputStream rows, int type, long field2, int field3) {
        rows.write(type);
        for (int shift = 24; shift >= 0; shift -= 8) {
            rows.write((int) (field2 >>> shift));
        }
        rows.write(field3 >>> 8);
        rows.write(field3);
    }

    /** zlib of {@code content} then {@code padding} bytes {@code fill}, made in pieces. */
    private static byte[] deflate(byte[] content, long padding, byte fill) throws IOException {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(compressed, new Deflater(9), 1 << 16)) {
            z.write(content);
            byte[] block = new byte[1 << 20];
            Arrays.fill(block, fill);
            for (long left = padding; left > 0; left -= block.length) {
                z.write(block, 0, (int) Math.min(block.length, left));
            }
        }
        return compressed.toByteArray();
    }

    /**
     * A 600-byte PDF whose object stream (catalog, page tree, page) names {@code /DCTDecode} over a small gray JPEG
     * whose frame header declares {@code width x height}: PDFBox would have ImageIO allocate the raster while loading.
     */
    static byte[] dctObjectStreamPdf(int width, int height) throws IOException {
        ByteArrayOutputStream gray = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_GRAY), "jpeg", gray);
        byte[] jpeg = gray.toByteArray();
        for (int p = 2; p + 9 < jpeg.length; p += 2 + (((jpeg[p + 2] & 0xFF) << 8) | (jpeg[p + 3] & 0xFF))) {
            if ((jpeg[p + 1] & 0xFF) == 0xC0) {
                ByteBuffer.wrap(jpeg, p + 5, 4).putShort((short) height).putShort((short) width);
            }
        }
        String catalog = "<< /Type /Catalog /Pages 2 0 R >>";
        String pages = "<< /Type /Pages /Kids [3 0 R] /Count 1 >>";
        String header = "1 0 2 " + (catalog.length() + 1) + " 3 " + (catalog.length() + pages.length() + 2) + " ";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write("%PDF-1.7\n".getBytes(StandardCharsets.ISO_8859_1));
        long objectStream = out.size();
        out.write(("4 0 obj\n<< /Type /ObjStm /N 3 /First " + header.length() + " /Filter /DCTDecode /Length "
                + jpeg.length + " >>\nstream\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(jpeg);
        out.write("\nendstream\nendobj\n".getBytes(StandardCharsets.ISO_8859_1));
        long xrefStream = out.size();
        ByteArrayOutputStream rows = new ByteArrayOutputStream();
        row(rows, 0, 0, 65535);
        for (int index = 0; index < 3; index++) {
            row(rows, 2, 4, index);
        }
        row(rows, 1, objectStream, 0);
        row(rows, 1, xrefStream, 0);
        xrefStream(out, 5, "/Type /XRef /Size 6", rows.toByteArray(), 0);
        out.write(("startxref\n" + xrefStream + "\n%%EOF\n").getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }
}
