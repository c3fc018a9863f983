package dev.aigcmark.image.internal.container;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteOrder;
import java.util.Set;

/**
 * Encodes edited pixels as a TIFF shaped like the original, with the JDK's TIFF writer: the original's IFD0
 * (as the JDK reader parsed it: compression and predictor, bit depth, photometric interpretation and colour
 * map, resolution, ICC...) is handed back to the writer, which copies compression from it and recomputes the
 * strip/tile layout. The byte order is kept. The JDK writer drops the tags it does not know (XMP, tag 700,
 * among them): each such IFD0 tag whose value is not an offset is then copied back byte for byte.
 * One page only: the caller refuses multi-page files.
 */
public final class TiffReencoder {
    private TiffReencoder() {
    }

    /** Tags whose values are file offsets (strips, tiles, sub-IFDs, thumbnails): meaningless when copied. */
    private static final Set<Integer> OFFSET_TAGS = Set.of(273, 279, 324, 325, 330, 513, 514, 34665, 34853, 40965);

    public static void write(byte[] original, TiffStructure st, BufferedImage pixels, OutputStream out) throws IOException {
        ByteArrayOutputStream enc = new ByteArrayOutputStream();
        encode(original, st, pixels, enc);
        byte[] b = enc.toByteArray();
        try {
            TiffStructure.Ifd ifd0 = st.ifd(st.firstIfdOffset());
            for (TiffStructure.Entry e : ifd0.entries()) {
                TiffStructure fresh = TiffStructure.open(b, 0, b.length);
                if (!OFFSET_TAGS.contains(e.tag()) && fresh.ifd(fresh.firstIfdOffset()).entry(e.tag()).isEmpty()) {
                    // the value first: it refuses a count past the file before any buffer is sized from it
                    byte[] value = st.value(e, original.length);
                    ByteArrayOutputStream next = new ByteArrayOutputStream(b.length + value.length + 64);
                    TiffRewriter.setIfd0Tag(b, fresh, e.tag(), e.type(), value, next);
                    b = next.toByteArray();
                }
            }
        } catch (TiffStructure.MalformedException e) {
            throw new IOException("TIFF tag carried over is malformed: " + e.getMessage(), e);
        }
        out.write(b);
    }

    private static void encode(byte[] original, TiffStructure st, BufferedImage pixels, OutputStream out) throws IOException {
        ImageReader reader = ImageIO.getImageReadersByFormatName("tiff").next();
        ImageWriter writer = ImageIO.getImageWriter(reader);
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(original));
             ImageOutputStream ios = new MemoryCacheImageOutputStream(out)) {
            reader.setInput(in, true, false);
            IIOMetadata ifd0 = reader.getImageMetadata(0);
            ios.setByteOrder(st.littleEndian() ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
            writer.setOutput(ios);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_COPY_FROM_METADATA);
            writer.write(null, new IIOImage(pixels, null, ifd0), param);
        } finally {
            reader.dispose();
            writer.dispose();
        }
    }
}
