package dev.aigcmark.image.internal.format;

import dev.aigcmark.core.internal.watermark.WatermarkPayloads;
import dev.aigcmark.image.internal.container.Orientation;
import dev.aigcmark.testing.TestContexts;
import dev.aigcmark.testing.TestSeed;

import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.crypto.SignatureAlgorithm;
import dev.aigcmark.core.crypto.Signers;
import dev.aigcmark.core.identity.PlatformIdentity;
import dev.aigcmark.core.identity.WatermarkKey;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.spi.ContentEdit;
import dev.aigcmark.core.spi.ContentMarker;
import dev.aigcmark.image.internal.container.JpegStructure;
import dev.aigcmark.image.internal.container.PngStructure;
import dev.aigcmark.image.internal.container.Rasters;
import dev.aigcmark.image.internal.watermark.ImageWatermarker;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Drawing the visible label (and the watermark) re-encodes, keeping quality, colour type and metadata. */
class ContentMarkingTest {
    private static final SecureRandom RANDOM = TestSeed.secureRandom("ContentMarkingTest");
    static final WatermarkKey KEY = new WatermarkKey(0x1234, "content-marking-test-key".getBytes(StandardCharsets.US_ASCII));
    static final SdkContext CTX = TestContexts.builder().identity(new PlatformIdentity("test", "Test", "001191110102MACQD9K64010000",
            Signers.generate(SignatureAlgorithm.values()[0], RANDOM), null, KEY, true)).build();
    static final ContentEdit LABEL_ONLY = new ContentEdit("AI生成", "bottom-right", null, "{}");

    static byte[] markContent(String id, byte[] in, ContentEdit edit) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ((ContentMarker) CTX.handler(id).orElseThrow()).markContent(MediaInput.of(in, "in"), out, edit, CTX);
        return out.toByteArray();
    }

    static List<String> segments(byte[] jpeg, boolean metadata) throws Exception {
        List<String> out = new ArrayList<>();
        for (JpegStructure.Segment s : JpegStructure.parse(jpeg, CTX.limits(), new ArrayList<>()).segments()) {
            boolean meta = (s.marker() >= 0xE0 && s.marker() <= 0xEF) || s.marker() == 0xFE;
            if (meta == metadata && (metadata || s.marker() == 0xDB || (s.marker() >= 0xC0 && s.marker() <= 0xC2))) {
                out.add(Arrays.toString(Arrays.copyOfRange(jpeg, s.offset(), s.end())));
            }
        }
        return out;
    }

    /** Mean absolute RGB difference over the image, outside and inside the bottom-right quarter. */
    static double[] change(BufferedImage a, BufferedImage b) {
        double outside = 0, inside = 0;
        long no = 0, ni = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y), q = b.getRGB(x, y);
                int d = Math.abs(((p >> 16) & 255) - ((q >> 16) & 255)) + Math.abs(((p >> 8) & 255) - ((q >> 8) & 255)) + Math.abs((p & 255) - (q & 255));
                if (x > a.getWidth() * 3 / 4 && y > a.getHeight() * 3 / 4) {
                    inside += d;
                    ni++;
                } else if (x < a.getWidth() / 2 || y < a.getHeight() / 2) {
                    outside += d;
                    no++;
                }
            }
        }
        return new double[]{outside / no / 3, inside / ni / 3};
    }

    @Test
    void jpegKeepsQualitySamplingAndEveryMetadataSegment() throws Exception {
        for (float q : new float[]{0.5f, 0.75f, 0.92f}) {
            byte[] original = TestImages.richJpeg(320, 240, q);
            byte[] marked = markContent("jpeg", original, LABEL_ONLY);
            assertThat(segments(marked, true)).as("APPn/COM byte-identical, same order").isEqualTo(segments(original, true));
            assertThat(segments(marked, false)).as("DQT tables and SOF (sampling) at quality %s", q).isEqualTo(segments(original, false));
            double[] c = change(Rasters.decode(original, CTX.limits()), Rasters.decode(marked, CTX.limits()));
            assertThat(c[0]).as("away from the label only re-encoding noise").isLessThan(2.0);
            assertThat(c[1]).as("the label changed its corner").isGreaterThan(10.0);
        }
    }

    @Test
    void pngKeepsColourTypeBitDepthAncillaryChunksAndUntouchedPixels() throws Exception {
        for (int type : new int[]{BufferedImage.TYPE_INT_ARGB, BufferedImage.TYPE_3BYTE_BGR, BufferedImage.TYPE_BYTE_GRAY,
                BufferedImage.TYPE_USHORT_GRAY}) {
            byte[] plain = TestImages.encode(TestImages.picture(300, 200, type), "png");
            byte[] original = TestImages.withTextChunks(plain);
            byte[] marked = markContent("png", original, LABEL_ONLY);
            var before = PngStructure.parse(original, CTX.limits(), new ArrayList<>()).chunks();
            var after = PngStructure.parse(marked, CTX.limits(), new ArrayList<>()).chunks();
            assertThat(Arrays.copyOfRange(marked, 16, 26)).as("IHDR size, bit depth, colour type")
                    .isEqualTo(Arrays.copyOfRange(original, 16, 26));
            assertThat(ancillary(marked, after)).isEqualTo(ancillary(original, before));
            assertThat(after.stream().map(PngStructure.Chunk::type).collect(Collectors.joining(",")))
                    .startsWith("IHDR,tEXt").endsWith("tEXt,IEND");
            BufferedImage a = Rasters.decode(original, CTX.limits());
            BufferedImage b = Rasters.decode(marked, CTX.limits());
            double[] c = change(a, b);
            assertThat(c[0]).as("PNG is lossless: pixels away from the label are identical").isZero();
            assertThat(c[1]).isGreaterThan(10.0);
            assertThat(b.getType()).isEqualTo(a.getType());
        }
    }

    static List<String> ancillary(byte[] f, List<PngStructure.Chunk> chunks) {
        return chunks.stream().filter(c -> c.type().equals("tEXt"))
                .map(c -> Arrays.toString(Arrays.copyOfRange(f, c.offset(), c.end()))).toList();
    }

    @Test
    void anEditWithoutPixelsCopiesTheFileUnchanged() throws Exception {
        ContentEdit textOnly = new ContentEdit(null, null, null, "{\"Label\":\"1\"}");
        byte[] jpeg = TestImages.richJpeg(320, 240, 0.8f);
        assertThat(markContent("jpeg", jpeg, textOnly)).isEqualTo(jpeg);
        byte[] png = TestImages.richPng();
        assertThat(markContent("png", png, textOnly)).isEqualTo(png);
    }

    @Test
    void watermarkIsEmbeddedAndDetectedAfterReencoding() throws Exception {
        byte[] payload = WatermarkPayloads.forLabel(TestImages.LABEL, CTX.requireIdentity());
        ContentEdit both = new ContentEdit("AI生成", "top-left", payload, "{}");
        for (String id : List.of("jpeg", "png")) {
            byte[] original = TestImages.encode(TestImages.textured(512, 384), id);
            byte[] marked = markContent(id, original, both);
            var detection = ImageWatermarker.detect(Rasters.decode(marked, CTX.limits()), KEY);
            assertThat(detection.found()).as(id).isTrue();
            assertThat(detection.payload().orElseThrow().issuerId()).isEqualTo(KEY.issuerId());
            assertThat(ImageWatermarker.detect(Rasters.decode(original, CTX.limits()), KEY).found()).isFalse();
        }
    }

    @Test
    void labelLandsInTheDisplayedCornerOfARotatedPhoto() throws Exception {
        for (int orientation : new int[]{3, 6, 8}) {
            byte[] plain = TestImages.jpeg(320, 240, 0.9f);
            byte[] exif = TestImages.concat("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1), TestImages.exifWithOrientation(orientation));
            byte[] original = TestImages.insert(plain, 20, TestImages.segment(0xE1, exif));
            byte[] marked = markContent("jpeg", original, LABEL_ONLY);
            BufferedImage before = Orientation.toDisplay(Rasters.decode(original, CTX.limits()), orientation);
            BufferedImage after = Orientation.toDisplay(Rasters.decode(marked, CTX.limits()), orientation);
            double[] c = change(before, after);
            assertThat(c[0]).as("orientation %d: elsewhere unchanged", orientation).isLessThan(2.0);
            assertThat(c[1]).as("orientation %d: displayed bottom-right carries the label", orientation).isGreaterThan(10.0);
        }
    }

    @Test
    void orientationTurnsAreExactAndInvertible() {
        BufferedImage img = TestImages.textured(37, 23);
        for (int o = 1; o <= 8; o++) {
            var display = Orientation.toDisplay(img, o);
            assertThat(display.getWidth()).isEqualTo(o >= 5 ? 23 : 37);
            var back = Orientation.fromDisplay(display, img, o);
            assertThat(LabelRoundTripTest.pixels(back)).isEqualTo(LabelRoundTripTest.pixels(img));
        }
        // orientation 6 shows the stored top-left pixel at the displayed top-right
        var six = Orientation.toDisplay(img, 6);
        assertThat(six.getRGB(22, 0)).isEqualTo(img.getRGB(0, 0));
    }
}
