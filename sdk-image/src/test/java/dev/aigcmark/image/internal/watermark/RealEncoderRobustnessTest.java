package dev.aigcmark.image.internal.watermark;

import dev.aigcmark.testing.SharedFiles;
import dev.aigcmark.testing.ExternalTools;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deterministic subset of the robustness table that {@code mvn verify} runs ({@link RobustnessTable}; the
 * full 70-attack × 12-cover table is behind the {@code watermark-table} profile, its result in
 * {@code docs/watermark-robustness.md}). Every attack is applied by the real external tool (ffmpeg
 * mjpeg/libx264/swscale/filters, cjpeg, cwebp) with the metadata stripped by exiftool after it. 29 cells chosen
 * so that every attack family is hit at its hardest setting on the cover where it is tight:
 * <ul>
 * <li>the ffmpeg {@code testsrc2} 1080p frame: the seven attacks that lost the v1 mark in the report;</li>
 * <li>the 1024×683 camera photo adobe-A: codecs at their lowest quality, 0.3× downscale, rotation, mirror and
 * crops to 40 % at two offsets;</li>
 * <li>the busy stone-texture photo adobe-I (1024×759, the lowest margins of the corpus): the photometric and
 * geometric attacks it survives (its crop to 40 % needs the linear autocorrelation of {@link Lattice}), x264
 * CRF 35, a crop to 50 % scaled 0.5× and cjpeg 60 (a tile period no lattice search proposed, found by the upright
 * candidates), and contrast 1.4 — a miss until session 9 — exact and also held to a floor on the coded bits read right
 * so that its thin margin cannot erode unnoticed.</li>
 * </ul>
 * Only 1 MP-class covers: the 12 MP photos and their crops are in the full table.
 */
class RealEncoderRobustnessTest {
    static final List<String> TESTSRC2 = List.of("ffmpeg mjpeg -q:v 15", "cjpeg -quality 30 4:2:0", "cwebp -q 30",
            "x264 CRF 35 (one frame)", "swscale bilinear 0.3x", "crop 40% area at (1,1)", "crop 70% + 0.6x + mjpeg -q:v 8");
    static final List<String> PHOTO = List.of("ffmpeg mjpeg -q:v 15", "cjpeg -quality 30 4:2:0", "x264 CRF 35 (one frame)",
            "swscale bilinear 0.3x", "rotate -5° + border crop", "mirror", "crop 40% area at (1,1)",
            "crop 40% area at (0.13,0.71)");
    static final List<String> BUSY_PHOTO = List.of("cwebp -q 30", "swscale lanczos 2.0x", "aspect 0.9×1.0",
            "rotate 5° + border crop", "crop 40% area at (0.13,0.71)", "brightness -30%", "contrast 0.6", "Gaussian blur σ 1.2",
            "screenshot (0.8x bilinear, PNG)",
            // missed before the detector weighted blocks by m^-1.5 and erased clipped ones (Whitening): 80 %, 50 %, 84 %
            "x264 CRF 35 (one frame)", "crop 40% area at (1,1)", "gamma 0.7",
            // sync lost before the upright lattices scored by the key's coarse sync (LumaDetector.UPRIGHT): 45 %
            "crop 50% + 0.5x + cjpeg 60");
    /**
     * The busy photo's tightest cell: the contrast stretch clips the dark window, where the luminance mask put much of
     * the mark, to black. Missed until session 8 (84 % of the coded bits right, 81 % before session 7's flattened soft
     * bits); exact since session 9 weights each whitened block by its unclipped share (85 % measured, sync PNR 5.7).
     * Asserted exact like the others, and its bits held to a floor (one bit ≈ 0.006 under the 0.855 measured) so that
     * the margin cannot erode unnoticed.
     */
    static final String BUSY_TIGHT = "contrast 1.4";
    static final double BUSY_TIGHT_BITS_FLOOR = 0.84;

    static RobustnessTable.Result result;
    static String testsrc2;
    static String photo;
    static String busy;

    @BeforeAll
    static void run() {
        RealAttacks.TOOLS.forEach(ExternalTools::assumeTool);
        SharedFiles.assumeVectors("photos");
        List<Corpus.Cover> photos = Corpus.photoCovers();
        Corpus.Cover frame = Corpus.syntheticCovers().get(0);
        testsrc2 = frame.name();
        photo = photos.get(0).name();
        busy = photos.get(1).name();
        List<String> busyAttacks = new ArrayList<>(BUSY_PHOTO);
        busyAttacks.add(BUSY_TIGHT);
        result = RobustnessTable.run(List.of(
                new RobustnessTable.Plan(frame, RealAttacks.named(TESTSRC2.toArray(String[]::new))),
                new RobustnessTable.Plan(photos.get(0), RealAttacks.named(PHOTO.toArray(String[]::new))),
                new RobustnessTable.Plan(photos.get(1), RealAttacks.named(busyAttacks.toArray(String[]::new)))), 2);
        System.out.println(RobustnessTable.markdown(result));
    }

    @Test
    void payloadIsExactAfterEveryAttackTheCoverSurvivesToday() {
        assertThat(result.cells()).hasSize(TESTSRC2.size() + PHOTO.size() + BUSY_PHOTO.size() + 1);
        assertThat(result.cells())
                .allSatisfy(c -> assertThat(c.exact()).as("%s / %s: %s, %.0f %% of bits", c.cover(), c.attack(), c.geometry(),
                        100 * c.bitsRight()).isTrue());
    }

    @Test
    void busyPhotoKeepsItsMarginUnderContrastStretch() {
        RobustnessTable.Cell c = result.cell(busy, BUSY_TIGHT);
        assertThat(c.bitsRight()).as("share of coded bits right").isGreaterThanOrEqualTo(BUSY_TIGHT_BITS_FLOOR);
    }

    @Test
    void markIsInvisibleByPsnrAndSsim() {
        assertThat(result.covers()).hasSize(3).allSatisfy(q -> {
            assertThat(q.psnr()).as(q.cover()).isGreaterThanOrEqualTo(40.0);
            assertThat(q.ssim()).as(q.cover()).isGreaterThanOrEqualTo(0.98);
        });
    }

    @Test
    void geometryIsReported() {
        RobustnessTable.Cell mirror = result.cell(photo, "mirror");
        assertThat(mirror.mirrored()).isTrue();
        RobustnessTable.Cell rotated = result.cell(photo, "rotate -5° + border crop");
        assertThat(rotated.mirrored()).isFalse();
        assertThat(rotated.rotation()).isCloseTo(5.0, Offset.offset(0.15));
        assertThat(result.cell(busy, "rotate 5° + border crop").rotation()).isCloseTo(-5.0, Offset.offset(0.25));
    }
}
