package dev.aigcmark.image.internal.watermark;

import dev.aigcmark.core.identity.WatermarkKey;
import dev.aigcmark.core.internal.watermark.WatermarkPayload;
import dev.aigcmark.testing.TestSeed;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SWAR embed equals a plain clamped add, pixel for pixel, including saturation, odd widths and strides. */
class PreparedWatermarkTest {
    static final WatermarkKey KEY = new WatermarkKey(7, "prepared-watermark-test-key".getBytes(StandardCharsets.US_ASCII));

    @Property(tries = 200)
    void swarAddIsAClampedAddPerByte(@ForAll long x, @ForAll long d) {
        long low = d & 0x7F7F7F7F7F7F7F7FL;
        long pos = 0;
        for (int i = 0; i < 8; i++) {
            pos |= ((byte) (d >>> (8 * i)) >= 0 ? 0xFFL : 0L) << (8 * i);
        }
        long r = PreparedWatermark.addSaturating(x, low, pos);
        for (int i = 0; i < 8; i++) {
            int xv = (int) (x >>> (8 * i)) & 0xFF;
            int dv = (byte) (d >>> (8 * i));
            int expected = Math.max(0, Math.min(255, xv + dv));
            assertThat((int) (r >>> (8 * i)) & 0xFF).isEqualTo(expected);
        }
    }

    /**
     * The float-only rounding of the vectorised masked rows gives {@code clampDelta(round(p))} exactly: every float
     * within 2048 steps of each integer and half-integer from −131 to 131 (ties, the floats just beside them, the clamp),
     * the smallest ones around 0, specials, and a million random bit patterns. (Off line, session 16: all 4 278 190 082
     * non-NaN floats, no mismatch.)
     */
    @Test
    void floatRoundingOfMaskedRowsIsTheClampedRound() {
        for (int k = -262; k <= 262; k++) {
            float v = k / 2f;
            for (int i = 0; i < 2048; i++) {
                v = Math.nextDown(v);
            }
            for (int i = 0; i <= 4096; i++, v = Math.nextUp(v)) {
                assertRoundsAlike(v);
            }
        }
        for (float special : new float[]{0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, 0x1p-25f,
                0.5f - 0x1p-25f, -0.5f + 0x1p-25f, Float.MAX_VALUE, -Float.MAX_VALUE, Float.POSITIVE_INFINITY,
                Float.NEGATIVE_INFINITY, 0x1p22f + 0.5f, -0x1p22f - 0.5f, 0x1p23f + 1, -0x1p23f - 1}) {
            assertRoundsAlike(special);
        }
        Random random = TestSeed.random("PreparedWatermarkTest.deltaBits");
        for (int i = 0; i < 1_000_000; i++) {
            float p = Float.intBitsToFloat(random.nextInt());
            if (!Float.isNaN(p)) {
                assertRoundsAlike(p);
            }
        }
    }

    private static void assertRoundsAlike(float p) {
        int expected = PreparedWatermark.clampDelta(PreparedWatermark.round(p));
        int got = (byte) Float.floatToRawIntBits(PreparedWatermark.deltaBits(p));
        if (got != expected) { // assertThat per value would dominate the test's time
            assertThat(got).as("delta of %s (bits %08x)", p, Float.floatToRawIntBits(p)).isEqualTo(expected);
        }
    }

    @Test
    void swarAddIsAClampedAddForEveryPixelAndDelta() {
        for (int xv = 0; xv < 256; xv++) {
            for (int d0 = -127; d0 <= 127; d0 += 8) {
                long x = 0;
                long low = 0;
                long pos = 0;
                for (int i = 0; i < 8; i++) {
                    int dv = Math.min(127, d0 + i);
                    x |= (long) ((xv + 37 * i) & 0xFF) << (8 * i);
                    low |= (long) (dv & 0x7F) << (8 * i);
                    pos |= (dv >= 0 ? 0xFFL : 0L) << (8 * i);
                }
                long r = PreparedWatermark.addSaturating(x, low, pos);
                for (int i = 0; i < 8; i++) {
                    int expected = Math.max(0, Math.min(255, ((xv + 37 * i) & 0xFF) + Math.min(127, d0 + i)));
                    assertThat((int) (r >>> (8 * i)) & 0xFF).as("x=%d d=%d", (xv + 37 * i) & 0xFF, Math.min(127, d0 + i))
                            .isEqualTo(expected);
                }
            }
        }
    }

    /**
     * Wide planes of two sizes (so the drawn tile changes), embedded often enough that the JIT compiles (and
     * vectorises) the hot loop: the compiled code must give the same pixels as the reference too.
     */
    @Test
    void wideHotEmbedMatchesScalarReference() {
        for (int round = 0; round < 40; round++) {
            int width = round % 2 == 0 ? 2053 : 1088;
            int stride = width + (round % 3) * 5;
            embedAndCompare(width, 96, stride, round % 4 < 2, round);
        }
    }

    /** The mask keeps the deltas it gathered: new gains, a new plane shape or another watermark must not reuse them. */
    @Test
    void reusedMaskFollowsNewLevelsShapesAndWatermarks() {
        PreparedWatermark first = LumaWatermarker.prepare(KEY, WatermarkPayload.of(KEY, 5).toBytes(), 6.0);
        PreparedWatermark second = LumaWatermarker.prepare(KEY, WatermarkPayload.of(KEY, 6).toBytes(), 9.0);
        EmbedMask mask = new EmbedMask();
        mask.update(randomPlane(200, 40, 1), 200, 40, 200);
        embedMaskedAndCompare(first, mask, 200, 40, 2);   // gathers
        embedMaskedAndCompare(first, mask, 200, 40, 3);   // reuses
        mask.update(randomPlane(197, 40, 4), 197, 40, 197);
        embedMaskedAndCompare(first, mask, 197, 40, 4);   // one word less per row: redrawn, regathered
        embedMaskedAndCompare(second, mask, 197, 40, 6);  // another watermark
        mask.update(randomPlane(200, 40, 7), 200, 40, 200);
        embedMaskedAndCompare(second, mask, 200, 40, 8);  // new gains
        mask.fill(200, 40, 0.5);
        embedMaskedAndCompare(second, mask, 200, 40, 9);
    }

    private static void embedMaskedAndCompare(PreparedWatermark wm, EmbedMask mask, int width, int height, long seed) {
        byte[] plane = randomPlane(width, height, seed);
        byte[] expected = reference(plane, width, height, width, wm, mask);
        wm.embed(plane, width, height, width, mask);
        assertThat(plane).as("%dx%d, seed %d", width, height, seed).isEqualTo(expected);
    }

    @Property(tries = 12)
    void embedMatchesScalarReference(@ForAll @IntRange(min = 1, max = 300) int width, @ForAll @IntRange(min = 1, max = 140) int height,
                                     @ForAll @IntRange(min = 0, max = 13) int pad, @ForAll boolean masked) {
        embedAndCompare(width, height, width + pad, masked, width * 31L + height);
    }

    private static void embedAndCompare(int width, int height, int stride, boolean masked, long seed) {
        byte[] plane = randomPlane(stride, height, seed);
        PreparedWatermark wm = LumaWatermarker.prepare(KEY, WatermarkPayload.of(KEY, 5).toBytes(), 6.0);
        EmbedMask mask = new EmbedMask();
        mask.update(plane, width, height, stride);
        byte[] expected = reference(plane, width, height, stride, wm, masked ? mask : null);
        if (masked) {
            wm.embed(plane, width, height, stride, mask);
        } else {
            wm.embed(plane, width, height, stride);
        }
        assertThat(plane).isEqualTo(expected); // padding bytes between rows untouched too
    }

    private static byte[] randomPlane(int stride, int height, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        byte[] plane = new byte[stride * height];
        for (int i = 0; i < plane.length; i++) {
            int kind = rnd.nextInt(4); // many extremes, to exercise saturation
            plane[i] = (byte) (kind == 0 ? rnd.nextInt(4) : kind == 1 ? 252 + rnd.nextInt(4) : rnd.nextInt(256));
        }
        return plane;
    }

    /** The plain clamped add, pixel by pixel; {@code mask} null for the uniform level. */
    private static byte[] reference(byte[] plane, int width, int height, int stride, PreparedWatermark wm, EmbedMask mask) {
        byte[] expected = plane.clone();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int d = mask != null ? PreparedWatermark.maskedDelta(wm.layout(width, height), mask, x, y)
                        : wm.delta(width, height, x, y);
                int v = (expected[y * stride + x] & 0xFF) + d;
                expected[y * stride + x] = (byte) Math.max(0, Math.min(255, v));
            }
        }
        return expected;
    }

    @Test
    void badGeometryIsRejected() {
        PreparedWatermark wm = LumaWatermarker.prepare(KEY, WatermarkPayload.of(KEY, 5).toBytes());
        assertThatThrownBy(() -> wm.embed(new byte[100], 20, 10, 20)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> wm.embed(new byte[100], 10, 10, 5)).isInstanceOf(IllegalArgumentException.class);
        EmbedMask other = new EmbedMask();
        other.fill(64, 64, 1);
        assertThatThrownBy(() -> wm.embed(new byte[100], 10, 10, 10, other)).isInstanceOf(IllegalArgumentException.class);
    }
}
