package dev.aigcmark.image.internal.container;

import dev.aigcmark.testing.TestSeed;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The PNG re-encoder encodes through a stream cached in memory instead of {@code ImageIO.write}'s temporary file: the
 * same bytes as {@code ImageIO.write} for every image type the marker re-encodes (colour with and without alpha, grey
 * at 8 and 16 bits, palette). Fails if the writer, its parameters or its metadata differ from {@code ImageIO.write}'s.
 */
class PngReencoderEncodeTest {
    @Test
    void encodesTheBytesImageIoWriteWrites() throws Exception {
        Random random = TestSeed.random("PngReencoderEncodeTest.pictures");
        int[] types = {BufferedImage.TYPE_3BYTE_BGR, BufferedImage.TYPE_4BYTE_ABGR, BufferedImage.TYPE_INT_RGB,
            BufferedImage.TYPE_INT_ARGB, BufferedImage.TYPE_BYTE_GRAY, BufferedImage.TYPE_USHORT_GRAY,
            BufferedImage.TYPE_BYTE_INDEXED};
        for (int type : types) {
            int w = 40 + random.nextInt(200);
            int h = 30 + random.nextInt(150);
            BufferedImage img = new BufferedImage(w, h, type);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int smooth = (x * 255 / w) << 16 | (y * 255 / h) << 8 | ((x + y) & 0xFF);
                    img.setRGB(x, y, (random.nextInt(4) == 0 ? random.nextInt() : smooth) | (x % 7 == 0 ? 0x80 << 24 : 0xFF << 24));
                }
            }
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            assertThat(ImageIO.write(img, "png", expected)).isTrue();
            assertThat(PngReencoder.encode(img)).as("type %d", type).isEqualTo(expected.toByteArray());
        }
    }
}
