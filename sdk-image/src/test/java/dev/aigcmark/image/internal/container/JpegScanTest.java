package dev.aigcmark.image.internal.container;

import dev.aigcmark.testing.SharedFiles;
import dev.aigcmark.testing.TestSeed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The word-at-a-time search for 0xFF finds what a byte-by-byte search finds, so the content digest is unchanged. */
class JpegScanTest {

    @Test
    void nextFfFindsEveryPositionAtEveryLengthAndAlignment() {
        for (int length = 0; length <= 40; length++) {
            for (int ff = -1; ff < length; ff++) {
                byte[] b = new byte[length];
                Arrays.fill(b, (byte) 0xFE);
                if (ff >= 0) {
                    b[ff] = (byte) 0xFF;
                }
                for (int from = 0; from <= length; from++) {
                    assertThat(JpegStructure.nextFf(b, from)).as("length %d, FF at %d, from %d", length, ff, from)
                            .isEqualTo(bytewise(b, from));
                }
            }
        }
    }

    @Test
    void nextFfAgreesOnNoiseRichInFf() {
        Random random = TestSeed.random("JpegScanTest.noise");
        byte[] b = new byte[100_000];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (random.nextInt(40) == 0 ? 0xFF : random.nextInt(256));
        }
        for (int from = 0; from < b.length; from = JpegStructure.nextFf(b, from) + 1) {
            assertThat(JpegStructure.nextFf(b, from)).isEqualTo(bytewise(b, from));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"adobe-20220124-A.jpg", "truepic-20230212-camera.jpg", "truepic-20230212-landscape.jpg"})
    void imageDataEndOfRealPhotosIsTheBytewiseWalks(String name) throws IOException {
        byte[] b = Files.readAllBytes(SharedFiles.vectors("photos").resolve(name));
        for (int from : new int[] {2, 100, b.length / 3, b.length / 2}) {
            assertThat(JpegStructure.imageDataEnd(b, from)).isEqualTo(bytewiseImageDataEnd(b, from));
        }
    }

    private static int bytewise(byte[] b, int from) {
        int pos = from;
        while (pos < b.length && (b[pos] & 0xFF) != 0xFF) {
            pos++;
        }
        return pos;
    }

    /** The walk as it was before the word-at-a-time search. */
    private static int bytewiseImageDataEnd(byte[] b, int from) {
        int pos = from;
        while (pos + 1 < b.length) {
            if ((b[pos] & 0xFF) != 0xFF) {
                pos++;
                continue;
            }
            int m = b[pos + 1] & 0xFF;
            if (m == 0x00 || m == 0xFF || (m >= 0xD0 && m <= 0xD7) || m == 0x01) {
                pos += m == 0xFF ? 1 : 2;
            } else if (m == 0xD9) {
                return pos + 2;
            } else {
                if (pos + 4 > b.length) {
                    return b.length;
                }
                pos += 2 + (((b[pos + 2] & 0xFF) << 8) | (b[pos + 3] & 0xFF));
            }
        }
        return b.length;
    }
}
