package dev.aigcmark.image.internal.watermark;

import dev.aigcmark.core.internal.watermark.PayloadCode;
import dev.aigcmark.core.internal.watermark.WatermarkPayload;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where a cover's mark sits by tone, and what a contrast stretch leaves of it: for each {@link Corpus} cover whose
 * name matches the argument, the share of the mask's mark energy ({@link EmbedMask} gains² over the blocks) per
 * band of block mean luma; then, for ffmpeg's {@code eq=contrast=0.6} and {@code 1.4} applied to the marked cover
 * as the table applies them ({@link RealAttacks}), the share of pixels driven to black or white, the marked luma
 * where that starts, and the detection (exact, coded bits right, sync PNR); and the same read in memory at the
 * identity geometry through {@link #contrast}, the tone curve of ffmpeg's filter, so an embedder change can be
 * judged without the external tools. Not a test: the figures it prints are the diagnosis of the adobe-I
 * contrast-1.4 cell in docs/watermark-robustness.md ("Measured changes").
 * <pre>java -cp sdk-image/target/test-classes:... dev.aigcmark.image.internal.watermark.ToneClipDiagnosis 'adobe-20220124-I'</pre>
 */
public final class ToneClipDiagnosis {
    private static final int[] BANDS = {0, 24, 38, 64, 128, 192, 219, 256};

    private ToneClipDiagnosis() {
    }

    public static void main(String[] args) throws IOException {
        String which = args.length > 0 ? args[0] : "adobe-20220124-I";
        for (Corpus.Cover cover : Corpus.photoCovers()) {
            if (cover.name().matches(which)) {
                diagnose(cover);
            }
        }
    }

    private static void diagnose(Corpus.Cover cover) throws IOException {
        BufferedImage original = cover.image().get();
        int w = original.getWidth();
        int h = original.getHeight();
        byte[] luma = ImageWatermarker.luma(original.getRGB(0, 0, w, h, null, 0, w));
        EmbedMask mask = new EmbedMask();
        mask.update(luma, w, h, w, LumaWatermarker.DEFAULT_STRENGTH);
        double[] energy = new double[BANDS.length - 1];
        int[] blocks = new int[BANDS.length - 1];
        double total = 0;
        for (int by = 0; by < mask.blocksY; by++) {
            for (int bx = 0; bx < mask.blocksX; bx++) {
                double sum = 0;
                int n = 0;
                for (int y = by * 8; y < Math.min(h, by * 8 + 8); y++) {
                    for (int x = bx * 8; x < Math.min(w, bx * 8 + 8); x++) {
                        sum += luma[y * w + x] & 0xFF;
                        n++;
                    }
                }
                double g = mask.gains[by * mask.blocksX + bx];
                int band = 0;
                while (sum / n >= BANDS[band + 1]) {
                    band++;
                }
                energy[band] += g * g * n;
                blocks[band]++;
                total += g * g * n;
            }
        }
        System.out.printf(Locale.ROOT, "%s (%d×%d)%n", cover.name(), w, h);
        int all = mask.blocksX * mask.blocksY;
        for (int b = 0; b < energy.length; b++) {
            System.out.printf(Locale.ROOT, "  block mean luma [%3d, %3d): %5.1f %% of blocks, %5.1f %% of the mark's energy%n",
                    BANDS[b], BANDS[b + 1], 100.0 * blocks[b] / all, 100 * energy[b] / total);
        }
        WatermarkPayload payload = RobustnessTable.payloadFor(cover);
        BufferedImage marked = ImageWatermarker.embed(original, RobustnessTable.KEY, payload.toBytes());
        byte[] markedLuma = ImageWatermarker.luma(marked.getRGB(0, 0, w, h, null, 0, w));
        Path dir = Files.createTempDirectory("tone-clip");
        try {
            Path png = dir.resolve("marked.png");
            ImageIO.write(marked, "png", png.toFile());
            for (double c : new double[] {0.6, 1.4}) {
                BufferedImage attacked = RealAttacks.apply(RealAttacks.named("contrast " + c).get(0), png,
                        Files.createTempDirectory(dir, "a"));
                byte[] a = ImageWatermarker.luma(attacked.getRGB(0, 0, w, h, null, 0, w));
                int black = 0;
                int white = 0;
                int blackUpTo = -1;
                int whiteFrom = 256;
                for (int i = 0; i < a.length; i++) {
                    int m = markedLuma[i] & 0xFF;
                    if ((a[i] & 0xFF) <= 2) {
                        black++;
                        blackUpTo = Math.max(blackUpTo, m);
                    } else if ((a[i] & 0xFF) >= 253) {
                        white++;
                        whiteFrom = Math.min(whiteFrom, m);
                    }
                }
                Detection d = ImageWatermarker.detect(attacked, RobustnessTable.KEY);
                float[] memory = identityRead(contrast(markedLuma, c), w, h);
                System.out.printf(Locale.ROOT, "  contrast %.1f (ffmpeg): %.1f %% of pixels black (marked luma ≤ %d), %.1f %% white (≥ %d);"
                        + " %s, %.1f %% of coded bits, PNR %.2f; in memory at the identity geometry: %.1f %% of coded bits%n",
                        c, 100.0 * black / a.length, blackUpTo, 100.0 * white / a.length, whiteFrom,
                        d.found() && d.payload().orElseThrow().equals(payload) ? "exact" : "missed",
                        100 * PayloadCode.agreement(d.softBits(), payload.toBytes()), d.pnr(),
                        100 * PayloadCode.agreement(memory, payload.toBytes()));
            }
        } finally {
            RobustnessTable.deleteTree(dir);
        }
    }

    /**
     * ffmpeg's {@code eq=contrast=c} on a full-range luma plane: the filter stretches limited-range Y about 128
     * and the RGB conversion back clips what leaves [16, 235], so full-range luma below ≈ 37 (c = 1.4) goes to
     * black and above ≈ 219 to white.
     */
    static byte[] contrast(byte[] luma, double c) {
        byte[] out = new byte[luma.length];
        for (int i = 0; i < luma.length; i++) {
            double y = 16 + 219 * (luma[i] & 0xFF) / 255.0;
            double full = ((y - 128) * c + 128 - 16) * 255 / 219.0;
            out[i] = (byte) Math.max(0, Math.min(255, Math.round(full)));
        }
        return out;
    }

    /** Soft bits read at the geometry the embedder drew (nominal period, upright, origin at the top-left). */
    static float[] identityRead(byte[] luma, int w, int h) {
        WorkingPlane plane = WorkingPlane.of(luma, w, h, w, WorkingPlane.SHORT_SIDE);
        double period = TileGeometry.period(w, h) / plane.factor;
        Analysis a = new Analysis(plane, new Lattice.Basis(period, 0, 0, period, 0));
        WatermarkPattern pattern = WatermarkPattern.of(RobustnessTable.KEY);
        return a.miss(a.sync(pattern), pattern).softBits();
    }
}
