package dev.aigcmark.image.internal.watermark;

import dev.aigcmark.core.identity.WatermarkKey;
import dev.aigcmark.testing.SharedFiles;
import dev.aigcmark.testing.TestSeed;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No detection on 48 unmarked generated images (every content kind, some JPEG-compressed, some resized), on 24
 * crops of real photos, nor on the shared unmarked cover, with two keys tried on each. The computed bound is in
 * {@link LumaDetector}. This is the quick check {@code mvn verify} runs; the 10 000-image run is the table tool's
 * ({@code RobustnessTable false-positives}, behind the {@code watermark-table} profile, figures in
 * {@code docs/watermark-robustness.md}).
 */
class WatermarkFalsePositiveTest {
    static final List<WatermarkKey> KEYS = List.of(WatermarkRobustnessTest.KEY,
            new WatermarkKey(0x0001, "second-key-for-false-positives".getBytes(StandardCharsets.US_ASCII)));

    static final int GENERATED = 48;
    static final int PHOTO_CROPS = 24;

    @Test
    void unmarkedGeneratedImagesAreNeverDetected() {
        long detections = IntStream.range(0, GENERATED).parallel().filter(i -> {
            BufferedImage img = TestImages.generate(1000 + i, 256 + (i % 5) * 32, 256 + (i % 3) * 32);
            if (i % 4 == 1) {
                img = Attacks.jpeg(img, 0.75f);
            } else if (i % 4 == 2) {
                img = Attacks.resize(img, 0.8);
            }
            return ImageWatermarker.detect(img, KEYS).found();
        }).count();
        assertThat(detections).isZero();
    }

    /**
     * A small run of the table tool's false-positive check: crops, rescales and JPEGs of the two 1 MP-class
     * camera photos, and generated covers.
     */
    @Test
    void unmarkedPhotoCropsAreNeverDetected() {
        SharedFiles.assumeVectors("photos");
        List<Corpus.Cover> photos = Corpus.photoCovers();
        RobustnessTable.FalsePositives fp = RobustnessTable.falsePositives(
                List.of(photos.get(0), photos.get(1)), PHOTO_CROPS, TestSeed.derive("WatermarkFalsePositiveTest.photos"), 2);
        assertThat(fp.images()).isEqualTo(PHOTO_CROPS);
        assertThat(fp.detections()).isZero();
    }

    @Test
    void sharedUnmarkedCoverIsNotDetected() throws IOException {
        BufferedImage cover = ImageIO.read(SharedFiles.vectors("sd-watermark").resolve("cover_1024_unmarked.png").toFile());
        Detection d = ImageWatermarker.detect(cover, KEYS);
        assertThat(d.found()).isFalse();
        assertThat(d.payload()).isEmpty();
    }

    @Test
    void statedBoundIsBelowOneInATrillion() {
        // per key: hypotheses × P(CRC-16, version, issuer and 12-bit tag all pass by chance) = 10 × 2^-48 ≈ 3.6e-14
        double bound = LumaDetector.MAX_HYPOTHESES * Math.pow(2, -48);
        assertThat(bound).isLessThan(1e-12);
        assertThat(LumaDetector.falsePositiveBound(1)).isEqualTo(bound);
    }
}
