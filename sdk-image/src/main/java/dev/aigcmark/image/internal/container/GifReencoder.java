package dev.aigcmark.image.internal.container;

import dev.aigcmark.core.ReadLimits;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;

/**
 * Encodes edited pixels of a single-image GIF: the pixels arrive quantised to the original palette (the
 * painter keeps the decoded indexed type), the JDK GIF writer LZW-codes them with the original image
 * metadata, and only that image block (descriptor, colour table, data) replaces the original's; header,
 * global colour table, graphic control, comment, application (XMP) extensions are copied byte for byte.
 */
public final class GifReencoder {
    private GifReencoder() {
    }

    /** The single image block of {@code st}; the caller has refused files with more than one. */
    public static GifStructure.Block image(GifStructure st) {
        return st.blocks().stream().filter(b -> b.kind() == 0x2C).findFirst().orElseThrow();
    }

    public static void write(byte[] original, GifStructure st, BufferedImage pixels, OutputStream out) throws IOException {
        if (!(pixels.getColorModel() instanceof IndexColorModel)) {
            throw new IOException("GIF pixels lost their palette");
        }
        byte[] encoded = encode(original, pixels);
        GifStructure fresh = GifStructure.parse(encoded, ReadLimits.defaults(), new ArrayList<>());
        GifStructure.Block old = image(st);
        GifStructure.Block replacement = image(fresh);
        out.write(original, 0, old.offset());
        out.write(encoded, replacement.offset(), replacement.end() - replacement.offset());
        out.write(original, old.end(), original.length - old.end());
    }

    private static byte[] encode(byte[] original, BufferedImage pixels) throws IOException {
        ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
        ImageWriter writer = ImageIO.getImageWriter(reader);
        ByteArrayOutputStream enc = new ByteArrayOutputStream();
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(original));
             ImageOutputStream ios = new MemoryCacheImageOutputStream(enc)) {
            reader.setInput(in, true, false);
            writer.setOutput(ios);
            writer.write(reader.getStreamMetadata(), new IIOImage(pixels, null, reader.getImageMetadata(0)), null);
        } finally {
            reader.dispose();
            writer.dispose();
        }
        return enc.toByteArray();
    }

    /** How many image blocks (frames) a GIF has. */
    public static int frames(GifStructure st) {
        return (int) st.blocks().stream().filter(b -> b.kind() == 0x2C).count();
    }
}
