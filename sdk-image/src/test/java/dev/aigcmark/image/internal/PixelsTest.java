package dev.aigcmark.image.internal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The fast path must return exactly what getRGB returns, for every layout (detectors are bit-exact). */
class PixelsTest {

    @ParameterizedTest
    @ValueSource(ints = {BufferedImage.TYPE_INT_ARGB, BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_3BYTE_BGR,
            BufferedImage.TYPE_4BYTE_ABGR, BufferedImage.TYPE_BYTE_GRAY, BufferedImage.TYPE_USHORT_GRAY,
            BufferedImage.TYPE_BYTE_INDEXED, BufferedImage.TYPE_INT_ARGB_PRE, BufferedImage.TYPE_INT_BGR})
    void equalsGetRgbForEveryLayout(int type) {
        BufferedImage img = noise(type, 37, 23, type);
        assertThat(Pixels.argb(img)).isEqualTo(img.getRGB(0, 0, 37, 23, null, 0, 37));
    }

    @ParameterizedTest
    @ValueSource(ints = {BufferedImage.TYPE_3BYTE_BGR, BufferedImage.TYPE_INT_RGB})
    void subImagesTakeTheExactPath(int type) {
        BufferedImage sub = noise(type, 40, 30, 7).getSubimage(3, 5, 21, 17);
        assertThat(Pixels.argb(sub)).isEqualTo(sub.getRGB(0, 0, 21, 17, null, 0, 21));
    }

    private static BufferedImage noise(int type, int w, int h, long seed) {
        BufferedImage img = new BufferedImage(w, h, type);
        Random rnd = new Random(seed);
        Graphics2D g = img.createGraphics();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                g.setColor(new Color(rnd.nextInt(256), rnd.nextInt(256), rnd.nextInt(256), rnd.nextInt(256)));
                g.fillRect(x, y, 1, 1);
            }
        }
        g.dispose();
        return img;
    }
}
