package dev.aigcmark.bench;

import org.apache.pdfbox.pdfwriter.compress.CompressParameters;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.JPEGFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Large legitimate PDFs for measuring what reading a PDF within limits costs (PDFBox's filters counting what they
 * decode, {@code PdfFilterBounds}, and the measuring pass of {@code PdfStreams.checkDecodedSize}): long documents with
 * embedded fonts, with and without object streams, and a document of large images. Written by PDFBox; a font
 * missing from this machine leaves its file out.
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.aigcmark.bench.LargePdfs DIR</pre>
 */
public final class LargePdfs {
    private static final Path LATIN_FONT = Path.of("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");
    private static final Path CJK_FONT = Path.of("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf");
    private static final String LATIN = "Tides follow the moon because its gravity pulls the oceans toward it; line ";
    private static final String CJK = "人工智能生成的内容需要标识，平台在传播内容时也要检查这些标识。第";

    private LargePdfs() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Files.createDirectories(Path.of(args.length > 0 ? args[0] : "large-pdfs"));
        prose(dir.resolve("prose-200-standard-font.pdf"), 200, null, null, true);
        prose(dir.resolve("prose-200-plain-xref.pdf"), 200, null, null, false);
        if (Files.isRegularFile(LATIN_FONT)) {
            prose(dir.resolve("prose-200-embedded-font.pdf"), 200, LATIN_FONT, LATIN, true);
        }
        if (Files.isRegularFile(CJK_FONT)) {
            prose(dir.resolve("cjk-100-embedded-font.pdf"), 100, CJK_FONT, CJK, true);
        }
        images(dir.resolve("images-24.pdf"), 24);
        try (var files = Files.list(dir)) {
            files.sorted().forEach(f -> System.out.println(f + " " + f.toFile().length()));
        }
    }

    /**
     * {@code pages} A4 pages of 45 lines each, in the standard Helvetica or {@code font} embedded whole (not
     * subset); saved with object and cross-reference streams ({@code compressed}) or a plain xref table.
     */
    static void prose(Path file, int pages, Path font, String line, boolean compressed) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            PDFont f;
            if (font == null) {
                f = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            } else {
                try (InputStream in = Files.newInputStream(font)) {
                    f = PDType0Font.load(doc, in, false); // embedded whole, as many producers do
                }
            }
            String text = line == null ? LATIN : line;
            for (int p = 0; p < pages; p++) {
                PDPage page = new PDPage(PDRectangle.A4);
                doc.addPage(page);
                try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                    cs.beginText();
                    cs.setFont(f, 10);
                    cs.newLineAtOffset(50, 790);
                    cs.setLeading(16);
                    for (int i = 0; i < 45; i++) {
                        // the CJK font has no Latin digits
                        cs.showText(CJK.equals(line) ? text + "行。" : text + (p * 45 + i) + ".");
                        cs.newLine();
                    }
                    cs.endText();
                }
            }
            doc.save(file.toFile(), compressed ? CompressParameters.DEFAULT_COMPRESSION : CompressParameters.NO_COMPRESSION);
        }
    }

    /** {@code pages} pages, each a 2000x1500 JPEG photo-like picture (quality 0.85) under a line of text. */
    static void images(Path file, int pages) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            PDFont f = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            for (int p = 0; p < pages; p++) {
                PDPage page = new PDPage(PDRectangle.A4);
                doc.addPage(page);
                PDImageXObject image = JPEGFactory.createFromImage(doc, BenchFiles.picture(2000, 1500, p), 0.85f);
                try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                    cs.drawImage(image, 50, 300, 495, 371);
                    cs.beginText();
                    cs.setFont(f, 11);
                    cs.newLineAtOffset(50, 780);
                    cs.showText("Figure " + (p + 1) + ". " + LATIN + p + ".");
                    cs.endText();
                }
            }
            doc.save(file.toFile());
        }
    }
}
