package dev.aigcmark.image.internal.sd;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.image.internal.PackedRgb;
import dev.aigcmark.image.internal.container.Rasters;
import dev.aigcmark.image.internal.sd.SdWatermarkDetector.Convention;
import dev.aigcmark.testing.SharedFiles;
import dev.aigcmark.testing.TestSeed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one-pass votes (sums over 2x2 pixels, exact recomputation near a decision edge) equal the library's
 * per-pixel arithmetic block for block, on the marked vectors, real photos, noise and flat colours (whose
 * blocks sit on decision edges, so the exact recomputation is what decides them).
 */
class SdVotesTest {

    @ParameterizedTest
    @ValueSource(strings = {"sdxl_bgr_1024.png", "sdxl_rgbswap_1024.png", "sdxl_bgr_1024_q95_444.jpg", "sdv1_512.png",
            "cover_1024_unmarked.png"})
    void markedVectorsVoteAsTheLibrary(String name) throws IOException {
        assertSameVotes(SdWatermarkDetectorTest.vector(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"adobe-20220124-I.jpg", "truepic-20230212-landscape.jpg"})
    void realPhotosVoteAsTheLibrary(String name) throws IOException {
        Path file = SharedFiles.vectors("photos").resolve(name);
        BufferedImage photo = ImageIO.read(file.toFile());
        assertThat(photo.getType()).isEqualTo(BufferedImage.TYPE_3BYTE_BGR); // the in-place JPEG path
        assertSameVotes(photo);
        // the verifier's view of the same file: R, G, B byte order, read in place too
        BufferedImage view = Rasters.lazy(Files.readAllBytes(file), ReadLimits.defaults()).get().image();
        assertThat(PackedRgb.of(view)).hasValueSatisfying(p -> assertThat(p.redAt()).isZero());
        assertSameVotes(view);
        assertThat(SdVotes.of(view).all()).isDeepEqualTo(SdVotes.of(photo).all());
    }

    @Test
    void noiseVotesAsTheLibraryInEveryLayout() {
        Random random = TestSeed.random("SdVotesTest.noise");
        int w = 517;
        int h = 389;
        int[] argb = new int[w * h];
        for (int i = 0; i < argb.length; i++) {
            argb[i] = 0xFF000000 | random.nextInt(1 << 24);
        }
        BufferedImage rgb = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        rgb.setRGB(0, 0, w, h, argb, 0, w);
        BufferedImage bgr = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        bgr.setRGB(0, 0, w, h, argb, 0, w);
        assertSameVotes(rgb);
        assertSameVotes(bgr);
        assertThat(SdVotes.of(bgr).all()).isDeepEqualTo(SdVotes.of(rgb).all());
    }

    @Test
    void flatColoursOnDecisionEdgesVoteAsTheLibrary() {
        int edges = 0;
        for (int r = 0; r < 256; r += 15) {
            for (int g = 0; g < 256; g += 51) {
                for (int b = 0; b < 256; b += 17) {
                    int[] argb = new int[16 * 16];
                    Arrays.fill(argb, 0xFF000000 | r << 16 | g << 8 | b);
                    SdVotes votes = SdVotes.of(argb, 16, 16);
                    boolean[][] fast = votes.all();
                    for (Convention c : Convention.values()) {
                        assertThat(fast[c.ordinal()]).as("colour %d,%d,%d %s", r, g, b, c).isEqualTo(votes.exact(c));
                    }
                    // a flat block's LL is 2U: on an edge when 2U is a multiple of 18
                    int u = (((b - ((r * 4899 + g * 9617 + b * 1868 + 8192) >> 14)) * 8061) + 2105344) >> 14;
                    edges += (2 * u) % 18 == 0 ? 1 : 0;
                }
            }
        }
        assertThat(edges).as("colours whose 8-bit vote is decided by the exact recomputation").isGreaterThan(5);
    }

    /**
     * Low-contrast noise around seeded colours: a block's coefficients then lie within a few levels of each other, so
     * which of them the exact recomputation looks at ({@link SdVotes#U8_SPAN} below the largest) decides the 8-bit
     * votes near an edge. Every vote is the library's; with a tenth of the span some are not (the span is a
     * conservative bound: with half of it these images, the photos and the vectors still vote as the library).
     */
    @Test
    void lowContrastNoiseVotesAsTheLibrary() {
        Random random = TestSeed.random("SdVotesTest.lowContrast");
        int w = 96;
        int h = 64;
        for (int image = 0; image < 60; image++) {
            int r = random.nextInt(256);
            int g = random.nextInt(256);
            int b = random.nextInt(256);
            int amplitude = 1 + random.nextInt(4);
            int[] argb = new int[w * h];
            for (int i = 0; i < argb.length; i++) {
                argb[i] = 0xFF000000 | jitter(r, amplitude, random) << 16 | jitter(g, amplitude, random) << 8
                        | jitter(b, amplitude, random);
            }
            SdVotes votes = SdVotes.of(argb, w, h);
            boolean[][] fast = votes.all();
            for (Convention c : Convention.values()) {
                assertThat(fast[c.ordinal()]).as("image %d (%d,%d,%d ± %d) %s", image, r, g, b, amplitude, c)
                        .isEqualTo(votes.exact(c));
            }
        }
    }

    private static int jitter(int value, int amplitude, Random random) {
        return Math.max(0, Math.min(255, value + random.nextInt(2 * amplitude + 1) - amplitude));
    }

    private static void assertSameVotes(BufferedImage image) {
        SdVotes votes = SdVotes.of(image);
        boolean[][] fast = votes.all();
        for (Convention c : Convention.values()) {
            assertThat(fast[c.ordinal()]).as(c.label).isEqualTo(votes.exact(c));
        }
    }
}
