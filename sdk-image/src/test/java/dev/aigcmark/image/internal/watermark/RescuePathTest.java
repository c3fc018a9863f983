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
 * step, and the other steps too when that step moved the lattice by {@link LumaDetector#FAR_STEP} or more. Guards
 * every side of that rule:
 * <ul>
 * <li>a weak sync of a marked picture's lattice that is a little off decodes after its refinement as with the whole
 * rescue (over seeds 1–19, 196 of 214 hypotheses, the same 196 as the whole rescue; the one step alone of session 13
 * decoded 182); the test asks for nine tenths of what the whole rescue decodes; fails when weak syncs get no
 * refinement ({@code clear ? REFINE_STEPS : 0});
 * <li>a weak lattice 2 % off whose first step lands short (it moves 1.4 % and the payload still fails) decodes at
 * its second step (fails with one step for every weak sync, session 13's rule);
 * <li>the weak wrong lattice of an unmarked 1080p photo (adobe-20220124-I, the picture whose detection cost 67 ms)
 * costs one refined decode, its first step moving it 0.47 %, where the whole rescue spent three refinements and their
 * decodes, the refined syncs staying above the bar, and the hill-climb (fails with {@code RESCUE_PNR = PNR_THRESHOLD},
 * the rule before session 13, and with {@code FAR_STEP = 0}). Since session 19 the detector no longer screens that
 * lattice at all ({@link LumaDetector#SEARCHED}); it is taken from the search's whole ranking.
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
        // One step alone lost some the whole rescue decodes (seeds 1–19: 182 of its 196, the worst run 5 of 9 at seed
        // 10): those whose first step landed short, having moved them 1.03–3.3 % (≥ FAR_STEP), so they now get the
        // next steps: 196 of 196 (seed 20261239 has one neither decodes). Nine tenths must decode; none do with no step.
        long whole = weak.stream().filter(w -> w.endsWith("whole rescue exact")).count();
        long weakPath = weak.stream().filter(w -> w.contains("weak rescue exact")).count();
        long oneStep = weak.stream().filter(w -> w.contains("weak rescue exact in 2 decodes")).count();
        System.out.printf("RescuePathTest: the weak rescue decoded %d (%d at its first step), the whole rescue %d, of %d "
                + "weak hypotheses%n", weakPath, oneStep, whole, weak.size());
        assertThat(whole).as("%s", weak).isPositive();
        assertThat(weakPath).as("%s", weak).isPositive().isGreaterThanOrEqualTo((9 * whole + 9) / 10);
    }

    private static void weakHypotheses(Random rnd, WatermarkPattern pattern, List<String> weak) {
        // hypotheses whose sync is weak and whose payload fails there (measured: 4 of 32 at the default seed, PNR
        // 5.07–5.32; 2–3 at seeds 20261211, 777, 1, 2, up to 5.44)
        offLattices(rnd, pattern, (sigma, k, analysis, sync, payload) -> {
            if (sync.pnr() >= LumaDetector.RESCUE_PNR) {
                return;
            }
            int[] decoded = {1};
            boolean weakPath = exact(LumaDetector.rescue(analysis, sync, pattern, KEY, decoded, 0), payload);
            boolean whole = exact(LumaDetector.rescue(analysis, sync, pattern, KEY, new int[] {1}, 0, true), payload);
            weak.add(String.format("noise %.0f, off ×%.1f, PNR %.2f: weak rescue %s in %d decodes, whole rescue %s",
                    sigma, k, sync.pnr(), weakPath ? "exact" : "lost", decoded[0], whole ? "exact" : "lost"));
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
        BufferedImage squeezed = squeezed(cover, payload);
        for (double sigma : new double[] {0, 4, 8, 12}) {
            WorkingPlane plane = plane(squeezed, sigma);
            for (int tenth = 6; tenth <= 13; tenth++) {
                Analysis analysis = offLattice(plane, tenth / 10.0);
                Analysis.Sync sync = analysis.sync(pattern);
                if (sync.pnr() >= LumaDetector.PNR_THRESHOLD && analysis.decode(sync, pattern, KEY).isEmpty()) {
                    each.accept(sigma, tenth / 10.0, analysis, sync, payload);
                }
            }
        }
    }

    /** The cover marked with {@code payload} and squeezed to aspect 0.9 (1024 × 768 to 922 × 768). */
    private static BufferedImage squeezed(BufferedImage cover, WatermarkPayload payload) {
        return stretch(ImageWatermarker.embed(cover, KEY, payload.toBytes()), 922, 768);
    }

    /** The working plane of the squeezed picture with Gaussian noise σ (none at 0). */
    private static WorkingPlane plane(BufferedImage squeezed, double sigma) {
        byte[] luma = ImageWatermarker.luma(sigma == 0 ? squeezed : Attacks.noise(squeezed, sigma, 77));
        return WorkingPlane.of(luma, 922, 768, 922, WorkingPlane.SHORT_SIDE);
    }

    /** The hypothesis k × (2 % too wide, 1.5 % too short, turned 0.5°) of the squeezed picture's lattice. */
    private static Analysis offLattice(WorkingPlane plane, double k) {
        double p = TileGeometry.period(1024, 768) / plane.factor;
        double ax = p * 922 / 1024;
        double t = Math.toRadians(0.5 * k);
        return new Analysis(plane, new Lattice.Basis((1 + 0.02 * k) * ax * Math.cos(t), (1 + 0.02 * k) * ax * Math.sin(t),
                -(1 - 0.015 * k) * p * Math.sin(t), (1 - 0.015 * k) * p * Math.cos(t), 0));
    }

    private static boolean exact(Optional<Detection> rescued, WatermarkPayload payload) {
        return rescued.flatMap(Detection::payload).map(payload::equals).orElse(false);
    }

    @Test
    void aWeakSyncWhoseFirstStepLandsShortDecodesAtItsSecond() {
        // a fixed input (not from the seed) that session 13's one step lost: cover 4871 marked, squeezed, noise σ 8,
        // the hypothesis off ×1.0 (seed 10's second cover in the test above)
        WatermarkPattern pattern = WatermarkPattern.of(KEY);
        WatermarkPayload payload = WatermarkPayload.of(KEY, 673469);
        Analysis analysis = offLattice(plane(squeezed(TestImages.generate(4871, 1024, 768), payload), 8), 1.0);
        Analysis.Sync sync = analysis.sync(pattern);
        assertThat(sync.pnr()).isBetween(LumaDetector.PNR_THRESHOLD, LumaDetector.RESCUE_PNR); // measured 5.25
        assertThat(analysis.decode(sync, pattern, KEY)).isEmpty();
        // its first step moves it far (measured 1.44 %) and lands short: the sync clears the bar (6.33), the payload fails
        Analysis first = analysis.refined(sync, pattern);
        assertThat(first).isNotNull();
        assertThat(first.basis().relativeDistance(analysis.basis())).isGreaterThanOrEqualTo(LumaDetector.FAR_STEP);
        Analysis.Sync firstSync = first.sync(pattern);
        assertThat(firstSync.pnr()).isGreaterThanOrEqualTo(LumaDetector.PNR_THRESHOLD);
        assertThat(first.decode(firstSync, pattern, KEY)).isEmpty();
        int[] decoded = {1};
        assertThat(LumaDetector.rescue(analysis, sync, pattern, KEY, decoded, 0).flatMap(Detection::payload)).contains(payload);
        assertThat(decoded[0]).as("the hypothesis and two refinements").isEqualTo(3);
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
        // the search's whole ranking, as the detector screened it before session 19: it now screens only the first
        // LumaDetector.SEARCHED, and this wrong lattice is not among them (the rule is still measured on it)
        for (Iterator<Lattice.Basis> it = Lattice.candidates(plane, LumaDetector.LATTICES, LumaDetector.UPRIGHT,
                LumaDetector.LATTICES - 1, TileGeometry.nominalPeriods(1920, 1080)); it.hasNext(); ) {
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
        assertThat(wrong.refined(sync, pattern).basis().relativeDistance(wrong.basis()))
                .isLessThan(LumaDetector.FAR_STEP); // measured 0.47 %: a noise fit, not a lattice far off
        int[] decoded = {1};
        assertThat(LumaDetector.rescue(wrong, sync, pattern, key, decoded, 0)).isEmpty();
        assertThat(decoded[0]).as("the hypothesis and its one refinement").isEqualTo(2);
    }
}
