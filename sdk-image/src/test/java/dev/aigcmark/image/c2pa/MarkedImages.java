package dev.aigcmark.image.c2pa;

import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.internal.c2pa.C2paWriter;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.spi.FormatHandler;
import dev.aigcmark.testing.SharedFiles;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test images in JPEG, PNG and WebP, and marking them through the real handlers. */
final class MarkedImages {
    private MarkedImages() {
    }

    static BufferedImage gradient() {
        BufferedImage img = new BufferedImage(96, 64, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                img.setRGB(x, y, (x * 2) << 16 | (y * 3) << 8 | ((x + y) & 0xFF));
            }
        }
        return img;
    }

    /** A fresh image of {@code format} ({@code jpeg}, {@code png}, {@code webp}) without any manifest. */
    static Path image(Path dir, String format) throws IOException {
        Path p = dir.resolve("in." + format);
        if (format.equals("webp")) {
            // ImageIO cannot write WebP: take the reference's WebP vector and drop its C2PA chunk.
            Files.write(p, withoutRiffChunk(Files.readAllBytes(SharedFiles.vectors("c2pa").resolve("webp-ai-ed25519.webp")), "C2PA"));
            return p;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(gradient(), format, out);
        Files.write(p, out.toByteArray());
        return p;
    }

    static byte[] withoutRiffChunk(byte[] riff, String fourcc) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(riff, 0, 12);
        int pos = 12;
        while (pos + 8 <= riff.length) {
            int len = ByteBuffer.wrap(riff, pos + 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
            int total = 8 + len + (len & 1);
            if (!new String(riff, pos, 4, StandardCharsets.ISO_8859_1).equals(fourcc)) {
                out.write(riff, pos, total);
            }
            pos += total;
        }
        byte[] b = out.toByteArray();
        ByteBuffer.wrap(b, 4, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(b.length - 8);
        return b;
    }

    static C2paWriter.Result mark(SdkContext ctx, String format, Path in, Path out, C2paWriter.Request request) throws IOException {
        FormatHandler handler = ctx.handler(format).orElseThrow();
        try (MediaInput input = MediaInput.of(in)) {
            return new C2paWriter(ctx).write(handler, input, out, request);
        }
    }

    /** Bytes between a container's start and its first JUMBF byte: JPEG APP11 header, PNG/RIFF chunk header. */
    static int storeHeader(String format) {
        return switch (format) {
            case "jpeg" -> 12;
            default -> 8;
        };
    }
}
