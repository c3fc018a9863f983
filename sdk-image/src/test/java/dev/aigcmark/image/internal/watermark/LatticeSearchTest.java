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
 * {@link Lattice#candidates}: the blind search proposes a turned lattice whose period is near its shortest,
 * {@link Lattice#MIN_LAG} working samples, in working-plane samples, accurately enough to decode. The search runs on
 * the 2×2-halved plane ({@link Lattice#SEARCH_HALVING}): with its shortest period taken as MIN_LAG halved samples, or
 * its bases handed out unscaled, this fails.
 */
class LatticeSearchTest {
    private static final WatermarkKey KEY = new WatermarkKey(0x0C0D, "lattice-search-test-key".getBytes(StandardCharsets.US_ASCII));

    @Test
    void aTurnedAndShrunkMarkWithAPeriodNearTheShortestIsFoundAndDecoded() {
        Random rnd = TestSeed.random("LatticeSearchTest.cover");
        BufferedImage cover = TestImages.generate(6 * rnd.nextInt(1000) + 5, 1024, 768); // a "mixed" cover
        WatermarkPayload payload = WatermarkPayload.of(KEY, rnd.nextInt(1 << 20));
        BufferedImage marked = ImageWatermarker.embed(cover, KEY, payload.toBytes());
        double degrees = (2 + 2 * rnd.nextDouble()) * (rnd.nextBoolean() ? 1 : -1);
        // turned, its borders cropped, then shrunk to 0.27×: the 205 px period becomes about 55 px of a plane
        // 190 px high (working plane = picture), under twice MIN_LAG: under MIN_LAG samples of the halved plane the
        // search reads. No nominal hypothesis lands on a turned lattice: the search must propose it.
        BufferedImage attacked = Attacks.resize(turnAndCrop(marked, degrees), 0.27);
        double expected = 0.27 * TileGeometry.period(1024, 768);
        assertThat(expected).isLessThan(2 * Lattice.MIN_LAG);

        Detection d = ImageWatermarker.detect(attacked, KEY);

        assertThat(d.payload()).contains(payload);
        assertThat(d.period() / expected).isCloseTo(1, offset(0.02));
        assertThat(Math.abs(d.rotation())).isCloseTo(Math.abs(degrees), offset(0.3));
    }

    /** The picture turned about its centre (bicubic), cropped to the largest centred rectangle with no border. */
    static BufferedImage turnAndCrop(BufferedImage img, double degrees) {
        int w = img.getWidth();
        int h = img.getHeight();
        double t = Math.toRadians(Math.abs(degrees));
        int cw = (int) ((w * Math.cos(t) - h * Math.sin(t)) / Math.cos(2 * t));
        int ch = (int) ((h * Math.cos(t) - w * Math.sin(t)) / Math.cos(2 * t));
        BufferedImage out = new BufferedImage(cw, ch, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.translate(cw / 2.0, ch / 2.0);
        g.rotate(Math.toRadians(degrees));
        g.drawImage(img, -w / 2, -h / 2, null);
        g.dispose();
        return out;
    }
}
