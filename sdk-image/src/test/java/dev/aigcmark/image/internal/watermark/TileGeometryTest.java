package dev.aigcmark.image.internal.watermark;

import dev.aigcmark.core.identity.WatermarkKey;
import dev.aigcmark.core.internal.watermark.PayloadCode;
import dev.aigcmark.core.internal.watermark.WatermarkPayload;
import dev.aigcmark.testing.SharedFiles;
import dev.aigcmark.testing.TestSeed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

/**
 * {@link TileGeometry}: chips grow with the image up to {@link TileGeometry#MAX_CHIP}, and marks drawn before the
 * cap existed (chips of 1/120 of the shorter side at any size, e.g. 25 px on a 12 MP photo) still read, because
 * the detector measures the period instead of assuming it.
 */
class TileGeometryTest {
    private static final WatermarkKey KEY = new WatermarkKey(0x0C12, "tile-geometry-test-key".getBytes(StandardCharsets.US_ASCII));

    /** The rule every mark before session 7 was drawn with: a chip of max(2, shorter side / 120) px, no upper bound. */
    private static int uncappedPeriod(int width, int height) {
        return (int) Math.round(Math.max(2.0, Math.min(width, height) / 120.0) * WatermarkPattern.CHIPS);
    }

    @Test
    void chipsGrowWithTheShorterSideUpTo1512PxAndStopThere() {
        int[][] below = {{320, 240}, {1024, 683}, {1920, 1080}, {1600, 1200}, {2000, 1500}, {683, 1024}};
        for (int[] s : below) {
            assertThat(TileGeometry.period(s[0], s[1])).as("%d×%d", s[0], s[1]).isEqualTo(uncappedPeriod(s[0], s[1]));
        }
        int capped = (int) Math.round(TileGeometry.MAX_CHIP * WatermarkPattern.CHIPS);
        assertThat(capped).isEqualTo(403);
        int[][] above = {{2000, 1512}, {2400, 1800}, {4032, 3024}, {3024, 4032}, {3840, 2160}, {8064, 6048}};
        for (int[] s : above) {
            assertThat(TileGeometry.period(s[0], s[1])).as("%d×%d", s[0], s[1]).isEqualTo(capped);
        }
        assertThat(uncappedPeriod(4032, 3024)).isEqualTo(806); // what a 12 MP photo got before
        // the detector's nominal hypotheses: today's period, and above the cap the one marks written before it have
        assertThat(TileGeometry.nominalPeriods(4032, 3024)).containsExactly(403, 806);
        assertThat(TileGeometry.nominalPeriods(1024, 683)).containsExactly(182);
    }

    /**
     * A mark drawn with the uncapped geometry (the tile resampled to the old period and added uniformly, as the
     * embedder did before the cap; the mask only moves its energy) on a real photo above the cap (one of the three
     * 12 MP camera photos, picked by the seed, at its size or downscaled): the nominal hypothesis now proposes 403 px,
     * which is wrong for it, and the lattice search must find the old period. Also through the label-guided path
     * (expected key first at the identity geometry), which must fall back to the search.
     *
     * <p>Photos, not the synthetic noise field this test drew on before: the old mark's 806 px tile repeats only
     * 5 × 3.75 times on 12 MP, and against full-resolution random-pixel noise (which no camera photo has) its bits
     * agree 69–91 %, so it decoded on 5 of 12 such covers and 6 of 8 at 2400×1800 (CI loop runs 8–11, seeds
     * 20261213–16, failed here). On the three photos it decoded 12 of 12 at 4032×3024 and 12 of 12 at 2400×1800,
     * bits agreeing ≥ 96.5 %.
     */
    @ParameterizedTest(name = "{0}×{1}")
    @CsvSource({"4032, 3024", "2400, 1800"})
    void marksDrawnBeforeTheCapStillRead(int width, int height) {
        SharedFiles.assumeVectors("photos");
        Random rnd = TestSeed.random("TileGeometryTest.old." + width);
        List<Corpus.Cover> photos = Corpus.photoCovers().stream().filter(c -> c.name().startsWith("truepic-")).toList();
        assertThat(photos).hasSize(3);
        BufferedImage photo = photos.get(rnd.nextInt(photos.size())).image().get();
        BufferedImage cover = photo.getWidth() == width ? photo : Corpus.downscale(photo, width, height);
        WatermarkPayload payload = WatermarkPayload.of(KEY, rnd.nextInt(1 << 30));
        byte[] luma = ImageWatermarker.luma(cover);
        int oldPeriod = uncappedPeriod(width, height);
        assertThat(oldPeriod).isNotEqualTo(TileGeometry.period(width, height));
        double[] tile = WatermarkPattern.of(KEY).tile(PayloadCode.encode(payload.toBytes()));
        float[] levels = PreparedWatermark.resample(tile, LumaWatermarker.DEFAULT_STRENGTH, oldPeriod);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int d = PreparedWatermark.clampDelta(Math.round(levels[(y % oldPeriod) * oldPeriod + x % oldPeriod]));
                luma[y * width + x] = (byte) Math.max(0, Math.min(255, (luma[y * width + x] & 0xFF) + d));
            }
        }
        Detection blind = LumaDetector.detect(luma, width, height, width, KEY);
        assertThat(blind.payload()).contains(payload);
        assertThat(blind.period()).isCloseTo(oldPeriod, offset(0.01 * oldPeriod));
        Detection guided = LumaDetector.detect(luma, width, height, width, List.of(KEY), List.of(KEY));
        assertThat(guided.payload()).contains(payload);
    }

    /** A mark drawn now on a 12 MP photo-like cover: 403 px, read at the nominal period. */
    @Test
    void aCappedMarkOnA12MpImageReadsAtItsNominalPeriod() {
        Random rnd = TestSeed.random("TileGeometryTest.new");
        BufferedImage cover = TestImages.generate(6 * rnd.nextInt(1000) + 4, 4032, 3024);
        WatermarkPayload payload = WatermarkPayload.of(KEY, rnd.nextInt(1 << 30));
        BufferedImage marked = ImageWatermarker.embed(cover, KEY, payload.toBytes());
        Detection d = ImageWatermarker.detect(marked, KEY);
        assertThat(d.payload()).contains(payload);
        assertThat(d.period()).isCloseTo(403, offset(1.0));
    }
}
