package dev.aigcmark.image.internal.watermark;

import dev.aigcmark.image.internal.Pixels;
import dev.aigcmark.testing.TestSeed;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The working plane of a decoded JPEG's BGR bytes, its luma computed inside the resampling, is sample for sample the
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
    }
}
