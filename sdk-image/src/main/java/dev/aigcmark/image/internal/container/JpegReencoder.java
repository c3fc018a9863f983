package dev.aigcmark.image.internal.container;

import dev.aigcmark.core.ReadLimits;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;

/**
 * Encodes edited pixels as a JPEG that keeps the original's quality (tables from the estimated IJG
 * quality), chroma subsampling and metadata: every APPn and COM segment of the original is copied byte for
 * byte (EXIF, XMP, ICC, C2PA...), except APP14 Adobe, whose colour-transform flag must describe the new data.
 */
public final class JpegReencoder {
    private static final String FORMAT = "javax_imageio_jpeg_image_1.0";

    private JpegReencoder() {
    }

    public static void write(byte[] original, JpegStructure st, BufferedImage pixels, OutputStream out) throws IOException {
        int quality = JpegQuality.estimate(original, st.segments());
        byte[] encoded = encode(pixels, quality, samplingFactors(original, st));
        JpegStructure fresh = JpegStructure.parse(encoded, ReadLimits.defaults(), new ArrayList<>());
        Splicer sp = new Splicer(encoded, out);
        sp.insert(new byte[]{(byte) 0xFF, (byte) JpegStructure.SOI});
        for (JpegStructure.Segment s : st.segments()) {
            if (isMetadata(s) && !isAdobe(original, s)) {
                out.write(original, s.offset(), s.end() - s.offset());
            }
        }
        for (JpegStructure.Segment s : fresh.segments()) {
            if (!isMetadata(s) || isAdobe(encoded, s)) {
                sp.copy(s.offset(), s.end());
            }
        }
        sp.copy(fresh.imageDataStart(), encoded.length);
    }

    private static boolean isMetadata(JpegStructure.Segment s) {
        return (s.marker() >= 0xE0 && s.marker() <= 0xEF) || s.marker() == 0xFE;
    }

    private static boolean isAdobe(byte[] b, JpegStructure.Segment s) {
        return s.marker() == 0xEE && Bytes.startsWith(b, s.dataOffset(), s.end(), Bytes.ascii("Adobe"));
    }

    /** H/V sampling factors per component from the first SOF segment, or null. */
    static int[][] samplingFactors(byte[] b, JpegStructure st) {
        for (JpegStructure.Segment s : st.segments()) {
            int m = s.marker();
            if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC && s.dataLength() >= 6) {
                int n = b[s.dataOffset() + 5] & 0xFF;
                if (s.dataLength() < 6 + 3 * n) {
                    return null;
                }
                int[][] f = new int[n][2];
                for (int i = 0; i < n; i++) {
                    int hv = b[s.dataOffset() + 6 + 3 * i + 1] & 0xFF;
                    f[i][0] = hv >> 4;
                    f[i][1] = hv & 0x0F;
                }
                return f;
            }
        }
        return null;
    }

    static byte[] encode(BufferedImage img, int quality, int[][] sampling) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality / 100f);
            IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(img), param);
            if (sampling != null) {
                Node tree = meta.getAsTree(FORMAT);
                NodeList specs = ((Element) tree).getElementsByTagName("componentSpec");
                if (specs.getLength() == sampling.length) {
                    for (int i = 0; i < sampling.length; i++) {
                        Element c = (Element) specs.item(i);
                        c.setAttribute("HsamplingFactor", Integer.toString(sampling[i][0]));
                        c.setAttribute("VsamplingFactor", Integer.toString(sampling[i][1]));
                    }
                    meta.setFromTree(FORMAT, tree);
                }
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ImageOutputStream ios = new MemoryCacheImageOutputStream(bytes)) {
                writer.setOutput(ios);
                writer.write(null, new IIOImage(img, null, meta), param);
            }
            return bytes.toByteArray();
        } finally {
            writer.dispose();
        }
    }
}
