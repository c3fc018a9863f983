package dev.aigcmark.text.internal.format;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.Verifier;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.io.UnreadableInputException;
import dev.aigcmark.core.label.AigcLabel;
import dev.aigcmark.core.label.LabelJson;
import dev.aigcmark.core.mark.ExplicitLabel;
import dev.aigcmark.core.mark.Watermark;
import dev.aigcmark.core.report.VerificationReport;
import dev.aigcmark.core.spi.CarrierType;
import dev.aigcmark.core.spi.ContentEdit;
import dev.aigcmark.core.spi.Container;
import dev.aigcmark.core.spi.LabelEdit;
import dev.aigcmark.core.spi.TextView;
import dev.aigcmark.testing.ExternalTools;
import dev.aigcmark.text.OoxmlSamples;
import dev.aigcmark.text.TextTesting;
import dev.aigcmark.text.internal.ZipPackage;
import dev.aigcmark.text.internal.mark.TextMarks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.util.Collections;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DocxHandlerTest {
    static final DocxHandler HANDLER = new DocxHandler();
    static final AigcLabel LABEL = TextTesting.label("docx-1");

    static byte[] mark(byte[] docx, AigcLabel label, ContentEdit edit) throws Exception {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        HANDLER.markContent(MediaInput.of(docx, "a.docx"), content, edit, TextTesting.context());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        HANDLER.writeLabel(MediaInput.of(content.toByteArray(), "a.docx"), out, new LabelEdit(label, null), TextTesting.context());
        return out.toByteArray();
    }

    @Test
    void unzipAndAnXmlParserFindTheLabelRegistered(@TempDir Path dir) throws Exception {
        byte[] marked = mark(OoxmlSamples.docx(), LABEL, new ContentEdit("AI生成", "start", null, null));
        Path file = dir.resolve("m.docx");
        Files.write(file, marked);
        ExternalTools.assumeTool("unzip");
        assertThat(ExternalTools.run("unzip", "-t", file.toString()).requireSuccess().stdout()).contains("No errors");
        Document custom = parse(ExternalTools.run("unzip", "-p", file.toString(), "docProps/custom.xml").requireSuccess().stdout());
        NodeList props = custom.getElementsByTagNameNS("http://schemas.openxmlformats.org/officeDocument/2006/custom-properties", "property");
        assertThat(props.getLength()).isEqualTo(1);
        Element p = (Element) props.item(0);
        assertThat(p.getAttribute("name")).isEqualTo("AIGC");
        assertThat(p.getAttribute("fmtid")).isEqualTo("{D5CDD505-2E9C-101B-9397-08002B2CF9AE}");
        Element value = (Element) p.getElementsByTagNameNS("http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes", "lpwstr").item(0);
        assertThat(value.getTextContent()).isEqualTo(LabelJson.toBareJson(LABEL));
        String types = ExternalTools.run("unzip", "-p", file.toString(), "[[]Content_Types].xml").requireSuccess().stdout();
        assertThat(types).contains("<Override PartName=\"/docProps/custom.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.custom-properties+xml\"/></Types>");
        String rels = ExternalTools.run("unzip", "-p", file.toString(), "_rels/.rels").requireSuccess().stdout();
        assertThat(parse(rels).getElementsByTagName("Relationship").getLength()).isEqualTo(3);
        assertThat(rels).contains("Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties\" Target=\"docProps/custom.xml\"");
        String document = ExternalTools.run("unzip", "-p", file.toString(), "word/document.xml").requireSuccess().stdout();
        parse(document);
        assertThat(document).contains("<w:body><w:p><w:bookmarkStart").contains("<w:t xml:space=\"preserve\">AI生成</w:t>");
    }

    @Test
    void everyOtherPartIsCopiedByteForByte() throws Exception {
        byte[] original = OoxmlSamples.docx();
        byte[] marked = mark(original, LABEL, new ContentEdit("AI生成", "both", null, null));
        ZipPackage before = ZipPackage.read(original, "o", ReadLimits.defaults());
        for (String name : new String[]{"docProps/core.xml", "word/media/image1.png"}) {
            ZipPackage.Entry e = before.entry(name).orElseThrow();
            byte[] record = Arrays.copyOfRange(original, e.recordStart(), e.recordEnd());
            assertThat(indexOf(marked, record)).as(name + " raw record").isGreaterThanOrEqualTo(0);
        }
        try (ZipFile a = zipFile(original); ZipFile b = zipFile(marked)) {
            for (ZipEntry e : Collections.list(a.entries())) {
                if (!e.getName().equals("word/document.xml") && !e.getName().startsWith("[") && !e.getName().startsWith("_rels")) {
                    assertThat(b.getInputStream(b.getEntry(e.getName())).readAllBytes())
                            .isEqualTo(a.getInputStream(e).readAllBytes());
                }
            }
            String doc = new String(b.getInputStream(b.getEntry("word/document.xml")).readAllBytes(), StandardCharsets.UTF_8);
            String withoutLabels = doc.replaceAll("<w:p><w:bookmarkStart[^>]*_AIGCLabel.*?</w:p>", "");
            assertThat(withoutLabels).isEqualTo(OoxmlSamples.DOCUMENT_XML);
            assertThat(doc).endsWith("<w:bookmarkEnd w:id=\"1095321346\"/></w:p><w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/></w:sectPr></w:body></w:document>");
        }
    }

    @Test
    void reMarkingLeavesOneLabelPropertyAndOneLabelParagraph() throws Exception {
        byte[] once = mark(OoxmlSamples.docx(), LABEL, new ContentEdit("AI生成", "start", null, null));
        AigcLabel second = TextTesting.label("docx-2");
        byte[] twice = mark(once, second, new ContentEdit("本文由AI生成", "start", null, null));
        Container c = HANDLER.scan(MediaInput.of(twice, "a.docx"), TextTesting.context());
        assertThat(c.carriers(CarrierType.AIGC_JSON)).singleElement()
                .satisfies(carrier -> assertThat(carrier.text()).isEqualTo(LabelJson.toBareJson(second)));
        String text = c.view(TextView.class).orElseThrow().text();
        assertThat(text).startsWith("本文由AI生成\nLarge language models").doesNotContain("AI生成\n本文");
        try (ZipFile z = zipFile(twice)) {
            String types = new String(z.getInputStream(z.getEntry("[Content_Types].xml")).readAllBytes(), StandardCharsets.UTF_8);
            assertThat(types.split("/docProps/custom.xml", -1)).hasSize(2);
        }
        VerificationReport r = new Verifier(TextTesting.context()).verify(MediaInput.of(twice, "a.docx"));
        assertThat(r.format()).isEqualTo("docx");
        assertThat(r.findings(ExplicitLabel.class)).singleElement()
                .satisfies(f -> assertThat(((ExplicitLabel) f.mark()).text()).isEqualTo("本文由AI生成"));
    }

    @Test
    void theTextMarkGoesIntoTextRunsAndIsReplacedOnReMarking() throws Exception {
        byte[] payload = TextTesting.payload(0x0A1B, 1);
        byte[] once = mark(OoxmlSamples.docx(), LABEL, new ContentEdit(null, null, payload, null));
        byte[] twice = mark(once, LABEL, new ContentEdit(null, null, TextTesting.payload(0x0A1B, 2), null));
        try (ZipFile z = zipFile(twice)) {
            String doc = new String(z.getInputStream(z.getEntry("word/document.xml")).readAllBytes(), StandardCharsets.UTF_8);
            parse(doc);
            assertThat(TextMarks.strip(doc)).isEqualTo(OoxmlSamples.DOCUMENT_XML);
            assertThat(TextMarks.find(doc)).hasSize(2)
                    .allSatisfy(s -> assertThat(s.payload()).isEqualTo(TextTesting.payload(0x0A1B, 2)));
        }
        VerificationReport r = new Verifier(TextTesting.context()).verify(MediaInput.of(twice, "a.docx"));
        assertThat(r.findings(Watermark.class)).singleElement()
                .satisfies(f -> assertThat(f.mark().describe()).containsEntry("places", 2));
    }

    @Test
    void keepsOtherCustomPropertiesAndReplacesAnOldLabel() throws Exception {
        String custom = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Properties xmlns="
                + "\"http://schemas.openxmlformats.org/officeDocument/2006/custom-properties\" xmlns:vt="
                + "\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">"
                + "<property fmtid=\"{D5CDD505-2E9C-101B-9397-08002B2CF9AE}\" pid=\"2\" name=\"Client\"><vt:lpwstr>ACME</vt:lpwstr></property>"
                + "<property fmtid=\"{D5CDD505-2E9C-101B-9397-08002B2CF9AE}\" pid=\"3\" name=\"AIGC\"><vt:lpwstr>{\"Label\":\"2\"}</vt:lpwstr></property>"
                + "<property fmtid=\"{D5CDD505-2E9C-101B-9397-08002B2CF9AE}\" pid=\"4\" name=\"AIGC\"><vt:lpwstr>dup</vt:lpwstr></property>"
                + "</Properties>";
        byte[] docx = OoxmlSamples.docx(custom);
        assertThat(HANDLER.scan(MediaInput.of(docx, "a.docx"), TextTesting.context()).carriers(CarrierType.AIGC_JSON)).hasSize(2);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        HANDLER.writeLabel(MediaInput.of(docx, "a.docx"), out, new LabelEdit(LABEL, null), TextTesting.context());
        try (ZipFile z = zipFile(out.toByteArray())) {
            Document d = parse(new String(z.getInputStream(z.getEntry("docProps/custom.xml")).readAllBytes(), StandardCharsets.UTF_8));
            NodeList props = d.getElementsByTagNameNS("http://schemas.openxmlformats.org/officeDocument/2006/custom-properties", "property");
            assertThat(props.getLength()).isEqualTo(2);
            assertThat(((Element) props.item(0)).getAttribute("name")).isEqualTo("Client");
            assertThat(props.item(0).getTextContent()).isEqualTo("ACME");
            assertThat(((Element) props.item(1)).getAttribute("pid")).isEqualTo("3");
            assertThat(props.item(1).getTextContent()).isEqualTo(LabelJson.toBareJson(LABEL));
            byte[] types = z.getInputStream(z.getEntry("[Content_Types].xml")).readAllBytes();
            try (ZipFile orig = zipFile(docx)) {
                assertThat(types).as("already registered: untouched")
                        .isEqualTo(orig.getInputStream(orig.getEntry("[Content_Types].xml")).readAllBytes());
            }
        }
    }

    @Test
    void pptxGetsTheSamePropertyWithoutRelsPart() throws Exception {
        byte[] pptx = OoxmlSamples.pptx();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new PptxHandler().writeLabel(MediaInput.of(pptx, "s.pptx"), out, new LabelEdit(LABEL, null), TextTesting.context());
        VerificationReport r = new Verifier(TextTesting.context()).verify(MediaInput.of(out.toByteArray(), "s.pptx"));
        assertThat(r.format()).isEqualTo("pptx");
        Container c = new PptxHandler().scan(MediaInput.of(out.toByteArray(), "s.pptx"), TextTesting.context());
        assertThat(c.carriers(CarrierType.AIGC_JSON)).singleElement()
                .satisfies(carrier -> assertThat(carrier.text()).isEqualTo(LabelJson.toBareJson(LABEL)));
        try (ZipFile z = zipFile(out.toByteArray())) {
            assertThat(new String(z.getInputStream(z.getEntry("_rels/.rels")).readAllBytes(), StandardCharsets.UTF_8))
                    .contains("relationships/custom-properties");
        }
    }

    @Test
    void aZipBombIsRefusedAndTheInputUntouched(@TempDir Path dir) throws Exception {
        Map<String, byte[]> parts = new LinkedHashMap<>();
        parts.put("[Content_Types].xml", OoxmlSamples.utf8("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"></Types>"));
        byte[] huge = new byte[30 << 20];
        Arrays.fill(huge, (byte) ' ');
        parts.put("word/document.xml", huge);
        byte[] bomb = OoxmlSamples.zip(parts, null);
        assertThat(bomb.length).isLessThan(100_000);
        Path file = dir.resolve("bomb.docx");
        Files.write(file, bomb);
        try (MediaInput in = MediaInput.of(file)) {
            assertThatThrownBy(() -> HANDLER.markContent(in, new ByteArrayOutputStream(),
                    new ContentEdit("AI生成", null, null, null), TextTesting.context()))
                    .isInstanceOf(UnreadableInputException.class).hasMessageContaining("zip bomb");
        }
        assertThat(Files.readAllBytes(file)).isEqualTo(bomb);
        VerificationReport r = new Verifier(TextTesting.context()).verify(file);
        assertThat(r.unreadable()).isTrue();
        assertThat(r.unreadableReason().orElseThrow()).contains("zip bomb");
    }

    @Test
    void truncatedOrHostilePackagesGetClearErrors() throws Exception {
        byte[] docx = OoxmlSamples.docx();
        byte[] cut = Arrays.copyOf(docx, docx.length - 30);
        assertThatThrownBy(() -> HANDLER.scan(MediaInput.of(cut, "t.docx"), TextTesting.context()))
                .isInstanceOf(UnreadableInputException.class).hasMessageContaining("end-of-central-directory");
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE p [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/custom-properties\"><property name=\"AIGC\">&x;</property></Properties>";
        byte[] hostile = OoxmlSamples.docx(xxe);
        assertThatThrownBy(() -> HANDLER.scan(MediaInput.of(hostile, "x.docx"), TextTesting.context()))
                .isInstanceOf(UnreadableInputException.class).hasMessageContaining("DTD");
        assertThatThrownBy(() -> HANDLER.scan(MediaInput.of(OoxmlSamples.pptx(), "x.docx"), TextTesting.context()))
                .isInstanceOf(UnreadableInputException.class).hasMessageContaining("no word/document.xml");
        ReadLimits few = ReadLimits.defaults().toBuilder().maxZipEntries(3).build();
        assertThatThrownBy(() -> HANDLER.scan(MediaInput.of(docx, "x.docx"),
                TextTesting.context().toBuilder().limits(few).build()))
                .isInstanceOf(UnreadableInputException.class).hasMessageContaining("over the limit of 3");
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static ZipFile zipFile(byte[] bytes) throws Exception {
        Path tmp = Files.createTempFile("docx", ".zip");
        Files.write(tmp, bytes);
        tmp.toFile().deleteOnExit();
        return new ZipFile(tmp.toFile());
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (haystack[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
