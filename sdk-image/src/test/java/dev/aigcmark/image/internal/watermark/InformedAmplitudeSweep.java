package dev.aigcmark.image.internal.watermark;

import dev.aigcmark.core.internal.watermark.PayloadCode;
import dev.aigcmark.core.internal.watermark.WatermarkPayload;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * An experiment, not a test: informed embedding (per-coded-bit amplitudes set from the embedder's own reads of its
 * mark, after Cox, Miller and Bloom's informed embedding and Malvar and Florêncio's improved spread spectrum) on one
 * {@link Corpus} photo. The tile is drawn as {@link WatermarkPattern#tile} draws it, but each coded bit's chips carry
 * an amplitude a_i (RMS over the bits 1, the tile still unit RMS, so PSNR is unchanged). Each round marks the cover
 * ({@link ImageWatermarker#embed(BufferedImage, PreparedWatermark)}: the same mask), reads the soft bits at the
 * identity geometry ({@link ToneClipDiagnosis#identityRead}) of the marked plane, of the plane through ffmpeg's
 * contrast-1.4 tone curve ({@link ToneClipDiagnosis#contrast}) and, optionally, of an ImageIO JPEG and a 0.4×
 * downscale, and multiplies a_i by exp(eta (tau − m_i)), m_i the bit's smallest margin over the reads (only where
 * it is below tau with {@code -DboostOnly=true}), clamped to [lo, hi], then renormalised. The marked result then
 * goes through the named {@link RealAttacks} (real ffmpeg, cwebp, x264) and the full detector.
 * <pre>java [-DsyncShare=0.2] [-DboostOnly=false] [-DkeepSync=false] [-Djpeg=0] [-Ddownscale=false] -cp ... \
 *   dev.aigcmark.image.internal.watermark.InformedAmplitudeSweep COVER ROUNDS ETA TAU LO HI [ATTACK-REGEX]</pre>
 * {@code syncShare} is the sync chips' share of the tile's energy (0.2 in {@link WatermarkPattern}); {@code keepSync}
 * keeps the data chips' contribution to the sync peak at the uniform amplitudes' value. Figures: "Measured changes"
 * in docs/watermark-robustness.md (session 8).
 */
public final class InformedAmplitudeSweep {
    private static final double SYNC_SHARE = Double.parseDouble(System.getProperty("syncShare", "0.2"));
    private static final boolean BOOST_ONLY = Boolean.getBoolean("boostOnly");
    private static final boolean KEEP_SYNC = Boolean.getBoolean("keepSync");
    private static final double JPEG = Double.parseDouble(System.getProperty("jpeg", "0"));
    private static final boolean DOWNSCALE = Boolean.getBoolean("downscale");

    private InformedAmplitudeSweep() {
    }

    /** {@link WatermarkPattern#tile} with a per-coded-bit amplitude and the sync's share of the energy as given. */
    static double[] tile(WatermarkPattern pattern, int[] code, double[] amplitude, double syncShare) {
        double[] raw = new double[WatermarkPattern.AREA];
        for (int p = 0; p < raw.length; p++) {
            int c = WatermarkPattern.chipOf(p);
            int b = pattern.bitOfChip[c];
            raw[p] = Math.sqrt(syncShare) * pattern.syncChip[c] + Math.sqrt(1 - syncShare) * amplitude[b] * code[b] * pattern.dataSign[c];
        }
        double[] lp = WatermarkPattern.gaussian(raw);
        double energy = 0;
        for (double v : lp) {
            energy += v * v;
        }
        double norm = Math.sqrt(lp.length / energy);
        for (int p = 0; p < lp.length; p++) {
            lp[p] *= norm;
        }
        return lp;
    }

    private static double[] margins(float[] soft, int[] code) {
        double[] m = new double[code.length];
        for (int i = 0; i < m.length; i++) {
            m[i] = soft[i] * code[i];
        }
        return m;
    }

    private static String right(double[] m) {
        long wrong = Arrays.stream(m).filter(v -> v <= 0).count();
        return String.format(Locale.ROOT, "%.1f %%", 100.0 * (m.length - wrong) / m.length);
    }

    private static void minInto(double[] into, double[] m) {
        for (int i = 0; i < into.length; i++) {
            into[i] = Math.min(into[i], m[i]);
        }
    }

    public static void main(String[] args) throws Exception {
        String which = args[0];
        int rounds = Integer.parseInt(args[1]);
        double eta = Double.parseDouble(args[2]);
        double tau = Double.parseDouble(args[3]);
        double lo = Double.parseDouble(args[4]);
        double hi = Double.parseDouble(args[5]);
        Corpus.Cover cover = Corpus.photoCovers().stream().filter(c -> c.name().matches(which)).findFirst().orElseThrow();
        BufferedImage original = cover.image().get();
        int w = original.getWidth();
        int h = original.getHeight();
        WatermarkPayload payload = RobustnessTable.payloadFor(cover);
        int[] code = PayloadCode.encode(payload.toBytes());
        WatermarkPattern pattern = WatermarkPattern.of(RobustnessTable.KEY);
        double[] cross = new double[code.length]; // each bit's data chips against the sync chips at the sync peak
        for (int c = 0; c < pattern.syncChip.length; c++) {
            cross[pattern.bitOfChip[c]] += pattern.syncChip[c] * pattern.dataSign[c] * code[pattern.bitOfChip[c]];
        }
        double[] amplitude = new double[code.length];
        Arrays.fill(amplitude, 1);
        BufferedImage marked = null;
        for (int round = 0; ; round++) {
            marked = ImageWatermarker.embed(original, new PreparedWatermark(tile(pattern, code, amplitude, SYNC_SHARE),
                    LumaWatermarker.DEFAULT_STRENGTH));
            byte[] luma = ImageWatermarker.luma(marked.getRGB(0, 0, w, h, null, 0, w));
            double[] full = margins(ToneClipDiagnosis.identityRead(luma, w, h), code);
            double[] clipped = margins(ToneClipDiagnosis.identityRead(ToneClipDiagnosis.contrast(luma, 1.4), w, h), code);
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "round %d: unattacked %s, contrast 1.4 %s",
                    round, right(full), right(clipped)));
            double[] weakest = full.clone();
            if (JPEG > 0) {
                BufferedImage j = Attacks.jpeg(marked, (float) JPEG);
                double[] m = margins(ToneClipDiagnosis.identityRead(ImageWatermarker.luma(j.getRGB(0, 0, w, h, null, 0, w)), w, h), code);
                line.append(", JPEG ").append(right(m));
                minInto(weakest, m);
            }
            if (DOWNSCALE) {
                BufferedImage s = Attacks.resize(marked, 0.4);
                int w2 = s.getWidth();
                int h2 = s.getHeight();
                WorkingPlane plane = WorkingPlane.of(ImageWatermarker.luma(s.getRGB(0, 0, w2, h2, null, 0, w2)), w2, h2, w2,
                        WorkingPlane.SHORT_SIDE);
                double period = TileGeometry.period(w, h) * 0.4 / plane.factor;
                Analysis a = new Analysis(plane, new Lattice.Basis(period, 0, 0, period, 0));
                double[] m = margins(a.miss(a.sync(pattern), pattern).softBits(), code);
                line.append(", 0.4× ").append(right(m));
                minInto(weakest, m);
            }
            System.out.println(line.append(String.format(Locale.ROOT, "; amplitudes %.2f–%.2f; PSNR %.2f dB, SSIM %.4f",
                    Arrays.stream(amplitude).min().orElseThrow(), Arrays.stream(amplitude).max().orElseThrow(),
                    Quality.psnr(original, marked), Quality.ssim(original, marked))));
            if (round == rounds) {
                break;
            }
            for (int i = 0; i < amplitude.length; i++) {
                double m = Math.min(weakest[i], clipped[i]);
                double step = BOOST_ONLY ? Math.max(0, tau - m) : tau - m;
                amplitude[i] = Math.max(lo, Math.min(hi, amplitude[i] * Math.exp(eta * step)));
            }
            for (int rep = 0; rep < 4; rep++) {
                double ss = 0;
                for (double a : amplitude) {
                    ss += a * a;
                }
                double norm = Math.sqrt(amplitude.length / ss);
                double drift = 0;
                double xx = 0;
                for (int i = 0; i < amplitude.length; i++) {
                    amplitude[i] *= norm;
                    drift += (amplitude[i] - 1) * cross[i];
                    xx += cross[i] * cross[i];
                }
                if (KEEP_SYNC && drift < 0) {
                    for (int i = 0; i < amplitude.length; i++) {
                        amplitude[i] -= drift * cross[i] / xx;
                    }
                }
            }
        }
        if (args.length > 6) {
            attack(marked, payload, RobustnessTable.attacks(args[6]));
        }
    }

    private static void attack(BufferedImage marked, WatermarkPayload payload, List<RealAttacks.Attack> attacks) throws Exception {
        Path dir = Files.createTempDirectory("informed");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Path png = dir.resolve("marked.png");
            ImageIO.write(marked, "png", png.toFile());
            List<Future<String>> cells = new ArrayList<>();
            for (RealAttacks.Attack a : attacks) {
                cells.add(pool.submit(() -> {
                    Detection d = ImageWatermarker.detect(RealAttacks.apply(a, png, Files.createTempDirectory(dir, "a")),
                            RobustnessTable.KEY);
                    boolean exact = d.found() && d.payload().orElseThrow().equals(payload);
                    double bits = d.softBits().length == PayloadCode.CODED_BITS ? PayloadCode.agreement(d.softBits(), payload.toBytes()) : 0;
                    return String.format(Locale.ROOT, "| %s | %s %.0f%% | PNR %.2f |", a.name(), exact ? "✓" : "✗", 100 * bits, d.pnr());
                }));
            }
            int exact = 0;
            for (Future<String> f : cells) {
                String cell = f.get();
                exact += cell.contains("✓") ? 1 : 0;
                System.out.println(cell);
            }
            System.out.println("exact " + exact + " of " + attacks.size());
        } finally {
            pool.shutdown();
            RobustnessTable.deleteTree(dir);
        }
    }
}
