package dev.aigcmark.image.internal.watermark;

import dev.aigcmark.image.internal.PackedRgb;
import dev.aigcmark.image.internal.Pixels;
import dev.aigcmark.testing.TestSeed;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The working plane of a decoded JPEG's BGR (or R, G, B) bytes, its luma computed inside the resampling, is sample for sample the
 * plane of the separately computed luma plane, at sizes that are downscaled by a fraction, by an integer, and not at all.
 */
class WorkingPlaneBgrTest {
    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"1920, 1080", "800, 600", "768, 1024", "300, 200", "385, 384"})
    void fusedLumaGivesTheSamePlane(int width, int height) {
        Random random = TestSeed.random("WorkingPlaneBgrTest." + width + "x" + height);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        random.nextBytes(((DataBufferByte) image.getRaster().getDataBuffer()).getData());
        byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();

        WorkingPlane fused = WorkingPlane.ofBgr(bgr, width, height, WorkingPlane.SHORT_SIDE);
        WorkingPlane separate = WorkingPlane.of(ImageWatermarker.luma(image), width, height, width, WorkingPlane.SHORT_SIDE);

        assertThat(fused.width).isEqualTo(separate.width);
        assertThat(fused.height).isEqualTo(separate.height);
        assertThat(fused.samples).as("samples").isEqualTo(separate.samples);
        assertThat(ImageWatermarker.luma(image)).as("luma of the BGR bytes").isEqualTo(ImageWatermarker.luma(Pixels.argb(image)));

        // the same pixels in R, G, B byte order (the verifier's JPEG view): the same plane and luma
        byte[] rgb = new byte[bgr.length];
        for (int i = 0; i < rgb.length; i += 3) {
            rgb[i] = bgr[i + 2];
            rgb[i + 1] = bgr[i + 1];
            rgb[i + 2] = bgr[i];
        }
        WorkingPlane fromRgb = WorkingPlane.of(new PackedRgb(rgb, width, height, 0, 2), WorkingPlane.SHORT_SIDE);
        assertThat(fromRgb.samples).as("samples from R, G, B order").isEqualTo(separate.samples);
        BufferedImage rgbImage = new BufferedImage(image.getColorModel(), Raster.createInterleavedRaster(
                new DataBufferByte(rgb, rgb.length), width, height, 3 * width, 3, new int[]{0, 1, 2}, null), false, null);
        assertThat(ImageWatermarker.luma(rgbImage)).as("luma of the R, G, B bytes").isEqualTo(ImageWatermarker.luma(image));
        assertThat(Pixels.argb(rgbImage)).as("ARGB of the R, G, B bytes").isEqualTo(image.getRGB(0, 0, width, height, null, 0, width));
    }
}
