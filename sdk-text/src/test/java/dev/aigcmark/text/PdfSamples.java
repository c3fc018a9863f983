package dev.aigcmark.text;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.util.Matrix;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** PDFs generated for tests: pages of plain prose, optionally rotated or encrypted, or in Chinese. */
public final class PdfSamples {
    /** A CJK TrueType font of 4 MB (Debian's fonts-droid-fallback); tests that need it assume it is there. */
    public static final Path CJK_FONT = Path.of("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf");
    private static final String CJK_LINE = "人工智能生成的内容需要标识，平台在传播内容时也要检查这些标识。";

    private PdfSamples() {
    }

    /**
     * {@code pages} A4 pages of 45 lines of Chinese each in {@code font} embedded whole, not subset, as many
     * producers embed CJK fonts: the font program is most of the file. Saved with object streams.
     */
    public static byte[] cjkProse(int pages, Path font) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            PDType0Font f;
            try (InputStream in = Files.newInputStream(font)) {
                f = PDType0Font.load(doc, in, false);
            }
            for (int p = 0; p < pages; p++) {
                PDPage page = new PDPage(PDRectangle.A4);
                doc.addPage(page);
                try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                    cs.beginText();
                    cs.setFont(f, 10);
                    cs.newLineAtOffset(50, 790);
                    cs.setLeading(16);
                    for (int i = 0; i < 45; i++) {
                        cs.showText(CJK_LINE);
                        cs.newLine();
                    }
                    cs.endText();
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        }
    }

    public static byte[] prose(int pages, int rotateLastBy) throws IOException {
        return build(pages, rotateLastBy, null);
    }

    /** Encrypted with an owner password; {@code userPassword} empty opens without one. */
    public static byte[] encrypted(String userPassword) throws IOException {
        return build(1, 0, userPassword);
    }

    private static byte[] build(int pages, int rotateLastBy, String userPassword) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            for (int p = 0; p < pages; p++) {
                PDPage page = new PDPage(PDRectangle.A4);
                if (p == pages - 1 && rotateLastBy != 0) {
                    page.setRotation(rotateLastBy);
                }
                doc.addPage(page);
                try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                    cs.beginText();
                    cs.setFont(font, 11);
                    cs.newLineAtOffset(72, 720);
                    cs.setLeading(14);
                    cs.showText("Page " + (p + 1) + ". Large language models write fluent text.");
                    cs.newLine();
                    cs.showText("They are trained on large corpora. Their output needs a label.");
                    cs.endText();
                    // Leave the graphics state changed, as real producers do, to prove the overlay isolates itself.
                    cs.transform(new Matrix(0.5f, 0, 0, 0.5f, 100, 100));
                }
            }
            doc.getDocumentInformation().setTitle("Sample");
            if (userPassword != null) {
                StandardProtectionPolicy policy = new StandardProtectionPolicy("owner", userPassword, new AccessPermission());
                policy.setEncryptionKeyLength(128);
                doc.protect(policy);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        }
    }
}
