package dev.aigcmark.image.internal.container;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.image.internal.PackedRgb;
import dev.aigcmark.testing.ExternalTools;
import dev.aigcmark.testing.SharedFiles;
import dev.aigcmark.testing.TestSeed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The detectors' view of a JPEG (decoded straight into R, G, B byte order) holds the very pixels
 * {@code ImageIO.read} gives, on real photos (with and without an sRGB profile) and on JPEGs made by libjpeg's
 * {@code cjpeg} in the layouts it writes (4:2:0, 4:4:4, progressive, grey); colour JPEGs take the packed R, G, B
 * layout, so the reader's per-pixel reordering is really skipped.
 */
class RastersDetectorViewTest {

    @ParameterizedTest
    @ValueSource(strings = {"adobe-20220124-A.jpg", "adobe-20220124-I.jpg", "truepic-20230212-landscape.jpg"})
    void realPhotosDecodeToTheSamePixels(String name) throws IOException {
        byte[] file = Files.readAllBytes(SharedFiles.assumeVectors("photos").resolve(name));
        assertSamePixels(file);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-sample 2x2", "-sample 1x1", "-sample 2x1 -progressive", "-grayscale", "-quality 40 -optimize"})
    void cjpegLayoutsDecodeToTheSamePixels(String options, @TempDir Path dir) throws IOException {
        ExternalTools.assumeTool("cjpeg");
        Path ppm = dir.resolve("in.ppm");
        Files.write(ppm, ppm(TestSeed.random("RastersDetectorViewTest." + options), 333, 217));
        Path jpg = dir.resolve("out.jpg");
        List<String> cmd = new ArrayList<>(List.of("cjpeg"));
        cmd.addAll(List.of(options.split(" ")));
        cmd.addAll(List.of("-outfile", jpg.toString(), ppm.toString()));
        ExternalTools.run(cmd).requireSuccess();
        BufferedImage view = assertSamePixels(Files.readAllBytes(jpg));
        if (options.equals("-grayscale")) {
            assertThat(view.getType()).as("a grey JPEG keeps ImageIO's own layout").isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
        }
    }

    @Test
    void imageIoJpegDecodesToTheSamePixels() throws IOException {
        Random random = TestSeed.random("RastersDetectorViewTest.imageio");
        BufferedImage image = new BufferedImage(640, 360, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 360; y++) {
            for (int x = 0; x < 640; x++) {
                image.setRGB(x, y, (x * 255 / 640) << 16 | (y * 255 / 360) << 8 | random.nextInt(256));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpeg", out);
        assertSamePixels(out.toByteArray());
    }

    /** The view's pixels equal ImageIO's; a colour JPEG without a profile comes as packed R, G, B. Returns the view. */
    private static BufferedImage assertSamePixels(byte[] file) throws IOException {
        BufferedImage reference = ImageIO.read(new ByteArrayInputStream(file));
        BufferedImage view = Rasters.lazy(file, ReadLimits.defaults()).get().image();
        int w = reference.getWidth();
        int h = reference.getHeight();
        assertThat(view.getWidth()).isEqualTo(w);
        assertThat(view.getHeight()).isEqualTo(h);
        assertThat(view.getRGB(0, 0, w, h, null, 0, w)).as("pixels").isEqualTo(reference.getRGB(0, 0, w, h, null, 0, w));
        if (reference.getType() == BufferedImage.TYPE_3BYTE_BGR) {
            assertThat(PackedRgb.of(view)).as("decoded into R, G, B order").hasValueSatisfying(p -> {
                assertThat(p.redAt()).isZero();
                assertThat(p.argb()).isEqualTo(reference.getRGB(0, 0, w, h, null, 0, w));
            });
        }
        return view;
    }

    private static byte[] ppm(Random random, int w, int h) {
        byte[] header = ("P6\n" + w + " " + h + "\n255\n").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[header.length + 3 * w * h];
        System.arraycopy(header, 0, out, 0, header.length);
        for (int y = 0, i = header.length; y < h; y++) {
            for (int x = 0; x < w; x++, i += 3) {
                out[i] = (byte) (x * 255 / w);
                out[i + 1] = (byte) (y * 255 / h);
                out[i + 2] = (byte) random.nextInt(256);
            }
        }
        return out;
    }
}
