package dev.aigcmark.image.internal.watermark;

import dev.aigcmark.core.identity.WatermarkKey;
import dev.aigcmark.testing.TestSeed;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The in-place watermark's two pixel passes (the mask's block statistics, the rows) cut into parts that the caller
 * and a helper thread claim ({@code SecondCore}): any number of parts gives the bytes of the single pass. Fails if a
 * part's range of rows or block rows is off by one (a row left unmarked or a block's statistics left out).
 */
class SharedPassesTest {
    @Test
    void anyNumberOfPartsMarksTheSameBytes() {
        Random random = TestSeed.random("SharedPassesTest.pictures");
        byte[] key = new byte[32];
        random.nextBytes(key);
        WatermarkKey k = new WatermarkKey(5, key);
        int[][] sizes = {{640, 480}, {701, 523}, {333, 1029}, {520, 520}};
        for (int[] size : sizes) {
            for (int type : new int[] {BufferedImage.TYPE_3BYTE_BGR, BufferedImage.TYPE_4BYTE_ABGR}) {
                byte[] payload = new byte[8];
                random.nextBytes(payload);
                BufferedImage picture = picture(size[0], size[1], type, random);
                byte[] single = marked(picture, k, payload, 1);
                for (int parts : new int[] {2, 3, EmbedMask.CHUNKS, 61}) {
                    assertThat(Arrays.equals(marked(picture, k, payload, parts), single))
                            .as("%dx%d type %d in %d parts", size[0], size[1], type, parts).isTrue();
                }
            }
        }
    }

    @Test
    void anyNumberOfPartsGathersTheSameGains() {
        Random random = TestSeed.random("SharedPassesTest.gains");
        for (int[] size : new int[][] {{640, 480}, {523, 701}}) {
            BufferedImage picture = picture(size[0], size[1], BufferedImage.TYPE_3BYTE_BGR, random);
            byte[] px = ((DataBufferByte) picture.getRaster().getDataBuffer()).getData();
            EmbedMask single = new EmbedMask();
            single.updateFromPixels(px, 3, false, size[0], size[1], LumaWatermarker.DEFAULT_STRENGTH, 1);
            int blocks = single.blocksX * single.blocksY;
            for (int parts : new int[] {2, 7, EmbedMask.CHUNKS, 1000}) {
                EmbedMask shared = new EmbedMask();
                shared.updateFromPixels(px, 3, false, size[0], size[1], LumaWatermarker.DEFAULT_STRENGTH, parts);
                assertThat(Arrays.copyOf(shared.gains, blocks)).as("%d parts", parts)
                        .isEqualTo(Arrays.copyOf(single.gains, blocks));
            }
        }
    }

    private static byte[] marked(BufferedImage picture, WatermarkKey key, byte[] payload, int parts) {
        BufferedImage copy = new BufferedImage(picture.getColorModel(), picture.copyData(null), false, null);
        assertThat(ImageWatermarker.embedInPlace(copy, ImageWatermarker.prepare(key, payload, copy.getWidth(),
                copy.getHeight()), parts)).isTrue();
        return ((DataBufferByte) copy.getRaster().getDataBuffer()).getData();
    }

    /** Smooth gradients, textured patches and clipped highlights and shadows (where the per-pixel path runs). */
    private static BufferedImage picture(int w, int h, int type, Random random) {
        BufferedImage img = new BufferedImage(w, h, type);
        byte[] px = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        int n = type == BufferedImage.TYPE_4BYTE_ABGR ? 4 : 3;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int base = (x * 255 / w + y * 97 / h) % 256;
                int texture = ((x / 9 + y / 13) % 3 == 0) ? random.nextInt(60) - 30 : 0;
                int clip = (x / 50 + y / 40) % 5 == 0 ? 250 : (x / 50 + y / 40) % 7 == 0 ? -250 : 0;
                int j = (y * w + x) * n;
                if (n == 4) {
                    px[j++] = (byte) 255;
                }
                for (int c = 0; c < 3; c++) {
                    px[j + c] = (byte) Math.max(0, Math.min(255, base + texture + clip + 11 * c));
                }
            }
        }
        return img;
    }
}
