package dev.aigcmark.image.internal.container;

import dev.aigcmark.core.ReadLimits;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Encodes edited pixels as a PNG with the original's colour type and bit depth (the decoded image type is
 * kept, and the JDK encoder writes it as such) and every ancillary chunk of the original copied byte for
 * byte, in its place relative to PLTE and IDAT. Only IHDR, PLTE, tRNS and IDAT come from the new encoding.
 */
public final class PngReencoder {
    private static final Set<String> IMAGE_CHUNKS = Set.of("IHDR", "PLTE", "tRNS", "IDAT", "IEND");

    private PngReencoder() {
    }

    public static void write(byte[] original, PngStructure st, BufferedImage pixels, OutputStream out) throws IOException {
        ByteArrayOutputStream enc = new ByteArrayOutputStream();
        if (!ImageIO.write(pixels, "png", enc)) {
            throw new IOException("no PNG encoder for this image type");
        }
        byte[] encoded = enc.toByteArray();
        List<PngStructure.Chunk> fresh = PngStructure.parse(encoded, ReadLimits.defaults(), new ArrayList<>()).chunks();

        List<PngStructure.Chunk> beforePlte = new ArrayList<>();
        List<PngStructure.Chunk> afterPlte = new ArrayList<>();
        List<PngStructure.Chunk> afterIdat = new ArrayList<>();
        boolean seenPlte = false;
        boolean seenIdat = false;
        for (PngStructure.Chunk c : st.chunks()) {
            seenPlte |= c.type().equals("PLTE");
            seenIdat |= c.type().equals("IDAT");
            if (!IMAGE_CHUNKS.contains(c.type())) {
                (seenIdat ? afterIdat : seenPlte ? afterPlte : beforePlte).add(c);
            }
        }
        out.write(PngStructure.SIGNATURE);
        copy(encoded, fresh, "IHDR", out);
        copyAll(original, beforePlte, out);
        copy(encoded, fresh, "PLTE", out);
        copyAll(original, afterPlte, out);
        copy(encoded, fresh, "tRNS", out);
        copy(encoded, fresh, "IDAT", out);
        copyAll(original, afterIdat, out);
        copy(encoded, fresh, "IEND", out);
    }

    private static void copy(byte[] b, List<PngStructure.Chunk> chunks, String type, OutputStream out) throws IOException {
        for (PngStructure.Chunk c : chunks) {
            if (c.type().equals(type)) {
                out.write(b, c.offset(), c.end() - c.offset());
            }
        }
    }

    private static void copyAll(byte[] b, List<PngStructure.Chunk> chunks, OutputStream out) throws IOException {
        for (PngStructure.Chunk c : chunks) {
            out.write(b, c.offset(), c.end() - c.offset());
        }
    }
}
