package dev.aigcmark.text;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Minimal valid OOXML packages built in tests (java.util.zip, so our reader meets a foreign writer). */
public final class OoxmlSamples {
    public static final String DOCUMENT_XML = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
            + "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>"
            + "<w:p><w:r><w:t>Large language models write fluent text.</w:t></w:r></w:p>"
            + "<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:r><w:t xml:space=\"preserve\">Second </w:t></w:r>"
            + "<w:r><w:t>paragraph.</w:t></w:r></w:p>"
            + "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/></w:sectPr></w:body></w:document>";

    private OoxmlSamples() {
    }

    public static byte[] docx() throws IOException {
        return docx(null);
    }

    /** A Word package; {@code customXml} non-null adds a custom properties part with that content. */
    public static byte[] docx(String customXml) throws IOException {
        Map<String, byte[]> parts = new LinkedHashMap<>();
        parts.put("[Content_Types].xml", utf8("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + "<Default Extension=\"png\" ContentType=\"image/png\"/>"
                + "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
                + "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
                + (customXml == null ? "" : "<Override PartName=\"/docProps/custom.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.custom-properties+xml\"/>")
                + "</Types>"));
        parts.put("_rels/.rels", utf8("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>"
                + "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
                + (customXml == null ? "" : "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties\" Target=\"docProps/custom.xml\"/>")
                + "</Relationships>"));
        parts.put("word/document.xml", utf8(DOCUMENT_XML));
        parts.put("docProps/core.xml", utf8("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                + "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\""
                + " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>Sample</dc:title></cp:coreProperties>"));
        if (customXml != null) {
            parts.put("docProps/custom.xml", utf8(customXml));
        }
        byte[] image = new byte[3000];
        new Random(7).nextBytes(image);
        parts.put("word/media/image1.png", image);
        return zip(parts, "word/media/image1.png");
    }

    public static byte[] pptx() throws IOException {
        Map<String, byte[]> parts = new LinkedHashMap<>();
        parts.put("[Content_Types].xml", utf8("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>"));
        parts.put("ppt/presentation.xml", utf8("<p:presentation xmlns:p=\"http://schemas.openxmlformats.org/presentationml/2006/main\"/>"));
        return zip(parts, null);
    }

    /** Zips the parts in order: deflated with data descriptors (as java.util.zip does), {@code stored} stored. */
    public static byte[] zip(Map<String, byte[]> parts, String stored) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> p : parts.entrySet()) {
                ZipEntry e = new ZipEntry(p.getKey());
                if (p.getKey().equals(stored)) {
                    e.setMethod(ZipEntry.STORED);
                    e.setSize(p.getValue().length);
                    CRC32 crc = new CRC32();
                    crc.update(p.getValue());
                    e.setCrc(crc.getValue());
                }
                zip.putNextEntry(e);
                zip.write(p.getValue());
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
