package dev.aigcmark.cli;

import org.jcodec.api.awt.AWTSequenceEncoder;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Small, valid content made on the spot for the CLI's suites: pictures, a clip, a minimal OOXML package. */
public final class TestContent {
    /** The time stamped into generated containers, so generated content repeats byte for byte. */
    public static final long FIXED_TIME = 1_795_000_000_000L;

    private TestContent() {
    }

    /** {@code img} encoded by ImageIO as {@code format}. */
    public static byte[] image(BufferedImage img, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(img, format, out)) {
            throw new IOException("this Java runtime cannot write " + format);
        }
        return out.toByteArray();
    }

    /** An H.264 MP4 of {@code frames} sample pictures ({@link SamplePicture} frames {@code firstFrame}...), 8 fps. */
    public static byte[] clip(Path work, int width, int height, int frames, int firstFrame) throws IOException {
        Path file = Files.createTempFile(work, "clip", ".mp4");
        AWTSequenceEncoder enc = AWTSequenceEncoder.createSequenceEncoder(file.toFile(), 8);
        for (int i = 0; i < frames; i++) {
            enc.encodeImage(SamplePicture.of(width, height, firstFrame + i));
        }
        enc.finish();
        return Files.readAllBytes(file);
    }

    /** A minimal OOXML package: content types, the package relationship and the main part holding {@code mainXml}. */
    public static byte[] ooxml(String mainPart, String mainType, String mainXml) throws IOException {
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + "<Override PartName=\"/" + mainPart + "\" ContentType=\"" + mainType + "\"/></Types>");
        parts.put("_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\""
                + mainPart + "\"/></Relationships>");
        parts.put(mainPart, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>" + mainXml);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, String> p : parts.entrySet()) {
                ZipEntry entry = new ZipEntry(p.getKey());
                entry.setTime(FIXED_TIME); // the package must be the same bytes on every run
                zip.putNextEntry(entry);
                zip.write(p.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }
}
