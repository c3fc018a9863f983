package dev.aigcmark.image.internal.format;

import dev.aigcmark.core.label.LabelJson;
import dev.aigcmark.core.label.ProduceId;
import dev.aigcmark.core.label.AigcLabel;
import dev.aigcmark.core.label.LabelValue;
import dev.aigcmark.image.internal.container.Bytes;
import dev.aigcmark.image.internal.container.PngStructure;
import dev.aigcmark.testing.ExternalTools;

import java.awt.AlphaComposite;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** Test images made on the fly (no binaries in the repository). */
public final class TestImages {
    public static final AigcLabel LABEL = AigcLabel.produced(LabelValue.AI_GENERATED,
            "001191110102MACQD9K64010000", ProduceId.of("0f1e2d3c4b5a69788796a5b4c3d2e1f0"));

    private TestImages() {
    }

    /** One sample per format and variant: (handler id, variant, bytes). */
    public static Stream<Arguments> samples(Path dir) throws IOException {
        return Stream.of(
                Arguments.of("jpeg", "plain", jpeg(64, 48, 0.9f)),
                Arguments.of("jpeg", "exif+icc+com", richJpeg()),
                Arguments.of("png", "plain", png(40, 30)),
                Arguments.of("png", "text chunks", richPng()),
                Arguments.of("png", "vendor tEXt AIGC", insert(png(40, 30), 33, PngStructure.chunk("tEXt",
                        ("AIGC\0" + LabelJson.toWrappedJson(LABEL)).getBytes(StandardCharsets.ISO_8859_1)))),
                Arguments.of("gif", "plain", gif(40, 30)),
                Arguments.of("tiff", "big-endian", tiff(40, 30, ByteOrder.BIG_ENDIAN)),
                Arguments.of("tiff", "little-endian", tiff(40, 30, ByteOrder.LITTLE_ENDIAN)),
                Arguments.of("webp", "VP8", webp(dir, false, false)),
                Arguments.of("webp", "VP8L alpha", webp(dir, true, true)));
    }

    public static BufferedImage picture(int w, int h, int type) {
        BufferedImage img = new BufferedImage(w, h, type);
        Graphics2D g = img.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(30, 90, 200), w, h, new Color(240, 200, 40)));
        g.fillRect(0, 0, w, h);
        g.setColor(Color.WHITE);
        g.fillOval(w / 4, h / 4, w / 2, h / 2);
        g.dispose();
        return img;
    }

    /** A photo-like picture: shapes plus fine noise, which the watermark's texture mask needs. */
    public static BufferedImage textured(int w, int h) {
        BufferedImage img = picture(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Random r = new Random(42);
        Graphics2D g = img.createGraphics();
        for (int i = 0; i < 40; i++) {
            g.setColor(new Color(r.nextInt(0x1000000)));
            g.fillOval(r.nextInt(w), r.nextInt(h), 10 + r.nextInt(w / 4), 10 + r.nextInt(h / 4));
        }
        g.dispose();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = img.getRGB(x, y);
                int n = r.nextInt(25) - 12;
                int red = Math.max(0, Math.min(255, ((p >> 16) & 255) + n));
                int gr = Math.max(0, Math.min(255, ((p >> 8) & 255) + n));
                int bl = Math.max(0, Math.min(255, (p & 255) + n));
                img.setRGB(x, y, (red << 16) | (gr << 8) | bl);
            }
        }
        return img;
    }

    public static byte[] encode(BufferedImage img, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(img, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static byte[] jpeg(int w, int h, float quality) {
        return jpeg(picture(w, h, BufferedImage.TYPE_3BYTE_BGR), quality);
    }

    /** {@code img} encoded by the JDK's ImageIO JPEG writer at {@code quality} (0..1). */
    public static byte[] jpeg(BufferedImage img, float quality) {
        try {
            ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
            ImageWriteParam p = writer.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(quality);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ImageOutputStream ios = new MemoryCacheImageOutputStream(out)) {
                writer.setOutput(ios);
                writer.write(null, new IIOImage(img, null, null), p);
            } finally {
                writer.dispose();
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] png(int w, int h) {
        return encode(picture(w, h, BufferedImage.TYPE_INT_ARGB), "png");
    }

    public static byte[] gif(int w, int h) {
        return encode(picture(w, h, BufferedImage.TYPE_INT_RGB), "gif");
    }

    public static byte[] tiff(int w, int h, ByteOrder order) {
        try {
            ImageWriter writer = ImageIO.getImageWritersByFormatName("tiff").next();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ImageOutputStream ios = new MemoryCacheImageOutputStream(out)) {
                ios.setByteOrder(order);
                writer.setOutput(ios);
                writer.write(picture(w, h, BufferedImage.TYPE_3BYTE_BGR));
            }
            writer.dispose();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A WebP made by ffmpeg from a PNG: lossy VP8, or lossless VP8L. */
    public static byte[] webp(Path dir, boolean lossless, boolean alpha) throws IOException {
        BufferedImage img = picture(96, 64, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        if (alpha) {
            Graphics2D g = img.createGraphics();
            g.setComposite(AlphaComposite.Clear);
            g.fillRect(0, 0, 20, 20);
            g.dispose();
        }
        return webp(dir, encode(img, "png"), "-lossless", lossless ? "1" : "0");
    }

    /** {@code png} converted to WebP by ffmpeg's libwebp with the given encoder options (e.g. {@code -quality 90}). */
    public static byte[] webp(Path dir, byte[] png, String... options) throws IOException {
        ExternalTools.assumeTool("ffmpeg");
        Path in = Files.createTempFile(dir, "src", ".png");
        Path out = Files.createTempFile(dir, "out", ".webp");
        Files.write(in, png);
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-y", "-loglevel", "error",
                "-i", in.toString(), "-c:v", "libwebp"));
        cmd.addAll(List.of(options));
        cmd.add(out.toString());
        ExternalTools.run(cmd).requireSuccess();
        return Files.readAllBytes(out);
    }

    /** A minimal EXIF block (TIFF, big-endian) with a UserComment in the EXIF IFD. */
    public static byte[] exifWithUserComment(String comment) {
        byte[] text = ("ASCII\0\0\0" + comment).getBytes(StandardCharsets.ISO_8859_1);
        byte[] t = new byte[8 + 2 + 12 + 4 + 2 + 12 + 4 + text.length];
        t[0] = 'M';
        t[1] = 'M';
        Bytes.put16be(t, 2, 42);
        Bytes.put32be(t, 4, 8);
        Bytes.put16be(t, 8, 1);
        Bytes.put16be(t, 10, 0x8769);
        Bytes.put16be(t, 12, 4);
        Bytes.put32be(t, 14, 1);
        Bytes.put32be(t, 18, 26);
        Bytes.put16be(t, 26, 1);
        Bytes.put16be(t, 28, 0x9286);
        Bytes.put16be(t, 30, 7);
        Bytes.put32be(t, 32, text.length);
        Bytes.put32be(t, 36, 44);
        System.arraycopy(text, 0, t, 44, text.length);
        return t;
    }

    /** A minimal EXIF block (TIFF, little-endian) with only the Orientation tag. */
    public static byte[] exifWithOrientation(int orientation) {
        byte[] t = new byte[8 + 2 + 12 + 4];
        t[0] = 'I';
        t[1] = 'I';
        t[2] = 42;
        t[4] = 8;
        t[8] = 1;
        t[10] = 0x12;
        t[11] = 0x01;
        t[12] = 3;
        t[14] = 1;
        t[18] = (byte) orientation;
        return t;
    }

    /** A JPEG segment: marker, length, payload. */
    public static byte[] segment(int marker, byte[] payload) {
        byte[] s = new byte[4 + payload.length];
        s[0] = (byte) 0xFF;
        s[1] = (byte) marker;
        Bytes.put16be(s, 2, payload.length + 2);
        System.arraycopy(payload, 0, s, 4, payload.length);
        return s;
    }

    /** Inserts {@code piece} at {@code at}. */
    public static byte[] insert(byte[] file, int at, byte[]... pieces) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(file, 0, at);
        for (byte[] p : pieces) {
            out.writeBytes(p);
        }
        out.write(file, at, file.length - at);
        return out.toByteArray();
    }

    /** A JPEG with JFIF, then EXIF (UserComment label), an ICC APP2 and a COM segment. */
    public static byte[] richJpeg() {
        return richJpeg(64, 48, 0.8f);
    }

    public static byte[] richJpeg(int w, int h, float quality) {
        byte[] j = jpeg(w, h, quality);
        byte[] exif = concat("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1),
                exifWithUserComment(LabelJson.toWrappedJson(LABEL)));
        byte[] icc = concat("ICC_PROFILE\0\1\1".getBytes(StandardCharsets.ISO_8859_1),
                ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData());
        int afterApp0 = 2 + 2 + Bytes.u16be(j, 4);
        return insert(j, afterApp0, segment(0xE1, exif), segment(0xE2, icc),
                segment(0xFE, "a comment".getBytes(StandardCharsets.ISO_8859_1)));
    }

    /** A PNG with a tEXt Comment before IDAT and a tEXt after it. */
    public static byte[] richPng() {
        return withTextChunks(png(40, 30));
    }

    /** {@code p} with a tEXt Comment right after IHDR and a tEXt Author before IEND. */
    public static byte[] withTextChunks(byte[] p) {
        byte[] before = PngStructure.chunk("tEXt", "Comment\0hello".getBytes(StandardCharsets.ISO_8859_1));
        byte[] after = PngStructure.chunk("tEXt", "Author\0someone".getBytes(StandardCharsets.ISO_8859_1));
        int ihdrEnd = 8 + 12 + 13;
        byte[] withBefore = insert(p, ihdrEnd, before);
        return insert(withBefore, withBefore.length - 12, after);
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** A multi-image file (animated GIF, multi-page TIFF) of {@code count} copies of {@link #picture}, by the JDK writer. */
    public static byte[] sequence(String format, int count) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName(format).next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream ios = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(ios);
            writer.prepareWriteSequence(null);
            for (int i = 0; i < count; i++) {
                writer.writeToSequence(new IIOImage(picture(64, 48, BufferedImage.TYPE_INT_RGB), null, null), null);
            }
            writer.endWriteSequence();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }
}
