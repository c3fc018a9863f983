package dev.aigcmark.image.internal.watermark;

import dev.aigcmark.core.identity.WatermarkKey;
import dev.aigcmark.core.internal.watermark.WatermarkPayload;
import dev.aigcmark.image.internal.PackedRgb;
import dev.aigcmark.testing.SharedFiles;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * Prints where {@link LumaDetector#rescue} could go for each hypothesis whose sync clears
 * {@link LumaDetector#PNR_THRESHOLD} and whose payload fails: the sync, then for each of {@value LumaDetector#REFINE_STEPS}
 * refinement steps (taken whatever the rule) the refined sync, its decode ({@code E} the exact payload, {@code W} a
 * wrong one, {@code -} none) and how far the step moved the lattice ({@link Lattice.Basis#relativeDistance}), then
 * the sharpened decode ({@code stay} when the hill-climb did not move). The evidence for the weak-sync rule
 * (docs/watermark-robustness.md, "Session 14"); a tool, not a test. From {@code sdk-image/}, with its test class path:
 * <ul>
 * <li>{@code RescueTrace marked SEED...}: {@code RescuePathTest}'s weak and clear hypotheses of marked lattices a
 * little off, at those seeds (its 4 covers each);
 * <li>{@code RescueTrace unmarked FROM TO}: images FROM..TO−1 of the false-positive run's sequence
 * ({@link RobustnessTable#unmarked}), its two keys, every hypothesis the detector's search syncs;
 * <li>{@code RescueTrace photo NAME...}: a shared photo unmarked at 1920×1080 (as {@code WatermarkDetectAbTimer} makes it).
 * </ul>
 */
public final class RescueTrace {
    private RescueTrace() {
    }

    public static void main(String[] args) throws IOException {
        switch (args[0]) {
            case "marked" -> {
                for (int i = 1; i < args.length; i++) {
                    long seed = Long.parseLong(args[i]);
                    Random rnd = new Random(derive(seed, "RescuePathTest.cover"));
                    for (int c = 0; c < 4; c++) {
                        marked("seed=" + seed + " cover=" + c, rnd);
                    }
                }
            }
            case "unmarked" -> {
                List<BufferedImage> images = new ArrayList<>();
                for (Corpus.Cover c : Corpus.photoCovers()) {
                    images.add(c.image().get());
                }
                for (Corpus.Cover c : Corpus.syntheticCovers()) {
                    images.add(c.image().get());
                }
                List<WatermarkKey> keys = List.of(RobustnessTable.KEY,
                        new WatermarkKey(0x0001, "second-key-for-false-positives".getBytes(StandardCharsets.US_ASCII)));
                for (int index = Integer.parseInt(args[1]); index < Integer.parseInt(args[2]); index++) {
                    unmarked("img=" + index, RobustnessTable.unmarked(images, index, 20_261_205L), keys);
                }
            }
            case "photo" -> {
                WatermarkKey key = new WatermarkKey(0x1234, "benchmark-watermark-key!".getBytes(StandardCharsets.US_ASCII));
                for (int i = 1; i < args.length; i++) {
                    BufferedImage photo = ImageIO.read(SharedFiles.vectors("photos").resolve(args[i] + ".jpg").toFile());
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    ImageIO.write(LatticeRefinementTest.stretch(photo, 1920, 1080), "jpeg", out);
                    unmarked(args[i], ImageIO.read(new ByteArrayInputStream(out.toByteArray())), List.of(key));
                }
            }
            default -> throw new IllegalArgumentException("marked SEED... | unmarked FROM TO | photo NAME...");
        }
    }

    /** {@code TestSeed.random(purpose)} as it is at the run seed {@code seed}. */
    private static long derive(long seed, String purpose) {
        long h = seed ^ 0x9E3779B97F4A7C15L;
        for (byte b : purpose.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ b) * 0x100000001B3L;
            h ^= h >>> 29;
        }
        return new SplittableRandom(h).nextLong();
    }

    /** {@code RescuePathTest}'s covers and hypotheses, every one whose sync clears the bar and fails to decode. */
    private static void marked(String tag, Random rnd) {
        WatermarkPattern pattern = WatermarkPattern.of(LatticeRefinementTest.KEY);
        RescuePathTest.offLattices(rnd, pattern, (sigma, k, analysis, sync, payload) -> System.out.printf(Locale.ROOT,
                "MARKED %s sigma=%.0f k=%.1f %s%n", tag, sigma, k, trace(analysis, sync, pattern, LatticeRefinementTest.KEY, payload)));
    }

    /** As the detector's search (no expected keys): every hypothesis whose sync clears the bar, traced. */
    private static void unmarked(String tag, BufferedImage image, List<WatermarkKey> keys) {
        int w = image.getWidth();
        int h = image.getHeight();
        Optional<PackedRgb> packed = PackedRgb.of(image);
        WorkingPlane plane = packed.isPresent() ? WorkingPlane.of(packed.get(), WorkingPlane.SHORT_SIDE)
                : WorkingPlane.of(ImageWatermarker.luma(image), w, h, w, WorkingPlane.SHORT_SIDE);
        List<WatermarkPattern> patterns = keys.stream().map(WatermarkPattern::of).toList();
        int n = 0;
        for (Iterator<Lattice.Basis> it = Lattice.candidates(plane, LumaDetector.LATTICES, LumaDetector.UPRIGHT, LumaDetector.SEARCHED,
                TileGeometry.nominalPeriods(w, h)); it.hasNext(); n++) {
            Analysis analysis = new Analysis(plane, it.next());
            for (int i = 0; i < keys.size(); i++) {
                if (n > 0 && analysis.coarsePnr(patterns.get(i)) < LumaDetector.COARSE_GATE) {
                    continue;
                }
                Analysis.Sync s = analysis.sync(patterns.get(i));
                if (s.pnr() >= LumaDetector.PNR_THRESHOLD) {
                    System.out.printf(Locale.ROOT, "UNMARKED %s %dx%d hyp=%d key=%d direct=%s %s%n", tag, w, h, n, i,
                            outcome(analysis.decode(s, patterns.get(i), keys.get(i)), null),
                            trace(analysis, s, patterns.get(i), keys.get(i), null));
                }
            }
        }
    }

    private static String trace(Analysis analysis, Analysis.Sync s, WatermarkPattern pattern, WatermarkKey key,
                                WatermarkPayload payload) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "p0=%.3f", s.pnr()));
        Analysis a = analysis;
        Analysis.Sync rs = s;
        for (int step = 1; step <= LumaDetector.REFINE_STEPS; step++) {
            Analysis b = a.refined(rs, pattern);
            if (b == null) {
                sb.append(" s").append(step).append("=null");
                break;
            }
            double moved = a.basis().relativeDistance(b.basis());
            rs = b.sync(pattern);
            a = b;
            sb.append(String.format(Locale.ROOT, " s%d=%.3f,%s,%.5f", step, rs.pnr(),
                    outcome(b.decode(rs, pattern, key), payload), moved));
        }
        Analysis sharper = LumaDetector.sharpen(analysis, s, pattern);
        return sb.append(" sh=").append(sharper == analysis ? "stay"
                : outcome(sharper.decode(sharper.sync(pattern), pattern, key), payload)).toString();
    }

    private static String outcome(Optional<Detection> d, WatermarkPayload payload) {
        Optional<WatermarkPayload> p = d.flatMap(Detection::payload);
        return p.isEmpty() ? "-" : payload != null && payload.equals(p.get()) ? "E" : "W";
    }
}
