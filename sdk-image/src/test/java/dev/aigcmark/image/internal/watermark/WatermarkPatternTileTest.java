package dev.aigcmark.image.internal.watermark;

import dev.aigcmark.core.identity.WatermarkKey;
import dev.aigcmark.core.internal.watermark.PayloadCode;
import dev.aigcmark.testing.TestSeed;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedding tile's blur computes the horizontal pass once per run of equal rows (a chip tile's rows come in
 * fours): it must give the very doubles of the plain blur, since every embedded pixel is rounded from them.
 */
class WatermarkPatternTileTest {
    @Test
    void theBlurOfAChipTileEqualsThePlainBlurBitForBit() {
        Random random = TestSeed.random("WatermarkPatternTileTest.chips");
        for (int round = 0; round < 4; round++) {
            double[] chips = new double[WatermarkPattern.CHIPS * WatermarkPattern.CHIPS];
            for (int c = 0; c < chips.length; c++) {
                chips[c] = random.nextGaussian();
            }
            double[] tile = new double[WatermarkPattern.AREA];
            for (int p = 0; p < tile.length; p++) {
                tile[p] = chips[WatermarkPattern.chipOf(p)];
            }
            assertThat(WatermarkPattern.gaussian(tile, WatermarkPattern.SAMPLES_PER_CHIP))
                    .isEqualTo(WatermarkPattern.gaussian(tile));
        }
    }

    /** The tile of a key and payload, as the embedder draws it, against the same tile blurred the plain way. */
    @Test
    void anEmbeddingTileIsThePlainlyBlurredChipSum() {
        Random random = TestSeed.random("WatermarkPatternTileTest.tile");
        byte[] key = new byte[32];
        random.nextBytes(key);
        WatermarkPattern pattern = new WatermarkPattern(new WatermarkKey(3, key));
        byte[] payload = new byte[8];
        random.nextBytes(payload);
        int[] code = PayloadCode.encode(payload);
        double[] raw = new double[WatermarkPattern.AREA];
        for (int p = 0; p < raw.length; p++) {
            int c = WatermarkPattern.chipOf(p);
            raw[p] = Math.sqrt(0.2) * pattern.syncChip[c] + Math.sqrt(0.8) * code[pattern.bitOfChip[c]] * pattern.dataSign[c];
        }
        double[] expected = WatermarkPattern.gaussian(raw);
        double energy = 0;
        for (double v : expected) {
            energy += v * v;
        }
        double norm = Math.sqrt(WatermarkPattern.AREA / energy);
        for (int p = 0; p < expected.length; p++) {
            expected[p] *= norm;
        }
        assertThat(pattern.tile(code)).isEqualTo(expected);
    }
}
