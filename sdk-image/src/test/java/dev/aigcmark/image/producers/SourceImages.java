package dev.aigcmark.image.producers;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The picture the producer-form tests encode with the real tools (heif-enc, cjxl): small, with edges and gradients. */
final class SourceImages {
    private SourceImages() {
    }

    static BufferedImage picture() {
        BufferedImage img = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 64; x++) {
                img.setRGB(x, y, (x * 4) << 16 | (y * 5) << 8 | ((x ^ y) * 3));
            }
        }
        return img;
    }

    /** The picture as a PNG file in {@code dir}. */
    static Path png(Path dir) throws IOException {
        Path png = Files.createTempFile(dir, "src", ".png");
        ImageIO.write(picture(), "png", png.toFile());
        return png;
    }
}
