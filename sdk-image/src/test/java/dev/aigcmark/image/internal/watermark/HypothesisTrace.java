package dev.aigcmark.image.internal.watermark;

import dev.aigcmark.core.internal.watermark.PayloadCode;
import dev.aigcmark.core.internal.watermark.WatermarkPayload;
import dev.aigcmark.image.internal.PackedRgb;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Prints every lattice hypothesis the detector would try on a robustness-table cell: a cover of the {@link Corpus}
 * marked as {@link RobustnessTable} marks it, attacked by a {@link RealAttacks} attack with the real tool, then, for
 * each of {@link Lattice#candidates} in order, its basis (vector lengths and angles, in working samples), the coarse
 * and full sync PNR and, where the sync clears {@link LumaDetector#PNR_THRESHOLD}, the share of the coded bits read
 * and the decode ({@code E} the exact payload, {@code W} a wrong one, {@code -} none) at the hypothesis and after
 * each of {@value LumaDetector#REFINE_STEPS} refinement steps (taken whatever the rule); then the same for the true
 * lattice of a rotation (the drawn period turned by the attack's angle, both signs). A tool, not a test: it found why
 * the 12 MP camera original's ±2° rotations read 90–95 % (docs/watermark-robustness.md, "Session 15"). From
 * {@code sdk-image/}, with its test class path and {@code -Daigc.shared.dir}:
 * {@code HypothesisTrace COVER-REGEX ATTACK...}, each ATTACK a regular expression on the attack names or
 * {@code ROT:degrees} (a rotation with the border crop, as the table's). {@code -Dtrace.cache=DIR} keeps the marked
 * and attacked PNGs there and reuses them (default: a new temporary directory); {@code -Dtrace.brief=true} prints only
 * the detector's answer per cell.
 */
public final class HypothesisTrace {
    private HypothesisTrace() {
    }

    public static void main(String[] args) throws IOException {
        Corpus.Cover cover = Corpus.photoCovers().stream().filter(c -> c.name().matches(args[0])).findFirst().orElseThrow();
        WatermarkPayload payload = RobustnessTable.payloadFor(cover);
        String dir = System.getProperty("trace.cache");
        Path cache = dir != null ? Files.createDirectories(Path.of(dir)) : Files.createTempDirectory("hypothesis-trace");
        BufferedImage original = cover.image().get();
        Path png = cache.resolve(fileName(cover.name()) + ".png");
        if (!Files.exists(png)) {
            ImageIO.write(ImageWatermarker.embed(original, RobustnessTable.KEY, payload.toBytes()), "png", png.toFile());
        }
        WatermarkPattern pattern = WatermarkPattern.of(RobustnessTable.KEY);
        for (int i = 1; i < args.length; i++) {
            for (RealAttacks.Attack attack : attacks(args[i])) {
                Path attackedPng = cache.resolve(fileName(cover.name() + "." + attack.name()) + ".png");
                BufferedImage attacked;
                if (Files.exists(attackedPng)) {
                    attacked = ImageIO.read(attackedPng.toFile());
                } else {
                    Path work = Files.createTempDirectory(cache, "a");
                    attacked = RealAttacks.apply(attack, png, work);
                    RobustnessTable.deleteTree(work);
                    ImageIO.write(attacked, "png", attackedPng.toFile());
                }
                trace(cover.name() + " / " + attack.name(), attacked, pattern, payload,
                        PreparedWatermark.period(original.getWidth(), original.getHeight()), degrees(attack.name()));
            }
        }
    }

    private static List<RealAttacks.Attack> attacks(String which) {
        if (which.startsWith("ROT:")) {
            double degrees = Double.parseDouble(which.substring(4));
            return List.of(new RealAttacks.Attack(String.format(Locale.ROOT, "rotate %s° + border crop", which.substring(4)),
                    "geometry", (in, out) -> RealAttacks.ffmpegPng(in, out, RealAttacks.rotate(degrees))));
        }
        List<RealAttacks.Attack> out = new ArrayList<>(RealAttacks.all());
        out.removeIf(a -> !a.name().matches(which));
        return out;
    }

    private static double degrees(String attack) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("rotate (-?[0-9.]+)°").matcher(attack);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private static String fileName(String s) {
        return s.replaceAll("[^A-Za-z0-9.-]", "_");
    }

    private static void trace(String cell, BufferedImage image, WatermarkPattern pattern, WatermarkPayload payload,
                              int drawnPeriod, double degrees) {
        int w = image.getWidth();
        int h = image.getHeight();
        WorkingPlane plane = WorkingPlane.of(PackedRgb.of(image).orElseThrow(), WorkingPlane.SHORT_SIDE);
        Detection d = ImageWatermarker.detect(image, RobustnessTable.KEY);
        System.out.printf(Locale.ROOT, "== %s %dx%d: %s, %.1f %% of the coded bits, PNR %.2f, P %.1f, rot %.3f°, aspect %.4f%n",
                cell, w, h, d.found() && d.payload().orElseThrow().equals(payload) ? "EXACT" : "miss",
                100 * PayloadCode.agreement(d.softBits(), payload.toBytes()), d.pnr(), d.period(), d.rotation(), d.aspect());
        if (Boolean.getBoolean("trace.brief")) {
            return;
        }
        int n = 0;
        for (Iterator<Lattice.Basis> it = Lattice.candidates(plane, LumaDetector.LATTICES, LumaDetector.UPRIGHT, LumaDetector.SEARCHED,
                TileGeometry.nominalPeriods(w, h)); it.hasNext(); n++) {
            Analysis a = new Analysis(plane, it.next());
            Analysis.Sync s = a.sync(pattern);
            System.out.printf(Locale.ROOT, "hyp %d %s coarse %.2f sync %.2f%s%n", n, describe(a.basis()), a.coarsePnr(pattern),
                    s.pnr(), s.pnr() >= LumaDetector.PNR_THRESHOLD ? " " + steps(a, s, pattern, payload) : "");
        }
        double p = drawnPeriod / plane.factor;
        for (double sign : degrees == 0 ? new double[] {1} : new double[] {1, -1}) {
            double r = Math.toRadians(sign * degrees);
            Analysis a = new Analysis(plane, new Lattice.Basis(p * Math.cos(r), p * Math.sin(r), -p * Math.sin(r), p * Math.cos(r), 0));
            Analysis.Sync s = a.sync(pattern);
            System.out.printf(Locale.ROOT, "truth(%+.1f°) %s sync %.2f %s%n", sign * degrees, describe(a.basis()), s.pnr(),
                    steps(a, s, pattern, payload));
        }
    }

    private static String describe(Lattice.Basis b) {
        return String.format(Locale.ROOT, "|a| %.3f at %.3f°, |b| %.3f at %.3f°", Math.hypot(b.ax(), b.ay()),
                Math.toDegrees(Math.atan2(b.ay(), b.ax())), Math.hypot(b.bx(), b.by()), Math.toDegrees(Math.atan2(-b.bx(), b.by())));
    }

    /** The bits and decode at the hypothesis, then after each refinement step. */
    private static String steps(Analysis analysis, Analysis.Sync sync, WatermarkPattern pattern, WatermarkPayload payload) {
        StringBuilder sb = new StringBuilder();
        Analysis a = analysis;
        Analysis.Sync s = sync;
        for (int step = 0; ; step++) {
            Optional<Detection> decoded = a.decode(s, pattern, RobustnessTable.KEY);
            sb.append(String.format(Locale.ROOT, "[%d: sync %.2f, %.1f %% %s%s]", step, s.pnr(),
                    100 * PayloadCode.agreement(a.miss(s, pattern).softBits(), payload.toBytes()),
                    decoded.map(x -> x.payload().orElseThrow().equals(payload) ? "E" : "W").orElse("-"),
                    step == 0 ? "" : ", " + describe(a.basis())));
            if (step == LumaDetector.REFINE_STEPS) {
                return sb.toString();
            }
            Analysis next = a.refined(s, pattern);
            if (next == null) {
                return sb.append(" refinement: none").toString();
            }
            a = next;
            s = a.sync(pattern);
        }
    }
}
