package dev.aigcmark.image.internal.watermark;

import dev.aigcmark.core.internal.watermark.PayloadCode;
import dev.aigcmark.core.internal.watermark.WatermarkPayload;
import dev.aigcmark.testing.ExternalTools;
import dev.aigcmark.testing.SharedFiles;
import dev.aigcmark.testing.TestSeed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Small rotations of the 12 MP camera original, through ffmpeg as the robustness table applies them. Above the chip cap
 * ({@link TileGeometry#MAX_CHIP}) its 403 px tile is 53.5 working samples, and a rotation by 1–2° moves the tile's
 * vectors by less than 2 samples: {@link Lattice}'s candidates dropped the (correctly found) rotated lattice as a copy
 * of the upright nominal one, and the mark was lost (session 8's 12MP-CAMERA-CAP table: rotate ±2° 47–49 % of the coded
 * bits; rotate 2° + crop + mjpeg q:v 5 49 %). Two cells: the table's combined one (fixed) and a rotation the seed draws
 * in 1.3–2.1° of the other sign (measured before the fix: −1.2°, −1.8°, −2° and 1.8° lost; after it every angle of
 * ±{1.2, 1.3, …, 2.2}° read). Only the payload is asserted: the rotation reported is that of the hypothesis that decoded,
 * which could be the nominal one fitted part of the way to the turn (seed 20261205: −1.5° reported as 0.49°, 94 % of the
 * coded bits, exact; with the nominal lattice refitted from its nearest points outwards, session 15, 1.50° and 100 %,
 * {@link NominalLatticeRotationTest}).
 */
class LargePhotoRotationTest {
    @TempDir
    Path dir;

    @Test
    void rotationsByAboutTwoDegreesOfThe12MpCameraOriginalAreRead() throws IOException {
        List.of("ffmpeg", "exiftool").forEach(ExternalTools::assumeTool);
        SharedFiles.assumeVectors("photos");
        Corpus.Cover camera = Corpus.photoCovers().stream().filter(c -> c.name().equals("truepic-20230212-camera"))
                .findFirst().orElseThrow();
        Random rnd = TestSeed.random("LargePhotoRotationTest");
        WatermarkPayload payload = WatermarkPayload.of(RobustnessTable.KEY, rnd.nextInt(1 << 24));
        double degrees = -Math.round(10 * (1.3 + 0.8 * rnd.nextDouble())) / 10.0;
        BufferedImage original = camera.image().get();
        assertThat(PreparedWatermark.period(original.getWidth(), original.getHeight())).isEqualTo(403);
        Path png = dir.resolve("marked.png");
        ImageIO.write(ImageWatermarker.embed(original, RobustnessTable.KEY, payload.toBytes()), "png", png.toFile());

        List<RealAttacks.Attack> attacks = List.of(RealAttacks.named("rotate 2° + crop + mjpeg -q:v 5").get(0),
                new RealAttacks.Attack(String.format(Locale.ROOT, "rotate %.1f° + border crop", degrees), "geometry",
                        (in, out) -> RealAttacks.ffmpegPng(in, out, RealAttacks.rotate(degrees))));
        for (int i = 0; i < attacks.size(); i++) {
            Path work = dir.resolve("a" + i);
            java.nio.file.Files.createDirectories(work);
            Detection d = ImageWatermarker.detect(RealAttacks.apply(attacks.get(i), png, work), RobustnessTable.KEY);
            double bits = d.softBits().length == PayloadCode.CODED_BITS ? PayloadCode.agreement(d.softBits(), payload.toBytes()) : 0;
            String cell = String.format(Locale.ROOT, "%s: P %.1f, rot %.2f°, PNR %.2f, %.0f %% of bits", attacks.get(i).name(),
                    d.period(), d.rotation(), d.pnr(), 100 * bits);
            System.out.println("12 MP camera " + cell);
            assertThat(d.payload()).as(cell).contains(payload);
            assertThat(d.mirrored()).as(cell).isFalse();
        }
    }
}
