package dev.aigcmark.image.internal.watermark;

import dev.aigcmark.core.internal.watermark.PayloadCode;
import dev.aigcmark.core.internal.watermark.WatermarkPayload;
import dev.aigcmark.testing.SharedFiles;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The case that set {@link TileGeometry#MAX_CHIP}: the 12 MP bookshelf photo of the shared corpus. With chips of
 * 1/120 of its shorter side (25 px) the mark sat in the band of the book spines: the uncropped original read 90 % of
 * the coded bits and none of its crops to 40 % or 64 % of the area decoded. Crops here are the table's crops
 * ({@link RealAttacks#crop}: same aspect, top-left at a fraction of the slack) made in Java, so no tool is needed.
 */
class LargePhotoChipCapTest {
    /**
     * All five decode with the cap and the session-7 detector (93–99 % of the coded bits, measured 2026-12-06); 4 with
     * the cap before the detector's flattened soft bits; 0 with the 25 px chips (session 6).
     */
    private static final int MIN_CROPS_DECODED = 5;

    @Test
    void the12MpBookshelfIsReadInItsCropsAndTheMarkStaysInvisible() {
        SharedFiles.assumeVectors("photos");
        Corpus.Cover library = Corpus.photoCovers().stream().filter(c -> c.name().equals("truepic-20230212-library"))
                .findFirst().orElseThrow();
        BufferedImage original = library.image().get();
        WatermarkPayload payload = RobustnessTable.payloadFor(library);
        BufferedImage marked = ImageWatermarker.embed(original, RobustnessTable.KEY, payload.toBytes());
        assertThat(PreparedWatermark.period(original.getWidth(), original.getHeight())).isEqualTo(403);
        assertThat(Quality.psnr(original, marked)).isGreaterThanOrEqualTo(40.0);
        assertThat(Quality.ssim(original, marked)).isGreaterThanOrEqualTo(0.98);

        Detection whole = ImageWatermarker.detect(marked, RobustnessTable.KEY);
        assertThat(whole.payload()).contains(payload);
        assertThat(PayloadCode.agreement(whole.softBits(), payload.toBytes())).as("coded bits right, uncropped")
                .isGreaterThanOrEqualTo(0.95);

        double[][] crops = {{0.4, 0, 0}, {0.4, 1, 1}, {0.4, 0.5, 0.5}, {0.4, 0.13, 0.71}, {0.64, 0.3, 0.6}};
        List<String> decoded = new ArrayList<>();
        List<String> missed = new ArrayList<>();
        for (double[] c : crops) {
            Detection d = ImageWatermarker.detect(crop(marked, c[0], c[1], c[2]), RobustnessTable.KEY);
            String name = String.format("%.0f%% at (%s,%s): %.0f%% of bits", 100 * c[0], c[1], c[2],
                    d.softBits().length == PayloadCode.CODED_BITS ? 100 * PayloadCode.agreement(d.softBits(), payload.toBytes()) : 0.0);
            (d.payload().equals(java.util.Optional.of(payload)) ? decoded : missed).add(name);
        }
        System.out.println("12 MP library crops decoded: " + decoded + "; missed: " + missed);
        assertThat(decoded).as("decoded crops (missed: %s)", missed).hasSizeGreaterThanOrEqualTo(MIN_CROPS_DECODED);
    }

    private static BufferedImage crop(BufferedImage img, double area, double fx, double fy) {
        double side = Math.sqrt(area);
        int w = (int) (img.getWidth() * side);
        int h = (int) (img.getHeight() * side);
        int x = (int) ((img.getWidth() - img.getWidth() * side) * fx);
        int y = (int) ((img.getHeight() - img.getHeight() * side) * fy);
        return Corpus.rgb(img.getSubimage(x, y, w, h));
    }
}
