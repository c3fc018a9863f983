package dev.aigcmark.image.watermark;

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
 * No detection on 216 unmarked generated images (every content kind, some JPEG-compressed, some resized),
 * on 100 crops of real photos, nor on the shared unmarked cover, with two keys tried on each. The computed bound is in {@link LumaDetector}.
 */
class WatermarkFalsePositiveTest {
    static final List<WatermarkKey> KEYS = List.of(WatermarkRobustnessTest.KEY,
            new WatermarkKey(0x0001, "second-key-for-false-positives".getBytes(StandardCharsets.US_ASCII)));

    @Test
    void unmarkedGeneratedImagesAreNeverDetected() {
        long detections = IntStream.range(0, 216).parallel().filter(i -> {
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

    /** A smaller run of the table tool's false-positive check: 100 crops/rescales/JPEGs of real photos and covers. */
    @Test
    void unmarkedPhotoCropsAreNeverDetected() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Corpus.photos() != null, "../shared/vectors/photos is absent");
        List<Corpus.Cover> photos = Corpus.photoCovers();
        RobustnessTable.FalsePositives fp = RobustnessTable.falsePositives(
                List.of(photos.get(0), photos.get(1), photos.get(5)), 100, TestSeed.derive("WatermarkFalsePositiveTest.photos"), 2);
        assertThat(fp.images()).isEqualTo(100);
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
        // per key: hypotheses × P(CRC-16, version, issuer and 12-bit tag all pass by chance) = 6 × 2^-48
        double bound = LumaDetector.MAX_HYPOTHESES * Math.pow(2, -48);
        assertThat(bound).isLessThan(1e-12);
        assertThat(LumaDetector.falsePositiveBound(1)).isEqualTo(bound);
    }
}
