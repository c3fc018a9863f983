package dev.aigcmark.bench;

import dev.aigcmark.core.MarkIntent;
import dev.aigcmark.core.Marker;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.identity.IdentityStore;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.jcodec.api.awt.AWTSequenceEncoder;

import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Inputs for the end-to-end benchmarks, made in @Setup: a development identity in a temporary home, and
 * photo-like pictures (gradients plus noise, so compressed sizes and watermark texture are realistic).
 */
final class BenchFiles {
    /** Held strongly: java.util.logging keeps loggers weakly, and a collected root would lose its level. */
    private static final Logger ROOT_LOGGER = Logger.getLogger("");

    private BenchFiles() {
    }

    /** Library logging off, as the {@code aigc} CLI runs by default. */
    static void libraryLoggingOff() {
        LogManager.getLogManager().reset();
        ROOT_LOGGER.setLevel(Level.OFF);
    }

    /** A context with a development identity created in {@code home}. */
    static SdkContext context(Path home) throws IOException {
        Clock clock = Clock.systemUTC();
        return SdkContext.defaults().toBuilder().clock(clock)
                .identity(IdentityStore.loadOrCreateDevelopment(home, clock)).build();
    }

    static BufferedImage picture(int width, int height, int seed) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int v = (x * 255 / width + y * 128 / height + rnd.nextInt(24)) & 0xFF;
                img.setRGB(x, y, (v << 16) | ((255 - v) << 8) | ((v + x / 16) & 0xFF));
            }
        }
        return img;
    }

    static Path image(Path dir, String name, String format, int width, int height) throws IOException {
        Path file = dir.resolve(name);
        if (!ImageIO.write(picture(width, height, 1), format, file.toFile())) {
            throw new IOException("no ImageIO writer for " + format);
        }
        return file;
    }

    static Path markdown(Path dir) throws IOException {
        return markdown(dir, "note.md", 0);
    }

    /** {@link #markdown(Path)} with its paragraphs numbered from {@code variant}: another file of the same size. */
    static Path markdown(Path dir, String name, int variant) throws IOException {
        StringBuilder text = new StringBuilder("---\ntitle: Tides\n---\n# Tides\n\n");
        for (int i = 0; i < 40; i++) {
            text.append("The moon pulls the oceans toward it, and the earth turns beneath the bulge; paragraph ")
                    .append(variant + i).append(".\n\n");
        }
        Path file = dir.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    /** A plain text of about 4 KB, its lines numbered from {@code variant}. */
    static Path text(Path dir, String name, int variant) throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            text.append("Glaciers move because ice deforms under its own weight, a few metres a day; line ")
                    .append(variant + i).append(".\n");
        }
        Path file = dir.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    /** A two-page PDF with a few lines of text on each (PDFBox, a standard font), numbered from {@code variant}. */
    static Path pdf(Path dir, String name, int variant) throws IOException {
        Path file = dir.resolve(name);
        try (PDDocument doc = new PDDocument()) {
            for (int page = 0; page < 2; page++) {
                var p = new PDPage(PDRectangle.A4);
                doc.addPage(p);
                try (var cs = new PDPageContentStream(doc, p)) {
                    cs.beginText();
                    cs.setFont(new PDType1Font(
                            Standard14Fonts.FontName.HELVETICA), 11);
                    cs.newLineAtOffset(50, 780);
                    cs.setLeading(14);
                    for (int i = 0; i < 30; i++) {
                        cs.showText("Tides follow the moon because its gravity pulls the oceans; line " + (variant + i)
                                + ".");
                        cs.newLine();
                    }
                    cs.endText();
                }
            }
            doc.save(file.toFile());
        }
        return file;
    }

    /** A minimal DOCX with a few paragraphs, numbered from {@code variant}. */
    static Path docx(Path dir, String name, int variant) throws IOException {
        Path file = dir.resolve(name);
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            body.append("<w:p><w:r><w:t>Glaciers move because ice deforms under its own weight; paragraph ")
                    .append(variant + i)
                    .append(".</w:t></w:r></w:p>");
        }
        try (var zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zipEntry(zip, "[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                    + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                    + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                    + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                    + "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
                    + "</Types>");
            zipEntry(zip, "_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                    + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                    + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>"
                    + "</Relationships>");
            zipEntry(zip, "word/document.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                    + "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>"
                    + body + "</w:body></w:document>");
        }
        return file;
    }

    /**
     * The metadata-only benchmark document of {@code format} ({@code txt}, {@code md}, {@code pdf}, {@code docx}),
     * unmarked, as {@code name} in {@code dir}; {@code variant} 0 is the file the benchmarks always used, others
     * differ in their numbering only.
     */
    static Path metadataDocument(Path dir, String format, String name, int variant) throws IOException {
        return switch (format) {
            case "txt" -> text(dir, name, variant);
            case "md" -> markdown(dir, name, variant);
            case "pdf" -> pdf(dir, name, variant);
            case "docx" -> docx(dir, name, variant);
            default -> throw new IllegalArgumentException(format);
        };
    }

    private static void zipEntry(ZipOutputStream zip, String name, String content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    /** 2 s of 320x240 H.264 at 12 fps (jcodec): a short clip, as in a feed. */
    static Path clip(Path dir) throws IOException {
        Path file = dir.resolve("clip.mp4");
        AWTSequenceEncoder enc = AWTSequenceEncoder.createSequenceEncoder(file.toFile(), 12);
        for (int i = 0; i < 24; i++) {
            enc.encodeImage(picture(320, 240, i));
        }
        enc.finish();
        return file;
    }

    /** The verification benchmarks' inputs by name: jpeg1080 and png1080 (1920x1080), markdown (4 KB), mp4 (a clip). */
    static Path named(Path dir, String input) throws IOException {
        return switch (input) {
            case "jpeg1080" -> image(dir, "photo.jpg", "jpeg", 1920, 1080);
            case "png1080" -> image(dir, "photo.png", "png", 1920, 1080);
            case "markdown" -> markdown(dir);
            case "mp4" -> clip(dir);
            default -> throw new IllegalArgumentException(input);
        };
    }

    /** Marks {@code in} with everything the format takes (label, visible label, watermark, C2PA). */
    static Path marked(SdkContext context, Path in) throws IOException {
        Path out = in.resolveSibling("marked-" + in.getFileName());
        new Marker(context).mark(in, out, MarkIntent.builder().c2pa(true).build());
        return out;
    }

    static void delete(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
