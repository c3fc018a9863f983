package dev.aigcmark.image.watermark;

import dev.aigcmark.core.watermark.PayloadCode;
import dev.aigcmark.core.watermark.WatermarkPayload;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;

class DebugTmpTest {
    @Test
    void debug() {
        for (int i : new int[] {2, 8, 1, 0}) {
            BufferedImage cover = TestImages.generate(i, 512, 384);
            WatermarkPayload payload = WatermarkPayload.of(WatermarkRobustnessTest.KEY, 1000 + i);
            BufferedImage marked = ImageWatermarker.embed(cover, WatermarkRobustnessTest.KEY, payload.toBytes());
            for (BufferedImage img : new BufferedImage[] {marked, Attacks.jpeg(marked, 0.5f)}) {
                int w = img.getWidth(), h = img.getHeight();
                byte[] y = ImageWatermarker.luma(img.getRGB(0, 0, w, h, null, 0, w));
                byte[] y0 = ImageWatermarker.luma(cover.getRGB(0, 0, w, h, null, 0, w));
                int diff = 0; for (int k = 0; k < y.length; k++) diff += Math.abs((y[k]&0xFF)-(y0[k]&0xFF));
                Analysis a = new Analysis(Whitening.whiten(y, w, h, w), w, h);
                WatermarkPattern p = WatermarkPattern.of(WatermarkRobustnessTest.KEY);
                double[] f = a.fold(1.0, 0, 0, w, h);
                Analysis.Sync s = Analysis.sync(f, p);
                float[] soft = p.softBits(Analysis.align(f, 0, 0));
                int[] code = PayloadCode.encode(payload.toBytes());
                double m = 0; for (int k = 0; k < code.length; k++) m += soft[k] * code[k];
                System.out.printf("img %d %s meanAbsDiff %.2f pnr %.2f at %d,%d  soft·code mean %.2f agree %.2f%n", i, TestImages.kind(i),
                        diff / (double) y.length, s.pnr(), s.dx(), s.dy(), m / code.length, PayloadCode.agreement(soft, payload.toBytes()));
            }
        }
    }
}
