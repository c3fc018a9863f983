package dev.aigcmark.image.internal.watermark;

import dev.aigcmark.core.identity.WatermarkKey;
import dev.aigcmark.core.internal.watermark.WatermarkPayload;
import dev.aigcmark.image.internal.PackedRgb;
import dev.aigcmark.testing.TestSeed;
import org.junit.jupiter.api.Test;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Marking a decoded JPEG or PNG in its own bytes gives exactly the pixels of the ARGB path, keeps the image's type
 * and leaves the input untouched; layouts it does not know (a sub-image) still get the ARGB path's pixels.
 */
class ImageWatermarkerBytesTest {
    private static final WatermarkKey KEY = new WatermarkKey(11, "bytes-path-test-key".getBytes(StandardCharsets.US_ASCII));
    private static final PreparedWatermark MARK = LumaWatermarker.prepare(KEY, WatermarkPayload.of(KEY, 42).toBytes());

    @Test
    void bgrAndAbgrImagesGetTheArgbPathsPixels() {
        Random random = TestSeed.random("ImageWatermarkerBytesTest.pictures");
        for (int type : new int[]{BufferedImage.TYPE_3BYTE_BGR, BufferedImage.TYPE_4BYTE_ABGR}) {
            for (int round = 0; round < 3; round++) {
                BufferedImage image = picture(type, 300 + random.nextInt(200), 200 + random.nextInt(150), random);
                int[] before = argb(image);
                BufferedImage fast = ImageWatermarker.embed(image, MARK);
                BufferedImage reference = ImageWatermarker.embedArgb(image, MARK);
                assertThat(fast.getType()).isEqualTo(type);
                assertThat(argb(fast)).as("type %d round %d", type, round).isEqualTo(argb(reference));
                assertThat(argb(fast)).as("the mark changed pixels").isNotEqualTo(before);
                assertThat(argb(image)).as("input untouched").isEqualTo(before);
            }
        }
    }

    @Test
    void markingInPlaceGivesTheCopysPixelsAndDeclinesOtherLayouts() {
        Random random = TestSeed.random("ImageWatermarkerBytesTest.inPlace");
        for (int type : new int[]{BufferedImage.TYPE_3BYTE_BGR, BufferedImage.TYPE_4BYTE_ABGR}) {
            BufferedImage image = picture(type, 257 + random.nextInt(300), 131 + random.nextInt(200), random);
            int[] reference = argb(ImageWatermarker.embedArgb(image, MARK));
            assertThat(ImageWatermarker.embedInPlace(image, MARK)).isTrue();
            assertThat(argb(image)).as("type %d", type).isEqualTo(reference);
        }
        BufferedImage sub = picture(BufferedImage.TYPE_3BYTE_BGR, 300, 200, random).getSubimage(10, 10, 200, 150);
        BufferedImage ints = new BufferedImage(200, 150, BufferedImage.TYPE_INT_RGB);
        ints.getGraphics().drawImage(sub, 0, 0, null);
        for (BufferedImage other : new BufferedImage[]{sub, ints}) {
            int[] before = argb(other);
            assertThat(ImageWatermarker.embedInPlace(other, MARK)).isFalse();
            assertThat(argb(other)).isEqualTo(before);
        }
    }

    /**
     * 3-byte pixels are marked 8 at a time ({@link ImageWatermarker#markRow3}): a plain add where no channel leaves
     * [0, 255], the per-pixel path elsewhere. Pictures crowded with near-black and near-white channels (so most blocks
     * mix both paths), widths that leave 1 to 7 pixels after the last block, R, G, B and B, G, R: the ARGB path's pixels.
     */
    @Test
    void threeBytePixelsNearTheLimitsGetTheArgbPathsPixels() {
        Random random = TestSeed.random("ImageWatermarkerBytesTest.limits");
        for (int round = 0; round < 6; round++) {
            int w = 320 + 8 * random.nextInt(40) + round % 8; // round 0: a whole number of blocks
            int h = 320 + random.nextInt(100);
            BufferedImage bgr = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int r = extreme(random);
                    int g = (x / 16 + y / 16) % 3 == 0 ? extreme(random) : 60 + random.nextInt(120);
                    int b = random.nextInt(256);
                    bgr.setRGB(x, y, (r << 16) | (g << 8) | b);
                }
            }
            BufferedImage rgb = rgbCopy(bgr);
            int[] reference = argb(ImageWatermarker.embedArgb(bgr, MARK));
            assertThat(ImageWatermarker.embedInPlace(bgr, MARK)).isTrue();
            assertThat(ImageWatermarker.embedInPlace(rgb, MARK)).isTrue();
            assertThat(argb(bgr)).as("B, G, R, %d×%d", w, h).isEqualTo(reference);
            assertThat(argb(rgb)).as("R, G, B, %d×%d", w, h).isEqualTo(reference);
        }
    }

    /** A channel value within 12 levels of 0 or 255, or anywhere. */
    private static int extreme(Random random) {
        return switch (random.nextInt(3)) {
            case 0 -> random.nextInt(12);
            case 1 -> 255 - random.nextInt(12);
            default -> random.nextInt(256);
        };
    }

    /** The pixels of {@code image} as R, G, B bytes, the layout {@code Rasters.decodeForPainting} gives a JPEG. */
    private static BufferedImage rgbCopy(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        ColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
                Transparency.OPAQUE, DataBuffer.TYPE_BYTE);
        WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, w, h, 3 * w, 3, new int[]{0, 1, 2}, null);
        BufferedImage rgb = new BufferedImage(cm, raster, false, null);
        rgb.setRGB(0, 0, w, h, argb(image), 0, w);
        assertThat(PackedRgb.of(rgb)).hasValueSatisfying(p -> assertThat(p.redAt()).isZero());
        return rgb;
    }

    @Test
    void aSubImageTakesTheArgbPath() {
        Random random = TestSeed.random("ImageWatermarkerBytesTest.subimage");
        BufferedImage sub = picture(BufferedImage.TYPE_3BYTE_BGR, 500, 400, random).getSubimage(37, 21, 320, 240);
        assertThat(argb(ImageWatermarker.embed(sub, MARK))).isEqualTo(argb(ImageWatermarker.embedArgb(sub, MARK)));
    }

    /** Smooth gradients, noise, saturated and dark patches (where a channel clips and the others take its share). */
    private static BufferedImage picture(int type, int w, int h, Random random) {
        BufferedImage img = new BufferedImage(w, h, type);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int r = (x * 255 / w + random.nextInt(16)) & 0xFF;
                int g = (y * 255 / h + random.nextInt(16)) & 0xFF;
                int b = ((x + y) * 128 / (w + h) + random.nextInt(64)) & 0xFF;
                if (x < w / 6) {
                    r = 255;
                    g = 250 + random.nextInt(6);
                } else if (y < h / 6) {
                    b = 0;
                    g = random.nextInt(4);
                }
                int a = type == BufferedImage.TYPE_4BYTE_ABGR ? 128 + random.nextInt(128) : 255;
                img.setRGB(x, y, (a << 24) | (r << 16) | (g << 8) | b);
            }
        }
        return img;
    }

    private static int[] argb(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }
}
