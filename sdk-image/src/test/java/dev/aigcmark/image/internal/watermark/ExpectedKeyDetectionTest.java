package dev.aigcmark.image.internal.watermark;

import dev.aigcmark.core.identity.WatermarkKey;
import dev.aigcmark.core.internal.watermark.WatermarkPayload;
import dev.aigcmark.testing.TestSeed;
import org.assertj.core.data.Offset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The label-guided fast path ({@link LumaDetector#detect(byte[], int, int, int, java.util.Collection,
 * java.util.Collection)} with expected keys: the identity geometry first) gives the same verdict as the full search:
 * found or not, and the same payload, on four kinds of generated content marked, re-encoded, cropped, rescaled, unmarked and other-key inputs, with
 * the label naming the right platform or the wrong one. And an unaltered marked image is found at the identity
 * geometry itself (its reported period is the nominal one, unrefined), so the fast path is really taken.
 */
class ExpectedKeyDetectionTest {
    static final WatermarkKey KEY = new WatermarkKey(0x0A11, "expected-key-detection-0001".getBytes(StandardCharsets.US_ASCII));
    static final WatermarkKey OTHER = new WatermarkKey(0x0B22, "expected-key-detection-0002".getBytes(StandardCharsets.US_ASCII));
    static final List<WatermarkKey> REGISTRY = List.of(OTHER, KEY);

    record Case(String name, UnaryOperator<BufferedImage> attack, WatermarkKey markedWith) {
    }

    static Stream<Arguments> cases() {
        Random serials = TestSeed.random("ExpectedKeyDetectionTest.serials");
        List<Case> attacks = List.of(
                new Case("unaltered", img -> img, KEY),
                new Case("jpeg q75", img -> Attacks.jpeg(img, 0.75f), KEY),
                new Case("crop 60 %", img -> Attacks.crop(img, 0.6), KEY),
                new Case("resize 0.7", img -> Attacks.resize(img, 0.7), KEY),
                new Case("marked by the other platform (transplanted label)", img -> img, OTHER),
                new Case("unmarked", img -> img, null));
        return IntStream.range(2, 6).boxed().flatMap(i -> attacks.stream().map(c -> Arguments.of(
                TestImages.kind(i) + " " + c.name(), i, c, serials.nextInt() & 0xFFFF_FFFFL)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void expectedKeysFirstGiveTheVerdictOfTheFullSearch(String name, int image, Case c, long serial) {
        BufferedImage img = TestImages.generate(image, 640, 480);
        if (c.markedWith() != null) {
            img = ImageWatermarker.embed(img, c.markedWith(), WatermarkPayload.of(c.markedWith(), serial).toBytes());
        }
        img = c.attack().apply(img);
        Detection full = ImageWatermarker.detect(img, REGISTRY);
        for (List<WatermarkKey> expected : List.of(List.of(KEY), List.of(OTHER), REGISTRY)) {
            Detection fast = ImageWatermarker.detect(img, REGISTRY, expected);
            assertThat(fast.found()).as("found, label naming %s", expected).isEqualTo(full.found());
            assertThat(fast.payload()).as("payload, label naming %s", expected).isEqualTo(full.payload());
        }
        if (c.markedWith() == KEY && c.name().equals("unaltered")) {
            assertThat(full.found()).isTrue();
            double nominal = TileGeometry.period(img.getWidth(), img.getHeight());
            assertThat(ImageWatermarker.detect(img, REGISTRY, List.of(KEY)).period())
                    .as("found at the identity geometry").isCloseTo(nominal, Offset.offset(1e-9));
            assertThat(full.period()).as("the full search refines the nominal period").isNotEqualTo(nominal);
        }
    }
}
