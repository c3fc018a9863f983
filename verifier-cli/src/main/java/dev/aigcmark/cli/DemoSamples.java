package dev.aigcmark.cli;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.jcodec.api.awt.AWTSequenceEncoder;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The sample content {@code aigc demo} marks: one small file per format, made on the spot (nothing binary is
 * shipped). Each sample names the file extension a handler must claim; the demo makes only the samples some
 * loaded handler claims, so a build without, say, video support still runs the demo to the end.
 */
enum DemoSamples {
    MARKDOWN("md") {
        @Override
        void write(Path file) throws IOException {
            Files.writeString(file, """
                    ---
                    title: A short note written by a model
                    tags: [demo]
                    ---
                    # Why the sky is blue

                    Sunlight is scattered by the molecules of the air, and blue light, with its shorter
                    wavelength, is scattered far more than red. Looking away from the sun, we see that
                    scattered light: the sky.
                    """, StandardCharsets.UTF_8);
        }
    },
    TEXT("txt") {
        @Override
        void write(Path file) throws IOException {
            Files.writeString(file, "Rain is water vapour that has condensed around dust and grown heavy enough "
                    + "to fall. Most raindrops start as snow high in the cloud and melt on the way down.\n",
                    StandardCharsets.UTF_8);
        }
    },
    PNG("png", "png"),
    JPEG("jpg", "jpeg"),
    GIF("gif", "gif"),
    TIFF("tif", "tiff"),
    PDF("pdf") {
        @Override
        void write(Path file) throws IOException {
            try (PDDocument doc = new PDDocument()) {
                PDPage page = new PDPage(PDRectangle.A5);
                doc.addPage(page);
                try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                    cs.beginText();
                    cs.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                    cs.newLineAtOffset(40, 500);
                    cs.setLeading(16);
                    cs.showText("A short report written by a model.");
                    cs.newLine();
                    cs.showText("Tides follow the moon because its gravity pulls the oceans.");
                    cs.endText();
                }
                doc.save(file.toFile());
            }
        }
    },
    DOCX("docx") {
        @Override
        void write(Path file) throws IOException {
            try (OutputStream os = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(os)) {
                entry(zip, "[Content_Types].xml", """
                        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
                        <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
                        <Default Extension="xml" ContentType="application/xml"/>\
                        <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>\
                        </Types>""");
                entry(zip, "_rels/.rels", """
                        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>\
                        </Relationships>""");
                entry(zip, "word/document.xml", """
                        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                        <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">\
                        <w:body><w:p><w:r><w:t>A short memo written by a model: glaciers move because ice \
                        deforms under its own weight.</w:t></w:r></w:p></w:body></w:document>""");
            }
        }
    },
    MP4("mp4") {
        @Override
        void write(Path file) throws IOException {
            // 2 s at 12 fps, small enough that encoding (jcodec, H.264 Baseline) takes well under a second.
            AWTSequenceEncoder enc = AWTSequenceEncoder.createSequenceEncoder(file.toFile(), 12);
            for (int i = 0; i < 24; i++) {
                enc.encodeImage(SamplePicture.of(320, 240, i));
            }
            enc.finish();
        }
    };

    private final String extension;
    /** The ImageIO format of a picture sample (written by {@link #write} as it is), or null. */
    private final String imageIoFormat;

    DemoSamples(String extension) {
        this(extension, null);
    }

    /** A picture sample: the same picture written by ImageIO in {@code imageIoFormat}. */
    DemoSamples(String extension, String imageIoFormat) {
        this.extension = extension;
        this.imageIoFormat = imageIoFormat;
    }

    String extension() {
        return extension;
    }

    String fileName() {
        return "sample." + extension;
    }

    /** Writes the sample to {@code file} (a picture sample's is its picture; every other sample says its own). */
    void write(Path file) throws IOException {
        if (imageIoFormat == null) {
            throw new IllegalStateException(this + " has no content of its own"); // each other sample overrides this
        }
        writeImage(file, imageIoFormat);
    }

    static List<DemoSamples> all() {
        return List.of(values());
    }

    /** The demo picture (RGB, as {@link SamplePicture} makes it) written by ImageIO in {@code imageIoFormat}. */
    private static void writeImage(Path file, String imageIoFormat) throws IOException {
        if (!ImageIO.write(SamplePicture.of(640, 400, 0), imageIoFormat, file.toFile())) {
            throw new IOException("this Java runtime cannot write " + imageIoFormat);
        }
    }

    private static void entry(ZipOutputStream zip, String name, String content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }
}
