package dev.aigcmark.image.internal.watermark;

import dev.aigcmark.core.identity.WatermarkKey;
import dev.aigcmark.core.internal.watermark.PayloadCode;
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
import java.util.Locale;
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
    /**
     * Coded bits an unaltered picture of {@link #unalteredMarkedImagesAreFoundAtTheIdentityGeometry} must read right,
     * at least: measured 167/172 = 0.971 at the weakest (the sinusoid texture), 143/172 = 0.831 before session 7.
     */
    static final double MIN_AGREEMENT = 0.95;

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
            // what the verifier's codec calls: the same mark found, or none (session 18)
            Optional<Detection> found = ImageWatermarker.find(img, REGISTRY, expected);
            assertThat(found.isPresent()).as("find, label naming %s", expected).isEqualTo(full.found());
            found.ifPresent(d -> {
                assertThat(d.payload()).isEqualTo(fast.payload());
                assertThat(d.pnr()).isEqualTo(fast.pnr());
                assertThat(d.softBits()).isEqualTo(fast.softBits());
            });
        }
    }

    /**
     * A still picture's verification asks for found marks only ({@link ImageWatermarker#find}), so a miss comes without
     * the soft bits of its best sync, which only video adds across frames (their transforms cost 2–3 % of an unmarked
     * detection): the same best sync, no soft bits; with them, the coded bits' worth.
     */
    @Test
    void aMissWithoutSoftBitsHasTheSameBestSync() {
        BufferedImage img = TestImages.generate(3, 640, 480);
        byte[] luma = ImageWatermarker.luma(img);
        Detection with = LumaDetector.detect(() -> WorkingPlane.of(luma, 640, 480, 640, WorkingPlane.SHORT_SIDE), 640, 480,
                REGISTRY, List.of(), true);
        Detection without = LumaDetector.detect(() -> WorkingPlane.of(luma, 640, 480, 640, WorkingPlane.SHORT_SIDE), 640,
                480, REGISTRY, List.of(), false);
        assertThat(with.found()).isFalse();
        assertThat(without.found()).isFalse();
        assertThat(without.pnr()).isEqualTo(with.pnr());
        assertThat(with.softBits()).hasSize(PayloadCode.CODED_BITS);
        assertThat(without.softBits()).isEmpty();
        assertThat(ImageWatermarker.find(img, REGISTRY, List.of())).isEmpty();
    }

    /**
     * The fast path is really taken: an unaltered marked image is found at the identity geometry itself (its
     * reported period is the nominal one, unrefined), on all 32 fixed pictures (4 kinds × 8 payloads), each with a
     * margin: at least {@value #MIN_AGREEMENT} of its coded bits read right. Fixed inputs, so the counts are the
     * same on every run. Until session 7 the sinusoid texture was the weak one: its periodic structure folded onto a
     * few bins of the tile's spectrum and outvoted the mark, so it read 143–152 of 172 coded bits, texture #1 and #5
     * were not read at all and #7 only by the full search (29 of 32 here); the soft bits now flatten the fold's
     * spectrum first ({@link FoldFlattening}) and it reads 167–171.
     */
    @Test
    void unalteredMarkedImagesAreFoundAtTheIdentityGeometry() {
        List<String> refined = new ArrayList<>();
        List<String> missed = new ArrayList<>();
        List<String> thin = new ArrayList<>();
        for (int image = 2; image < 6; image++) {
            for (int k = 0; k < 8; k++) {
                BufferedImage img = TestImages.generate(image, 640, 480);
                WatermarkPayload payload = WatermarkPayload.of(KEY, 0x1D00_0000L + 97L * k);
                img = ImageWatermarker.embed(img, KEY, payload.toBytes());
                Detection fast = ImageWatermarker.detect(img, REGISTRY, List.of(KEY));
                double nominal = TileGeometry.period(img.getWidth(), img.getHeight());
                String name = TestImages.kind(image) + " #" + k;
                if (!fast.payload().equals(Optional.of(payload))) {
                    missed.add(name);
                    continue;
                }
                if (Math.abs(fast.period() - nominal) > 1e-9) {
                    refined.add(name);
                }
                double agreement = PayloadCode.agreement(fast.softBits(), payload.toBytes());
                if (agreement < MIN_AGREEMENT) {
                    thin.add(name + String.format(Locale.ROOT, " (%.3f)", agreement));
                }
            }
        }
        assertThat(missed).as("not found").isEmpty();
        assertThat(refined).as("found only by the full search").isEmpty();
        assertThat(thin).as("found with less than %s of the coded bits", MIN_AGREEMENT).isEmpty();
    }
}
