package dev.aigcmark.image.internal.sd;

import dev.aigcmark.image.internal.sd.SdWatermarkDetector.Convention;
import dev.aigcmark.image.internal.sd.SdWatermarkDetector.Payload;
import dev.aigcmark.image.internal.sd.SdWatermarkDetector.Read;
import dev.aigcmark.testing.SharedFiles;
import dev.aigcmark.testing.TestSeed;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The match counts of ../shared/vectors/sd-watermark/README.md, per convention, and the decisions. */
class SdWatermarkDetectorTest {

    static BufferedImage vector(String name) throws IOException {
        return ImageIO.read(SharedFiles.vectors("sd-watermark").resolve(name).toFile());
    }

    static int matching(List<Read> reads, Payload p, Convention c) {
        return reads.stream().filter(r -> r.payload() == p && r.convention() == c && !r.inverted())
                .findFirst().orElseThrow().matching();
    }

    @ParameterizedTest
    @CsvSource({
            "cover_1024_unmarked.png, 28, 24, 32, 20",
            "sdxl_bgr_1024.png, 32, 22, 48, 22",
            "sdxl_rgbswap_1024.png, 24, 34, 31, 48",
            "sdxl_bgr_1024_q95_444.jpg, 32, 23, 48, 21",
    })
    void sdxlMatchCountsEqualTheReadmeTable(String file, int u8Bgr, int u8Swapped, int floatBgr, int floatSwapped) throws IOException {
        List<Read> reads = SdWatermarkDetector.readAll(vector(file));
        assertThat(new int[] {matching(reads, Payload.SDXL, Convention.U8_BGR), matching(reads, Payload.SDXL, Convention.U8_SWAPPED),
                matching(reads, Payload.SDXL, Convention.FLOAT_BGR), matching(reads, Payload.SDXL, Convention.FLOAT_SWAPPED)})
                .containsExactly(u8Bgr, u8Swapped, floatBgr, floatSwapped);
    }

    @Test
    void sdV1MatchCountEqualsTheReadmeTable() throws IOException {
        assertThat(matching(SdWatermarkDetector.readAll(vector("sdv1_512.png")), Payload.SD_V1, Convention.U8_BGR)).isEqualTo(130);
    }

    @ParameterizedTest
    @CsvSource({
            "sdxl_bgr_1024.png, SDXL, FLOAT_BGR",
            "sdxl_rgbswap_1024.png, SDXL, FLOAT_SWAPPED",
            "sdxl_bgr_1024_q95_444.jpg, SDXL, FLOAT_BGR",
            "sdv1_512.png, SD_V1, U8_BGR",
    })
    void markedVectorsAreDetected(String file, Payload payload, Convention convention) throws IOException {
        Read r = SdWatermarkDetector.detect(vector(file)).orElseThrow();
        assertThat(r.payload()).isEqualTo(payload);
        assertThat(r.convention()).isEqualTo(convention);
        assertThat(r.pValue()).isLessThan(SdWatermarkDetector.FAMILY_ALPHA);
    }

    @Test
    void coverIsNotDetected() throws IOException {
        assertThat(SdWatermarkDetector.detect(vector("cover_1024_unmarked.png"))).isEmpty();
    }

    @Test
    void binomialTailIsExactForSmallCases() {
        assertThat(SdWatermarkDetector.tail(48, 48)).isEqualTo(Math.pow(2, -48), Offset.offset(1e-20));
        assertThat(SdWatermarkDetector.tail(0, 10)).isEqualTo(1.0, Offset.offset(1e-12));
        assertThat(SdWatermarkDetector.tail(9, 10)).isEqualTo(11 / 1024.0, Offset.offset(1e-12));
    }

    @Test
    void bitsAreDecidedAsThePlainMeanPerResidue() {
        Random random = TestSeed.random("SdWatermarkDetectorTest.decide");
        for (int n : new int[] {0, 1, 7, 47, 48, 49, 135, 32400, 32401, 65536}) {
            boolean[] votes = new boolean[n];
            for (int i = 0; i < n; i++) {
                votes[i] = random.nextInt(100) < 50 + (i % 3) - 1; // a little bias, so both sides of 127/255 occur
            }
            for (Payload p : Payload.values()) {
                assertThat(SdWatermarkDetector.decide(votes, p.length())).as("n=%d %s", n, p)
                        .isEqualTo(plainDecide(votes, p.length()));
            }
            assertThat(SdWatermarkDetector.decide(votes, 5)).as("n=%d L=5", n).isEqualTo(plainDecide(votes, 5));
        }
        // every vote equal: bits are all ones or all zeros
        boolean[] ones = new boolean[1000];
        java.util.Arrays.fill(ones, true);
        assertThat(SdWatermarkDetector.decide(ones, 48)).doesNotContain(false);
        assertThat(SdWatermarkDetector.decide(new boolean[1000], 48)).doesNotContain(true);
    }

    /** The library's decision written out plainly: the mean of the votes k ≡ j mod L, times 255, above 127. */
    private static boolean[] plainDecide(boolean[] votes, int length) {
        boolean[] bits = new boolean[length];
        for (int j = 0; j < length; j++) {
            int ones = 0;
            int count = 0;
            for (int k = j; k < votes.length; k += length) {
                count++;
                ones += votes[k] ? 1 : 0;
            }
            bits[j] = count > 0 && (double) ones / count * 255 > 127;
        }
        return bits;
    }
}
