package dev.aigcmark.image.internal.watermark;

import dev.aigcmark.core.identity.WatermarkKey;
import dev.aigcmark.core.internal.watermark.WatermarkPayload;
import dev.aigcmark.testing.SharedFiles;
import dev.aigcmark.testing.TestSeed;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static dev.aigcmark.image.internal.watermark.LatticeRefinementTest.KEY;
import static dev.aigcmark.image.internal.watermark.LatticeRefinementTest.stretch;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link LumaDetector#rescue}, what a hypothesis whose sync clears {@link LumaDetector#PNR_THRESHOLD} but whose payload
 * fails is given: a clear sync ({@link LumaDetector#RESCUE_PNR} and up) the whole rescue, a weak one one refinement
 * step. Guards both sides of that rule:
 * <ul>
 * <li>a weak sync of a marked picture's lattice that is a little off mostly decodes after its one refinement step
 * (over seeds 1–19, 182 of the 196 hypotheses the whole rescue decodes; the test asks for a third at least, so that
 * no seed fails it by chance); fails when weak syncs get no refinement ({@code clear ? REFINE_STEPS : 0});
 * <li>the weak wrong lattice of an unmarked 1080p photo (adobe-20220124-I, the picture whose detection cost 67 ms)
 * costs one refined decode, where the whole rescue spent three refinements and their decodes, the refined syncs
 * staying above the bar, and the hill-climb (fails with {@code RESCUE_PNR = PNR_THRESHOLD}, the rule before).
 * </ul>
 */
class RescuePathTest {
    @Test
    void aWeakSyncOfAMarkedLatticeALittleOffDecodesAfterOneRefinementStep() {
        Random rnd = TestSeed.random("RescuePathTest.cover");
        WatermarkPattern pattern = WatermarkPattern.of(KEY);
        List<String> weak = new ArrayList<>();
        for (int covers = 0; covers < 4; covers++) {
            weakHypotheses(rnd, pattern, weak);
        }
        // The rule trades a little: a weak hypothesis the whole rescue decodes is now and then lost by the one step
        // (seeds 1–19: 182 of the 196 the whole rescue decodes, the worst run 5 of 9 at seed 10; seed 20261239 has
        // one neither decodes). A third at least must decode in their one step; none do with no step.
        long whole = weak.stream().filter(w -> w.endsWith("whole rescue exact")).count();
        long oneStep = weak.stream().filter(w -> w.contains("one step exact in 2 decodes")).count();
        System.out.printf("RescuePathTest: one step decoded %d, the whole rescue %d, of %d weak hypotheses%n",
                oneStep, whole, weak.size());
        assertThat(whole).as("%s", weak).isPositive();
        assertThat(oneStep).as("%s", weak).isPositive().isGreaterThanOrEqualTo((whole + 2) / 3);
    }

    private static void weakHypotheses(Random rnd, WatermarkPattern pattern, List<String> weak) {
        // hypotheses whose sync is weak and whose payload fails there (measured: 4 of 32 at the default seed, PNR
        // 5.07–5.32; 2–3 at seeds 20261211, 777, 1, 2, up to 5.44)
        offLattices(rnd, pattern, (sigma, k, analysis, sync, payload) -> {
            if (sync.pnr() >= LumaDetector.RESCUE_PNR) {
                return;
            }
            int[] decoded = {1};
            boolean oneStep = exact(LumaDetector.rescue(analysis, sync, pattern, KEY, decoded, 0), payload);
            boolean whole = exact(LumaDetector.rescue(analysis, sync, pattern, KEY, new int[] {1}, 0, true), payload);
            weak.add(String.format("noise %.0f, off ×%.1f, PNR %.2f: one step %s in %d decodes, whole rescue %s",
                    sigma, k, sync.pnr(), oneStep ? "exact" : "lost", decoded[0], whole ? "exact" : "lost"));
        });
    }

    /** A hypothesis of {@link #offLattices}, with the payload its cover carries. */
    interface OffLattice {
        void accept(double sigma, double k, Analysis analysis, Analysis.Sync sync, WatermarkPayload payload);
    }

    /**
     * A cover drawn from {@code rnd} marked with {@link LatticeRefinementTest#KEY} and squeezed to aspect 0.9, with noise σ 0, 4, 8, 12;
     * on each, the hypotheses k × (2 % too wide, 1.5 % too short, turned 0.5°), k 0.6–1.3, whose sync clears
     * {@link LumaDetector#PNR_THRESHOLD} and whose payload fails there (what {@link LumaDetector#rescue} is given).
     */
    static void offLattices(Random rnd, WatermarkPattern pattern, OffLattice each) {
        BufferedImage cover = TestImages.generate(6 * rnd.nextInt(1000) + 5, 1024, 768); // a "mixed" cover
        WatermarkPayload payload = WatermarkPayload.of(KEY, rnd.nextInt(1 << 20));
        BufferedImage squeezed = stretch(ImageWatermarker.embed(cover, KEY, payload.toBytes()), 922, 768); // aspect 0.9
        for (double sigma : new double[] {0, 4, 8, 12}) {
            byte[] luma = ImageWatermarker.luma(sigma == 0 ? squeezed : Attacks.noise(squeezed, sigma, 77));
            WorkingPlane plane = WorkingPlane.of(luma, 922, 768, 922, WorkingPlane.SHORT_SIDE);
            double p = TileGeometry.period(1024, 768) / plane.factor;
            double ax = p * 922 / 1024;
            for (int tenth = 6; tenth <= 13; tenth++) {
                double k = tenth / 10.0;
                double t = Math.toRadians(0.5 * k);
                Analysis analysis = new Analysis(plane, new Lattice.Basis((1 + 0.02 * k) * ax * Math.cos(t),
                        (1 + 0.02 * k) * ax * Math.sin(t), -(1 - 0.015 * k) * p * Math.sin(t), (1 - 0.015 * k) * p * Math.cos(t), 0));
                Analysis.Sync sync = analysis.sync(pattern);
                if (sync.pnr() >= LumaDetector.PNR_THRESHOLD && analysis.decode(sync, pattern, KEY).isEmpty()) {
                    each.accept(sigma, k, analysis, sync, payload);
                }
            }
        }
    }

    private static boolean exact(Optional<Detection> rescued, WatermarkPayload payload) {
        return rescued.flatMap(Detection::payload).map(payload::equals).orElse(false);
    }

    @Test
    void theWeakWrongLatticeOfAnUnmarkedPhotoCostsOneRefinedDecode() throws IOException {
        BufferedImage photo = ImageIO.read(SharedFiles.assumeVectors("photos").resolve("adobe-20220124-I.jpg").toFile());
        // as WatermarkDetectAbTimer makes its unmarked picture: bicubic to 1920 × 1080, one JPEG round trip
        BufferedImage resized = stretch(photo, 1920, 1080);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(resized, "jpeg", out);
        BufferedImage unmarked = ImageIO.read(new ByteArrayInputStream(out.toByteArray()));
        WatermarkKey key = new WatermarkKey(0x1234, "benchmark-watermark-key!".getBytes(StandardCharsets.US_ASCII));
        WatermarkPattern pattern = WatermarkPattern.of(key);
        WorkingPlane plane = WorkingPlane.of(ImageWatermarker.luma(unmarked), 1920, 1080, 1920, WorkingPlane.SHORT_SIDE);
        Analysis wrong = null;
        Analysis.Sync sync = null;
        for (Iterator<Lattice.Basis> it = Lattice.candidates(plane, LumaDetector.LATTICES, LumaDetector.UPRIGHT,
                TileGeometry.nominalPeriods(1920, 1080)); it.hasNext(); ) {
            Analysis a = new Analysis(plane, it.next());
            Analysis.Sync s = a.sync(pattern);
            if (s.pnr() >= LumaDetector.PNR_THRESHOLD) {
                assertThat(wrong).as("one hypothesis clears the sync bar").isNull();
                wrong = a;
                sync = s;
            }
        }
        assertThat(wrong).isNotNull();
        assertThat(sync.pnr()).isLessThan(LumaDetector.RESCUE_PNR); // measured 5.17
        assertThat(wrong.decode(sync, pattern, key)).isEmpty();
        // the whole rescue would refine it three times, each refined sync clearing the bar (measured 6.33, 5.88, 6.22)
        Analysis refined = wrong;
        Analysis.Sync rs = sync;
        for (int step = 0; step < LumaDetector.REFINE_STEPS; step++) {
            refined = refined.refined(rs, pattern);
            assertThat(refined).isNotNull();
            rs = refined.sync(pattern);
            assertThat(rs.pnr()).isGreaterThanOrEqualTo(LumaDetector.PNR_THRESHOLD);
        }
        int[] decoded = {1};
        assertThat(LumaDetector.rescue(wrong, sync, pattern, key, decoded, 0)).isEmpty();
        assertThat(decoded[0]).as("the hypothesis and its one refinement").isEqualTo(2);
    }
}
