package dev.aigcmark.cli.binding;

import dev.aigcmark.cli.SamplePicture;
import dev.aigcmark.cli.TestContent;
import dev.aigcmark.testing.ExternalTools;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Two different pieces of content per format we write (variant 0 and 1), made on the spot: a label made for
 * one must not verify on the other. Small and deterministic.
 */
enum Contents {
    JPEG("jpg", "-EXIF:Artist=exiftool") {
        @Override
        byte[] make(Path work, int variant) throws IOException {
            return image("jpeg", variant);
        }
    },
    PNG("png", "-PNG:Comment=edited by exiftool") {
        @Override
        byte[] make(Path work, int variant) throws IOException {
            return image("png", variant);
        }
    },
    WEBP("webp", "-EXIF:Artist=exiftool") {
        /** No Java WebP writer ships with the JDK: ffmpeg (libwebp) encodes one from a PNG. */
        @Override
        byte[] make(Path work, int variant) throws IOException {
            ExternalTools.assumeTool("ffmpeg");
            Path png = work.resolve("webp-source-" + variant + ".png");
            Path webp = work.resolve("sample-" + variant + ".webp");
            Files.write(png, image("png", variant));
            ExternalTools.run("ffmpeg", "-v", "error", "-y", "-i", png.toString(), webp.toString()).requireSuccess();
            return Files.readAllBytes(webp);
        }
    },
    GIF("gif", "-Comment=edited by exiftool") {
        @Override
        byte[] make(Path work, int variant) throws IOException {
            return image("gif", variant);
        }
    },
    TIFF("tif", "-IFD0:Artist=exiftool") {
        @Override
        byte[] make(Path work, int variant) throws IOException {
            return image("tiff", variant);
        }
    },
    MP4("mp4", "-QuickTime:Title=edited by exiftool") {
        @Override
        byte[] make(Path work, int variant) throws IOException {
            return clip(work, variant);
        }
    },
    MOV("mov", "-QuickTime:Title=edited by exiftool") {
        /** The same kind of clip branded QuickTime ('qt  '). */
        @Override
        byte[] make(Path work, int variant) throws IOException {
            byte[] mp4 = clip(work, variant);
            System.arraycopy("qt  ".getBytes(StandardCharsets.ISO_8859_1), 0, mp4, 8, 4);
            return mp4;
        }
    },
    PDF("pdf", "-PDF:Author=exiftool") {
        @Override
        byte[] make(Path work, int variant) throws IOException {
            try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
                PDPage page = new PDPage(PDRectangle.A6);
                doc.addPage(page);
                try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                    cs.beginText();
                    cs.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 10);
                    cs.newLineAtOffset(20, 300);
                    cs.showText(variant == 0 ? "Tides follow the moon because its gravity pulls the oceans."
                            : "Tides follow the moon, and the sun pulls on the oceans too.");
                    cs.endText();
                }
                doc.getDocumentInformation().setTitle("Tides");
                doc.save(out);
                return out.toByteArray();
            }
        }
    },
    DOCX("docx", null) {
        @Override
        byte[] make(Path work, int variant) throws IOException {
            return ooxml("word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
                    "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>"
                            + "<w:p><w:r><w:t>" + PROSE[variant] + "</w:t></w:r></w:p></w:body></w:document>");
        }
    },
    PPTX("pptx", null) {
        @Override
        byte[] make(Path work, int variant) throws IOException {
            return ooxml("ppt/presentation.xml", "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
                    "<p:presentation xmlns:p=\"http://schemas.openxmlformats.org/presentationml/2006/main\"><!--"
                            + PROSE[variant] + "--></p:presentation>");
        }
    },
    XLSX("xlsx", null) {
        @Override
        byte[] make(Path work, int variant) throws IOException {
            return ooxml("xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                    "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheets/><!--"
                            + PROSE[variant] + "--></workbook>");
        }
    },
    MARKDOWN("md", null) {
        @Override
        byte[] make(Path work, int variant) {
            return ("---\ntitle: Glaciers\n---\n# Glaciers\n\n" + PROSE[variant] + "\n").getBytes(StandardCharsets.UTF_8);
        }
    },
    TEXT("txt", null) {
        @Override
        byte[] make(Path work, int variant) {
            return (PROSE[variant] + "\n").getBytes(StandardCharsets.UTF_8);
        }
    };

    static final String[] PROSE = {"Glaciers move because ice deforms under its own weight.",
            "Glaciers move because meltwater lets them slide over the rock."};

    final String extension;
    /** An exiftool argument that edits this format's metadata (not its content), or null when exiftool cannot write it. */
    final String exiftoolEdit;

    Contents(String extension, String exiftoolEdit) {
        this.extension = extension;
        this.exiftoolEdit = exiftoolEdit;
    }

    abstract byte[] make(Path work, int variant) throws IOException;

    boolean isVideo() {
        return this == MP4 || this == MOV;
    }

    static byte[] image(String format, int variant) throws IOException {
        return image(format, variant, 128, 96);
    }

    /** A picture of {@code variant} in {@code format}, {@code width} x {@code height}. */
    static byte[] image(String format, int variant, int width, int height) throws IOException {
        return TestContent.image(SamplePicture.of(width, height, 7 * variant), format);
    }

    private static byte[] clip(Path work, int variant) throws IOException {
        return TestContent.clip(work, 96, 64, 4, 7 * variant);
    }

    private static byte[] ooxml(String mainPart, String mainType, String mainXml) throws IOException {
        return TestContent.ooxml(mainPart, mainType, mainXml);
    }
}
