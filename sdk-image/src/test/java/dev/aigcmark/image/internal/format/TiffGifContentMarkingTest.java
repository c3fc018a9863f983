package dev.aigcmark.image.internal.format;

import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.identity.PlatformIdentity;
import dev.aigcmark.core.identity.WatermarkKey;
import dev.aigcmark.core.internal.watermark.WatermarkPayloads;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.io.UnreadableInputException;
import dev.aigcmark.core.internal.watermark.WatermarkPayload;
import dev.aigcmark.core.spi.ContentEdit;
import dev.aigcmark.image.internal.container.GifStructure;
import dev.aigcmark.image.internal.container.Rasters;
import dev.aigcmark.image.internal.container.TiffRewriter;
import dev.aigcmark.image.internal.container.TiffStructure;
import dev.aigcmark.image.internal.watermark.ImageWatermarker;
import org.junit.jupiter.api.Test;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import static dev.aigcmark.image.internal.format.ContentMarkingTest.CTX;
import static dev.aigcmark.image.internal.format.ContentMarkingTest.KEY;
import static dev.aigcmark.image.internal.format.ContentMarkingTest.LABEL_ONLY;
import static dev.aigcmark.image.internal.format.ContentMarkingTest.change;
import static dev.aigcmark.image.internal.format.ContentMarkingTest.markContent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import dev.aigcmark.core.spi.ContentNotSupportedException;
import dev.aigcmark.testing.TestContexts;

/** Visible label and watermark on TIFF (JDK TIFF writer, IFD0 kept) and still GIF (original palette kept). */
class TiffGifContentMarkingTest {
    /** Measured with v2 over 8 keys: re-quantising to the palette erases the mark on the noisy picture, keeps it on the gradient. */
    static final int[] GIF_SURVIVAL = {0, 8};
    static final byte[] PAYLOAD = WatermarkPayloads.forLabel(TestImages.LABEL, CTX.requireIdentity());
    static final ContentEdit BOTH = new ContentEdit("AI生成", "bottom-right", PAYLOAD, "{}");
    /** IFD0 tags the re-encoding must keep with their values (strip layout tags are recomputed). */
    static final int[] KEPT_TAGS = {256, 257, 258, 259, 262, 277, 284, 315, 317, 700};

    static final String OTHER_XMP = "<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>"
            + "<rdf:Description rdf:about='' xmlns:dc='http://purl.org/dc/elements/1.1/'><dc:format>image/tiff</dc:format>"
            + "</rdf:Description></rdf:RDF></x:xmpmeta>";

    static byte[] tiff(BufferedImage img, ByteOrder order, String compression) throws Exception {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("tiff").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream ios = new MemoryCacheImageOutputStream(out)) {
            ios.setByteOrder(order);
            writer.setOutput(ios);
            ImageWriteParam p = writer.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionType(compression);
            writer.write(null, new IIOImage(img, null, null), p);
        }
        writer.dispose();
        byte[] b = out.toByteArray();
        // an Artist tag and an XMP packet of another tool, which the re-encoding must carry over
        b = setTag(b, 315, TiffStructure.TYPE_ASCII, "Ada Artist\0".getBytes(StandardCharsets.US_ASCII));
        return setTag(b, 700, TiffStructure.TYPE_BYTE, OTHER_XMP.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] setTag(byte[] b, int tag, int type, byte[] value) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TiffRewriter.setIfd0Tag(b, TiffStructure.open(b, 0, b.length), tag, type, value, out);
        return out.toByteArray();
    }

    static Map<Integer, String> ifd0(byte[] b) throws Exception {
        TiffStructure t = TiffStructure.open(b, 0, b.length);
        Map<Integer, String> tags = new LinkedHashMap<>();
        for (int tag : KEPT_TAGS) {
            var e = t.ifd(t.firstIfdOffset()).entry(tag);
            if (e.isPresent()) {
                tags.put(tag, e.get().type() + ":" + Arrays.toString(t.value(e.get(), 1 << 20)));
            }
        }
        return tags;
    }

    /**
     * A tag carried over whose count claims 2^31 bytes (the CI loop's seeded mutant of session 14, seed 20261243: the
     * copy was sized from the count before the value was checked, "Negative initial size") is refused as malformed
     * input with the tag named, never an unchecked exception.
     */
    @Test
    void aCarriedOverTagWhoseCountRunsPastTheFileIsRefusedAsMalformed() throws Exception {
        for (ByteOrder order : new ByteOrder[]{ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
            byte[] b = tiff(TestImages.picture(64, 48, BufferedImage.TYPE_3BYTE_BGR), order, "LZW");
            TiffStructure t = TiffStructure.open(b, 0, b.length);
            java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(b).order(t.littleEndian() ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
            int ifd = (int) t.firstIfdOffset();
            int entries = bb.getShort(ifd) & 0xFFFF;
            int patched = 0;
            for (int i = 0; i < entries; i++) {
                int e = ifd + 2 + 12 * i;
                if ((bb.getShort(e) & 0xFFFF) == 700) {
                    bb.putInt(e + 4, 0x7FFF_FFF0);
                    patched++;
                }
            }
            assertThat(patched).as(order + ": the XMP tag").isEqualTo(1);
            assertThatThrownBy(() -> markContent("tiff", b, LABEL_ONLY)).as(order.toString())
                    .isInstanceOf(java.io.IOException.class).hasMessageContaining("700");
        }
    }

    @Test
    void tiffKeepsByteOrderCompressionDepthAndTagsAndPixelsAwayFromTheLabel() throws Exception {
        for (ByteOrder order : new ByteOrder[]{ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
            for (String compression : new String[]{"LZW", "Deflate", "PackBits"}) {
                for (int type : new int[]{BufferedImage.TYPE_3BYTE_BGR, BufferedImage.TYPE_BYTE_GRAY, BufferedImage.TYPE_USHORT_GRAY}) {
                    String what = order + " " + compression + " type " + type;
                    byte[] original = tiff(TestImages.picture(300, 200, type), order, compression);
                    byte[] copy = original.clone();
                    byte[] marked = markContent("tiff", original, LABEL_ONLY);
                    assertThat(original).as("input untouched").isEqualTo(copy);
                    assertThat(Arrays.copyOf(marked, 4)).as(what + ": byte order").isEqualTo(Arrays.copyOf(original, 4));
                    assertThat(ifd0(marked)).as(what + ": IFD0 tags").isEqualTo(ifd0(original)).containsKeys(259, 315, 700);
                    BufferedImage a = Rasters.decode(original, CTX.limits());
                    BufferedImage b = Rasters.decode(marked, CTX.limits());
                    assertThat(b.getType()).as(what).isEqualTo(a.getType());
                    double[] c = change(a, b);
                    assertThat(c[0]).as(what + ": lossless away from the label").isZero();
                    assertThat(c[1]).as(what + ": the label changed its corner").isGreaterThan(10.0);
                }
            }
        }
    }

    @Test
    void tiffCarriesADetectableWatermark() throws Exception {
        byte[] original = tiff(TestImages.textured(512, 384), ByteOrder.LITTLE_ENDIAN, "LZW");
        byte[] marked = markContent("tiff", original, BOTH);
        var found = ImageWatermarker.detect(Rasters.decode(marked, CTX.limits()), KEY);
        assertThat(found.found()).isTrue();
        assertThat(found.payload().orElseThrow().issuerId()).isEqualTo(KEY.issuerId());
        assertThat(ImageWatermarker.detect(Rasters.decode(original, CTX.limits()), KEY).found()).isFalse();
    }

    @Test
    void multiPageTiffIsRefused() {
        assertThatThrownBy(() -> markContent("tiff", TestImages.sequence("tiff", 2), LABEL_ONLY))
                .isInstanceOf(ContentNotSupportedException.class).hasMessageContaining("multi-page TIFF is not supported");
    }

    static byte[] globalTable(byte[] gif) throws Exception {
        return Arrays.copyOfRange(gif, 6, GifStructure.parse(gif, CTX.limits(), new ArrayList<>()).headerEnd());
    }

    @Test
    void stillGifKeepsItsPaletteAndEveryPixelAwayFromTheLabel() throws Exception {
        byte[] original = TestImages.gif(300, 200);
        byte[] copy = original.clone();
        byte[] marked = markContent("gif", original, LABEL_ONLY);
        assertThat(original).isEqualTo(copy);
        assertThat(globalTable(marked)).as("screen descriptor and global palette byte-identical").isEqualTo(globalTable(original));
        BufferedImage a = Rasters.decode(original, CTX.limits());
        BufferedImage b = Rasters.decode(marked, CTX.limits());
        double[] c = change(a, b);
        assertThat(c[0]).as("same palette indices away from the label").isZero();
        assertThat(c[1]).as("the label changed its corner").isGreaterThan(10.0);
    }

    /**
     * Re-quantising to the original palette snaps most of the watermark's small luma changes back, so in a GIF
     * the mark is NOT always detectable. Measured here over 8 platform keys (deterministic, {@link #GIF_SURVIVAL}):
     * with v2's coarser chips, 0 of 8 on a noisy photo-like picture (v1: 6 of 8), 8 of 8 on a smooth gradient; the
     * original is never detected. Nothing stronger is claimed for GIF.
     */
    @Test
    void gifWatermarkSurvivesThePaletteOnlySometimes() throws Exception {
        int[] survived = new int[2];
        byte[][] pictures = {TestImages.encode(TestImages.textured(512, 384), "gif"), TestImages.gif(512, 384)};
        for (int p = 0; p < pictures.length; p++) {
            byte[] original = pictures[p];
            int found = 0;
            for (int k = 0; k < 8; k++) {
                WatermarkKey key = new WatermarkKey(0x100 + k, ("gif-survival-key-" + k + "-0123456789").getBytes(StandardCharsets.US_ASCII));
                SdkContext ctx = TestContexts.builder().identity(new PlatformIdentity("t", "T", "001191110102MACQD9K64010000",
                        CTX.requireIdentity().labelSigner(), null, key, true)).build();
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                new GifHandler().markContent(MediaInput.of(original, "in.gif"), out,
                        new ContentEdit("AI生成", "bottom-right", WatermarkPayload.of(key, 500 + k).toBytes(), "{}"), ctx);
                found += ImageWatermarker.detect(Rasters.decode(out.toByteArray(), CTX.limits()), key).found() ? 1 : 0;
                assertThat(ImageWatermarker.detect(Rasters.decode(original, CTX.limits()), key).found()).isFalse();
            }
            System.out.println("GIF watermark detected for " + found + " of 8 keys");
            survived[p] = found;
        }
        assertThat(survived).as("keys whose mark survived the palette (noisy picture, gradient)").containsExactly(GIF_SURVIVAL);
    }

    @Test
    void animatedGifIsRefused() {
        assertThatThrownBy(() -> markContent("gif", TestImages.sequence("gif", 2), LABEL_ONLY))
                .isInstanceOf(ContentNotSupportedException.class).hasMessageContaining("animated GIF (2 frames) is not supported");
    }
}
