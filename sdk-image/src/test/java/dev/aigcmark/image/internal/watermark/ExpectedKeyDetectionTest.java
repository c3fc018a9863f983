package dev.aigcmark.image.internal.watermark;

import dev.aigcmark.core.identity.WatermarkKey;
import dev.aigcmark.core.internal.watermark.WatermarkPayload;
import dev.aigcmark.testing.TestSeed;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
    /** Of the 32 fixed pictures of {@link #unalteredMarkedImagesAreMostlyFoundAtTheIdentityGeometry}. */
    static final int MIN_AT_IDENTITY = 29;

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
    }

    /**
     * The fast path is really taken: an unaltered marked image is found at the identity geometry itself (its
     * reported period is the nominal one, unrefined), on most of 32 fixed pictures (4 kinds × 8 payloads). Not on
     * all: for some payload and content pairs the sync at the exact nominal period falls short and the full search
     * answers (the same verdict, slower; seed 20261209 drew one), so asserting it on every seeded payload passed or
     * failed by chance. Fixed inputs, so the count is the same on every run: measured 29 of 32 on 2026-12-06; of the
     * other three, texture #7 took the full search and texture #1 and #5 were not read at all (a weakness of the
     * mark on that 640 × 480 content, issue 12 — this test fails if more are lost).
     */
    @Test
    void unalteredMarkedImagesAreMostlyFoundAtTheIdentityGeometry() {
        List<String> refined = new ArrayList<>();
        List<String> missed = new ArrayList<>();
        int total = 0;
        for (int image = 2; image < 6; image++) {
            for (int k = 0; k < 8; k++) {
                BufferedImage img = TestImages.generate(image, 640, 480);
                WatermarkPayload payload = WatermarkPayload.of(KEY, 0x1D00_0000L + 97L * k);
                img = ImageWatermarker.embed(img, KEY, payload.toBytes());
                Detection fast = ImageWatermarker.detect(img, REGISTRY, List.of(KEY));
                double nominal = TileGeometry.period(img.getWidth(), img.getHeight());
                if (!fast.payload().equals(Optional.of(payload))) {
                    missed.add(TestImages.kind(image) + " #" + k);
                } else if (Math.abs(fast.period() - nominal) > 1e-9) {
                    refined.add(TestImages.kind(image) + " #" + k);
                }
                total++;
            }
        }
        int atIdentity = total - refined.size() - missed.size();
        System.out.println("identity geometry: " + atIdentity + " of " + total + "; full search: " + refined
                + "; not found: " + missed);
        assertThat(atIdentity).as("found at the identity geometry (full search: %s; not found: %s)", refined, missed)
                .isGreaterThanOrEqualTo(MIN_AT_IDENTITY);
    }
}
