package dev.aigcmark.bench;

import dev.aigcmark.core.MarkIntent;
import dev.aigcmark.core.Marker;
import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.image.internal.container.JpegStructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Image marking's baseline is the marker's own decode + encode: a JPEG comes out of it with the quantisation tables and
 * chroma sampling the marker writes (the original's quality, not a fixed one), written durably like the mark.
 */
class MarkerCodecBaselineTest {
    @TempDir
    Path dir;

    @Test
    void encodesAtTheQualityAndSamplingTheMarkerKeeps() throws IOException {
        Path source = Files.write(dir.resolve("q70.jpg"), jpeg(picture(640, 480), 0.70f));
        Path baseline = dir.resolve("baseline.jpg");
        Path marked = dir.resolve("marked.jpg");
        SdkContext context = BenchFiles.context(dir.resolve("home"));
        new Marker(context).mark(source, marked, MarkIntent.builder().build());

        MarkerCodecBaseline.run(source, baseline, context.limits());

        assertThat(segments(baseline, 0xDB)).as("quantisation tables").isEqualTo(segments(marked, 0xDB))
                .isEqualTo(segments(source, 0xDB));
        assertThat(segments(baseline, 0xC0)).as("frame header: size, components, sampling")
                .isEqualTo(segments(marked, 0xC0));
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no temporary file left")
                    .noneMatch(n -> n.endsWith(".part"));
        }
    }

    /** The payloads of every segment with {@code marker}, in file order. */
    private static List<String> segments(Path file, int marker) throws IOException {
        byte[] b = Files.readAllBytes(file);
        List<String> out = new ArrayList<>();
        for (JpegStructure.Segment s : JpegStructure.parse(b, ReadLimits.defaults(), new ArrayList<>()).segments()) {
            if (s.marker() == marker) {
                out.add(Arrays.toString(Arrays.copyOfRange(b, s.dataOffset(), s.end())));
            }
        }
        assertThat(out).as("segments 0x%X in %s", marker, file).isNotEmpty();
        return out;
    }

    /** Smooth gradients with fine stripes: a picture with texture for the watermark, the same every run. */
    private static BufferedImage picture(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int v = (x * 255 / w + ((x * 7 + y * 3) % 23)) & 0xFF;
                img.setRGB(x, y, (v << 16) | ((y * 255 / h) << 8) | ((v + y) / 2 & 0xFF));
            }
        }
        return img;
    }

    private static byte[] jpeg(BufferedImage img, float quality) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(bytes)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.setOutput(ios);
            writer.write(null, new IIOImage(img, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
