package dev.aigcmark.video.internal.frames;

import com.sun.management.ThreadMXBean;
import dev.aigcmark.core.identity.WatermarkKey;
import dev.aigcmark.core.internal.watermark.WatermarkPayload;
import dev.aigcmark.image.internal.watermark.Detection;
import dev.aigcmark.image.internal.watermark.LumaDetector;
import dev.aigcmark.video.testing.TestMarks;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The frame-level API: label geometry and timing, a detectable mark, chroma handling, threads, no allocation. */
class FrameMarkerTest {
    static final WatermarkKey KEY = TestMarks.KEY;
    static final WatermarkPayload PAYLOAD = TestMarks.PAYLOAD;

    static FrameMarker marker() {
        return FrameMarker.builder(KEY, PAYLOAD).label(LabelStyle.defaults("AI生成")).build();
    }

    /** A textured frame (smooth gradients plus noise), like natural video content. */
    public static byte[] texturedI420(int w, int h, long seed) {
        byte[] f = new byte[PixelFormat.I420.frameBytes(w, h)];
        Random r = new Random(seed);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double v = 110 + 50 * Math.sin(x / 23.0 + seed) * Math.cos(y / 17.0) + r.nextGaussian() * 6;
                f[y * w + x] = (byte) Math.max(0, Math.min(255, (int) v));
            }
        }
        for (int i = w * h; i < f.length; i++) {
            f[i] = (byte) (90 + (i % 7) * 10);
        }
        return f;
    }

    @Test
    void labelIsAtLeastFivePercentOfTheShortestSideInTheCornerOnly() {
        FrameMarker m = marker();
        for (int[] size : new int[][] {{320, 240}, {640, 360}, {1280, 720}, {1920, 1080}, {360, 640}}) {
            LabelOverlay o = m.overlay(size[0], size[1]);
            int shortest = Math.min(size[0], size[1]);
            assertThat(o.inkHeight).as("ink height at %dx%d", size[0], size[1]).isGreaterThanOrEqualTo((int) Math.ceil(0.05 * shortest));
            assertThat(o.x0 + o.boxWidth).isLessThanOrEqualTo(size[0]);
            assertThat(o.y0 + o.boxHeight).isLessThanOrEqualTo(size[1]);
            assertThat(o.x0).isGreaterThan(size[0] / 2); // bottom-right
            assertThat(o.y0).isGreaterThan(size[1] / 2);
        }
    }

    @Test
    void openingFramesCarryTheLabelForAtLeastTwoSecondsLaterFramesDoNot() {
        FrameMarker m = FrameMarker.builder(KEY, null).label(LabelStyle.defaults("人工智能生成合成")).build();
        int w = 640;
        int h = 360;
        for (long pts : new long[] {0, 1_000_000, 1_999_999, 2_400_000}) {
            byte[] f = texturedI420(w, h, 1);
            byte[] before = f.clone();
            m.markI420(f, w, h, pts);
            LabelOverlay o = m.overlay(w, h);
            int bright = 0;
            int changed = 0;
            for (int y = o.y0; y < o.y0 + o.boxHeight; y++) {
                for (int x = o.x0; x < o.x0 + o.boxWidth; x++) {
                    bright += (f[y * w + x] & 0xFF) > 200 ? 1 : 0;
                    changed += f[y * w + x] != before[y * w + x] ? 1 : 0;
                }
            }
            assertThat(bright).as("text pixels at %d µs", pts).isGreaterThan(o.boxWidth * o.boxHeight / 20);
            assertThat(changed).isGreaterThan(o.boxWidth * o.boxHeight * 9 / 10);
            // Outside the box nothing changes (label-only marker).
            assertThat(f[0]).isEqualTo(before[0]);
            assertThat(f[w * h / 2]).isEqualTo(before[w * h / 2]);
        }
        byte[] late = texturedI420(w, h, 1);
        m.markI420(late, w, h, 2_500_000);
        assertThat(late).isEqualTo(texturedI420(w, h, 1));
    }

    @Test
    void markedFrameCarriesTheDetectablePayloadAndStaysClose() {
        int w = 640;
        int h = 360;
        byte[] f = texturedI420(w, h, 7);
        byte[] original = f.clone();
        marker().markI420(f, w, h, 5_000_000); // past the label: only the watermark
        Detection d = LumaDetector.detect(f, w, h, w, KEY);
        assertThat(d.found()).isTrue();
        assertThat(d.payload()).contains(PAYLOAD);
        double se = 0;
        for (int i = 0; i < w * h; i++) {
            double diff = (f[i] & 0xFF) - (original[i] & 0xFF);
            se += diff * diff;
        }
        double psnr = 10 * Math.log10(255.0 * 255 / (se / (w * h)));
        assertThat(psnr).as("luma PSNR at the default video strength (3.0, chosen to survive CRF 35)").isGreaterThan(37);
        // Chroma untouched by the watermark.
        assertThat(Arrays.copyOfRange(f, w * h, f.length))
                .isEqualTo(Arrays.copyOfRange(original, w * h, original.length));
        assertThat(LumaDetector.detect(texturedI420(w, h, 7), w, h, w, KEY).found()).isFalse();
    }

    @Test
    void nv12AndI420GetTheSameLumaAndGreyedChromaUnderThePlate() {
        int w = 320;
        int h = 240;
        FrameMarker m = marker();
        byte[] i420 = texturedI420(w, h, 3);
        byte[] nv12 = i420.clone();
        for (int i = w * h; i < nv12.length; i++) {
            nv12[i] = (byte) 200; // strongly coloured
        }
        Arrays.fill(i420, w * h, i420.length, (byte) 200);
        m.markI420(i420, w, h, 0);
        m.markNv12(nv12, w, h, 0);
        assertThat(Arrays.copyOf(nv12, w * h)).isEqualTo(Arrays.copyOf(i420, w * h));
        LabelOverlay o = m.overlay(w, h);
        int cx = (o.x0 + o.boxWidth / 2) / 2;
        int cy = (o.y0 + o.boxHeight / 2) / 2;
        int u = i420[w * h + cy * (w / 2) + cx] & 0xFF;
        int nvU = nv12[w * h + cy * w + 2 * cx] & 0xFF;
        assertThat(u).isLessThan(180).isEqualTo(nvU);
        assertThat(i420[w * h] & 0xFF).isEqualTo(200); // far from the plate
    }

    @Test
    void concurrentMarkingEqualsSequentialMarking() throws Exception {
        FrameMarker m = marker();
        int w = 480;
        int h = 272;
        int frames = 24;
        List<byte[]> expected = new ArrayList<>();
        for (int i = 0; i < frames; i++) {
            byte[] f = texturedI420(w, h, i);
            m.markI420(f, w, h, i * 200_000L);
            expected.add(f);
        }
        FrameMarker shared = marker();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<byte[]>> results = new ArrayList<>();
            for (int i = 0; i < frames; i++) {
                int n = i;
                results.add(pool.submit(() -> {
                    byte[] f = texturedI420(w, h, n);
                    shared.markI420(f, w, h, n * 200_000L);
                    return f;
                }));
            }
            for (int i = 0; i < frames; i++) {
                assertThat(results.get(i).get()).as("frame %d", i).isEqualTo(expected.get(i));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void perFrameMarkingAllocatesNothing() {
        var threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        FrameMarker m = marker();
        FrameStream stream = m.newStream();
        int w = 640;
        int h = 360;
        byte[] f = texturedI420(w, h, 2);
        for (int i = 0; i < 50; i++) { // warm up: overlay cache, mask, JIT
            m.markI420(f, w, h, i * 40_000L);
            stream.mark(f, PixelFormat.I420, w, h, i * 40_000L);
        }
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        for (int i = 0; i < 200; i++) {
            m.markI420(f, w, h, (i % 100) * 40_000L);
            stream.mark(f, PixelFormat.I420, w, h, (i % 100) * 40_000L);
            m.markLuma(f, w, h, w, (i % 100) * 40_000L);
        }
        long allocated = threads.getThreadAllocatedBytes(id) - before;
        assertThat(allocated).as("bytes allocated over 600 marked frames").isLessThan(4096);
    }

    @Test
    void paddedPlanesFromADecoderGetTheSameMarksAndPaddingIsUntouched() {
        int w = 322;
        int h = 242; // odd chroma rounding on purpose: 161x121 chroma samples
        int yStride = 384;
        int cw = (w + 1) / 2;
        int ch = (h + 1) / 2;
        int uvStride = 192;
        FrameMarker m = marker();
        for (long pts : new long[] {0, 5_000_000}) {
            byte[] tight = texturedI420(w, h, 11);
            byte[] y = new byte[yStride * h];
            byte[] u = new byte[uvStride * ch];
            byte[] v = new byte[uvStride * ch];
            byte[] uv = new byte[2 * uvStride * ch];
            Arrays.fill(y, (byte) 0x55);
            Arrays.fill(u, (byte) 0x55);
            Arrays.fill(v, (byte) 0x55);
            Arrays.fill(uv, (byte) 0x55);
            for (int r = 0; r < h; r++) {
                System.arraycopy(tight, r * w, y, r * yStride, w);
            }
            for (int r = 0; r < ch; r++) {
                System.arraycopy(tight, w * h + r * cw, u, r * uvStride, cw);
                System.arraycopy(tight, w * h + cw * ch + r * cw, v, r * uvStride, cw);
                for (int x = 0; x < cw; x++) {
                    uv[r * 2 * uvStride + 2 * x] = tight[w * h + r * cw + x];
                    uv[r * 2 * uvStride + 2 * x + 1] = tight[w * h + cw * ch + r * cw + x];
                }
            }
            byte[] y2 = y.clone();
            m.markI420(tight, w, h, pts);
            m.markI420(y, yStride, u, v, uvStride, w, h, pts);
            m.markNv12(y2, yStride, uv, 2 * uvStride, w, h, pts);
            for (int r = 0; r < h; r++) {
                assertThat(Arrays.copyOfRange(y, r * yStride, r * yStride + w))
                        .isEqualTo(Arrays.copyOfRange(tight, r * w, r * w + w));
                assertThat(Arrays.copyOfRange(y, r * yStride + w, (r + 1) * yStride)).containsOnly(0x55);
            }
            assertThat(y2).isEqualTo(y);
            for (int r = 0; r < ch; r++) {
                assertThat(Arrays.copyOfRange(u, r * uvStride, r * uvStride + cw))
                        .isEqualTo(Arrays.copyOfRange(tight, w * h + r * cw, w * h + r * cw + cw));
                assertThat(Arrays.copyOfRange(u, r * uvStride + cw, (r + 1) * uvStride)).containsOnly(0x55);
                for (int x = 0; x < cw; x++) {
                    assertThat(uv[r * 2 * uvStride + 2 * x + 1]).isEqualTo(v[r * uvStride + x]);
                }
            }
        }
    }

    @Test
    void labelRulesAreEnforced() {
        assertThatThrownBy(() -> new LabelStyle("AI生成", 1.5, 0.06, null)).hasMessageContaining("2 s");
        assertThatThrownBy(() -> new LabelStyle("AI生成", 2, 0.04, null)).hasMessageContaining("5");
        assertThatThrownBy(() -> LabelStyle.defaults("AI")).hasMessageContaining("generation");
        assertThatThrownBy(() -> marker().markI420(new byte[10], 64, 64, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
