package dev.aigcmark.image.internal.watermark;

import dev.aigcmark.core.identity.WatermarkKey;
import dev.aigcmark.core.internal.watermark.WatermarkPayload;
import dev.aigcmark.testing.TestSeed;
import org.junit.jupiter.api.Test;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

/**
 * {@link Analysis#refined}: a lattice a percent off in scale, aspect and angle (what the autocorrelation's peaks
 * give on a busy photo) is corrected from the drift of the sync peak between the plane's halves.
 */
class LatticeRefinementTest {
    static final WatermarkKey KEY = new WatermarkKey(0x0A0B, "lattice-refinement-test-key".getBytes(StandardCharsets.US_ASCII));

    @Test
    void aLatticeAPercentOffInScaleAspectAndAngleIsCorrectedFromTheSyncDrift() {
        Random rnd = TestSeed.random("LatticeRefinementTest.cover");
        BufferedImage cover = TestImages.generate(6 * rnd.nextInt(1000) + 5, 1024, 768); // a "mixed" cover
        WatermarkPayload payload = WatermarkPayload.of(KEY, rnd.nextInt(1 << 20));
        BufferedImage marked = ImageWatermarker.embed(cover, KEY, payload.toBytes());
        // aspect 0.9 × 1.0: the tile becomes 0.9·P wide and P high
        BufferedImage squeezed = stretch(marked, 922, 768);
        byte[] luma = ImageWatermarker.luma(squeezed);
        WorkingPlane plane = WorkingPlane.of(luma, 922, 768, 922, WorkingPlane.SHORT_SIDE);
        double p = TileGeometry.period(1024, 768) / plane.factor;
        double trueAx = p * 922 / 1024;
        double trueBy = p;
        // 2 % too wide, 1.5 % too short, turned 0.5°: the sync still finds it (PNR 6.5–7.5 against 12–13 at
        // the true lattice), the fold's ends are smeared by up to 1.5 chips
        double t = Math.toRadians(0.5);
        Lattice.Basis off = new Lattice.Basis(1.02 * trueAx * Math.cos(t), 1.02 * trueAx * Math.sin(t),
                -0.985 * trueBy * Math.sin(t), 0.985 * trueBy * Math.cos(t), 0);
        WatermarkPattern pattern = WatermarkPattern.of(KEY);
        Analysis analysis = new Analysis(plane, off);
        Analysis.Sync sync = analysis.sync(pattern);
        assertThat(sync.pnr()).isGreaterThanOrEqualTo(LumaDetector.PNR_THRESHOLD);
        for (int step = 0; step < LumaDetector.REFINE_STEPS; step++) {
            analysis = analysis.refined(sync, pattern);
            assertThat(analysis).isNotNull();
            sync = analysis.sync(pattern);
        }
        Lattice.Basis b = analysis.basis();
        assertThat(Math.hypot(b.ax(), b.ay()) / trueAx).isCloseTo(1, offset(0.003));
        assertThat(Math.hypot(b.bx(), b.by()) / trueBy).isCloseTo(1, offset(0.003));
        assertThat(Math.abs(Math.toDegrees(Math.atan2(b.ay(), b.ax())))).isLessThan(0.1);
        assertThat(analysis.decode(sync, pattern, KEY)).hasValueSatisfying(
                d -> assertThat(d.payload()).contains(payload));
    }

    /** {@code img} resized to w × h, bicubic (RescuePathTest too). */
    static BufferedImage stretch(BufferedImage img, int w, int h) {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.drawImage(img, 0, 0, w, h, null);
        g.dispose();
        return out;
    }
}
