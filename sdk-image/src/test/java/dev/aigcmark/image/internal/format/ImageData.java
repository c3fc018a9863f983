package dev.aigcmark.image.internal.format;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.image.internal.container.GifStructure;
import dev.aigcmark.image.internal.container.JpegStructure;
import dev.aigcmark.image.internal.container.PngStructure;
import dev.aigcmark.image.internal.container.RiffStructure;
import dev.aigcmark.image.internal.container.TiffStructure;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Set;

/** The compressed image data of a file, as the bytes a lossless metadata edit must not change. */
final class ImageData {
    private ImageData() {
    }

    static byte[] of(String format, byte[] f) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ReadLimits limits = ReadLimits.defaults();
        switch (format) {
            case "jpeg" -> {
                JpegStructure st = JpegStructure.parse(f, limits, new ArrayList<>());
                for (JpegStructure.Segment s : st.segments()) {
                    if (!(s.marker() >= 0xE0 && s.marker() <= 0xEF) && s.marker() != 0xFE) {
                        out.write(f, s.offset(), s.end() - s.offset());
                    }
                }
                out.write(f, st.imageDataStart(), f.length - st.imageDataStart());
            }
            case "png" -> {
                for (PngStructure.Chunk c : PngStructure.parse(f, limits, new ArrayList<>()).chunks()) {
                    if (Set.of("IHDR", "PLTE", "tRNS", "IDAT").contains(c.type())) {
                        out.write(f, c.offset(), c.end() - c.offset());
                    }
                }
            }
            case "webp" -> {
                for (RiffStructure.Chunk c : RiffStructure.parse(f, "WEBP", limits, new ArrayList<>()).chunks()) {
                    if (Set.of("VP8 ", "VP8L", "ALPH", "ANMF").contains(c.fourcc())) {
                        out.write(f, c.offset(), c.end() - c.offset());
                    }
                }
            }
            case "gif" -> {
                GifStructure st = GifStructure.parse(f, limits, new ArrayList<>());
                out.write(f, 6, st.headerEnd() - 6);
                for (GifStructure.Block b : st.blocks()) {
                    if (b.kind() == 0x2C) {
                        out.write(f, b.offset(), b.end() - b.offset());
                    }
                }
            }
            case "tiff" -> {
                TiffStructure t = TiffStructure.open(f, 0, f.length);
                TiffStructure.Ifd ifd0 = t.ifd(t.firstIfdOffset());
                TiffStructure.Entry offsets = ifd0.entry(273).orElseThrow();
                TiffStructure.Entry counts = ifd0.entry(279).orElseThrow();
                for (int i = 0; i < offsets.count(); i++) {
                    long off = element(t, offsets, i);
                    long n = element(t, counts, i);
                    out.write(f, (int) off, (int) n);
                }
            }
            default -> throw new IllegalArgumentException(format);
        }
        return out.toByteArray();
    }

    private static long element(TiffStructure t, TiffStructure.Entry e, int i) {
        int size = (int) TiffStructure.typeSize(e.type());
        int at = (int) e.valueOffset() + i * size;
        return size == 2 ? t.u16(at) : t.u32(at);
    }
}
