package dev.aigcmark.image.internal.watermark;

import dev.aigcmark.core.identity.WatermarkKey;
import dev.aigcmark.core.internal.watermark.PayloadCode;
import dev.aigcmark.core.internal.watermark.WatermarkPayload;

import java.awt.image.BufferedImage;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Which step loses the mark on {@link WatermarkRobustnessTest}'s two sinusoid texture covers (a diagnosis program, not a
 * test): for each of its attacks, the detector's answer beside what the key reads at the <em>true</em> lattice (the
 * marked period times the attack's scale, upright): the full and coarse sync PNR there, whether the payload decodes
 * there, the share of coded bits right at the sync's alignment, and where the true lattice is among the detector's
 * hypotheses. A sync PNR below {@link LumaDetector#PNR_THRESHOLD} with most bits right means the sync correlation, not
 * the lattice or the soft bits, is what fails.
 * <pre>java -cp "sdk-image/target/test-classes:sdk-image/target/classes:…" dev.aigcmark.image.internal.watermark.TextureSyncDiagnosis</pre>
 */
public final class TextureSyncDiagnosis {
    /** The scale each of {@link WatermarkRobustnessTest#ATTACKS} applies, in its order. */
    private static final double[] SCALES = {1, 1, 0.5, 1, 0.75, 1, 1, 1};

    private TextureSyncDiagnosis() {
    }

    public static void main(String[] args) {
        WatermarkKey key = WatermarkRobustnessTest.KEY;
        WatermarkPattern pattern = WatermarkPattern.of(key);
        for (int i = 0; i < WatermarkRobustnessTest.IMAGES; i++) {
            if (!TestImages.kind(i).equals("texture")) {
                continue;
            }
            int[] size = WatermarkRobustnessTest.SIZES[(i + i / WatermarkRobustnessTest.KINDS) % WatermarkRobustnessTest.SIZES.length];
            WatermarkPayload payload = WatermarkPayload.of(key, 1000 + i);
            BufferedImage marked = ImageWatermarker.embed(TestImages.generate(i, size[0], size[1]), key, payload.toBytes());
            int period = PreparedWatermark.period(size[0], size[1]);
            System.out.printf(Locale.ROOT, "image %d, %d×%d, marked period %d px%n", i, size[0], size[1], period);
            int k = 0;
            for (Map.Entry<String, UnaryOperator<BufferedImage>> e : WatermarkRobustnessTest.ATTACKS.entrySet()) {
                BufferedImage attacked = e.getValue().apply(marked);
                int w = attacked.getWidth();
                int h = attacked.getHeight();
                Detection d = ImageWatermarker.detect(attacked, key);
                WorkingPlane plane = WorkingPlane.of(ImageWatermarker.luma(attacked), w, h, w, WorkingPlane.SHORT_SIDE);
                double truth = period * SCALES[k++] / plane.factor;
                Analysis at = new Analysis(plane, new Lattice.Basis(truth, 0, 0, truth, 0));
                Analysis.Sync s = at.sync(pattern);
                double bits = PayloadCode.agreement(at.miss(s, pattern).softBits(), payload.toBytes());
                int rank = -1;
                int n = 0;
                for (Iterator<Lattice.Basis> it = Lattice.candidates(plane, LumaDetector.LATTICES, LumaDetector.UPRIGHT, LumaDetector.SEARCHED,
                        TileGeometry.nominalPeriods(w, h)); it.hasNext(); n++) {
                    Lattice.Basis b = it.next();
                    if (rank < 0 && Math.abs(Math.hypot(b.ax(), b.ay()) / truth - 1) < 0.02
                            && Math.abs(Math.hypot(b.bx(), b.by()) / truth - 1) < 0.02) {
                        rank = n;
                    }
                }
                System.out.printf(Locale.ROOT, "  %-36s exact %-5b PNR %5.2f | at the true lattice (%.1f samples): PNR %5.2f,"
                                + " coarse %4.2f, decodes %-5b, bits %.3f | true lattice hypothesis #%d of %d%n", e.getKey(),
                        d.found() && d.payload().orElseThrow().equals(payload), d.pnr(), truth, s.pnr(), at.coarsePnr(pattern),
                        at.decode(s, pattern, key).isPresent(), bits, rank, n);
            }
        }
    }
}
