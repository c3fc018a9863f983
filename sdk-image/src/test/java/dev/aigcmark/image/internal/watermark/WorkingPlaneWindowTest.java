package dev.aigcmark.image.internal.watermark;

import dev.aigcmark.core.identity.WatermarkKey;
import dev.aigcmark.core.internal.watermark.WatermarkPayload;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The working plane's long side is bounded ({@link WorkingPlane#LONG_SIDE}): a picture longer than 4:1 is read
 * through a centred window, so a crafted 65535 × 48 GIF no longer makes the autocorrelation allocate half a
 * gigabyte, while a picture up to 4:1 is read whole and a mark on a panorama is still found.
 */
class WorkingPlaneWindowTest {
    private static final WatermarkKey KEY = new WatermarkKey(0x0C33, "working-plane-window-0001".getBytes(StandardCharsets.US_ASCII));

    @Test
    void anExtremelyWidePictureIsReadThroughACentredWindow() {
        int width = 65535;
        int height = 48;
        byte[] luma = ramp(width, height);
        WorkingPlane plane = WorkingPlane.of(luma, width, height, width, WorkingPlane.SHORT_SIDE);
        assertThat(plane.width).isEqualTo(WorkingPlane.LONG_SIDE);
        assertThat(plane.height).isEqualTo(height);

        // the same numbers as the plane of the centre cut out by hand
        int x0 = (width - WorkingPlane.LONG_SIDE) / 2;
        byte[] centre = new byte[WorkingPlane.LONG_SIDE * height];
        for (int y = 0; y < height; y++) {
            System.arraycopy(luma, y * width + x0, centre, y * WorkingPlane.LONG_SIDE, WorkingPlane.LONG_SIDE);
        }
        WorkingPlane cut = WorkingPlane.of(centre, WorkingPlane.LONG_SIDE, height, WorkingPlane.LONG_SIDE, WorkingPlane.SHORT_SIDE);
        assertThat(Arrays.equals(plane.samples, cut.samples)).as("window = centre cut").isTrue();

        // a decoded JPEG's B, G, R bytes take the same window (grey pixels: their luma is the grey value)
        byte[] bgr = new byte[3 * luma.length];
        for (int i = 0; i < luma.length; i++) {
            bgr[3 * i] = bgr[3 * i + 1] = bgr[3 * i + 2] = luma[i];
        }
        WorkingPlane fromBgr = WorkingPlane.ofBgr(bgr, width, height, WorkingPlane.SHORT_SIDE);
        assertThat(Arrays.equals(fromBgr.samples, plane.samples)).as("BGR window = luma window").isTrue();
    }

    @Test
    void aPictureUpToFourToOneIsReadWhole() {
        int width = 4 * 500;
        int height = 500;
        WorkingPlane plane = WorkingPlane.of(ramp(width, height), width, height, width, WorkingPlane.SHORT_SIDE);
        assertThat(plane.width).isEqualTo((int) Math.floor(width / plane.factor));
        assertThat(plane.width).isLessThanOrEqualTo(WorkingPlane.LONG_SIDE);
    }

    @Test
    void aMarkOnAPanoramaIsStillFound() {
        BufferedImage panorama = TestImages.generate(3, 3600, 480); // 7.5:1, read through a window of 1536 × 384
        WatermarkPayload payload = WatermarkPayload.of(KEY, 0x5EED_0001L);
        BufferedImage marked = ImageWatermarker.embed(panorama, KEY, payload.toBytes());
        assertThat(ImageWatermarker.detect(marked, KEY).payload()).contains(payload);
        assertThat(ImageWatermarker.detect(panorama, KEY).found()).isFalse();
    }

    private static byte[] ramp(int width, int height) {
        byte[] luma = new byte[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                luma[y * width + x] = (byte) ((x * 7 + y * 13 + (x * y >> 5)) & 0xFF);
            }
        }
        return luma;
    }
}
