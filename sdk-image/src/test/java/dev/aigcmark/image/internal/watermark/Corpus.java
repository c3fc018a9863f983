package dev.aigcmark.image.internal.watermark;

import dev.aigcmark.testing.ExternalTools;
import dev.aigcmark.testing.SharedFiles;

import java.awt.Image;
import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The covers of the robustness table: the five real camera photos of {@code ../shared/vectors/photos/}
 * (1024×683 to 4032×3024), a crop and a downscale of them, and synthetic covers (an ffmpeg {@code testsrc2}
 * 1080p frame, a gradient, flat areas, a text-like page, a texture).
 */
final class Corpus {
    record Cover(String name, boolean photo, Supplier<BufferedImage> image) {
    }

    private Corpus() {
    }

    /** {@code ../shared/vectors/photos}, or null when the shared folder is absent. */
    static Path photos() {
        try {
            Path dir = SharedFiles.vectors("photos");
            return Files.isDirectory(dir) ? dir : null;
        } catch (AssertionError absent) {
            return null;
        }
    }

    static List<Cover> photoCovers() {
        Path dir = photos();
        if (dir == null) {
            return List.of();
        }
        List<Cover> out = new ArrayList<>();
        for (String f : new String[] {"adobe-20220124-A.jpg", "adobe-20220124-I.jpg", "truepic-20230212-camera.jpg",
            "truepic-20230212-landscape.jpg", "truepic-20230212-library.jpg"}) {
            Path file = dir.resolve(f);
            out.add(new Cover(f.replace(".jpg", ""), true, () -> rgb(read(file))));
        }
        out.add(new Cover("library, 1600×1200 crop", true,
                () -> rgb(read(dir.resolve("truepic-20230212-library.jpg")).getSubimage(1211, 903, 1600, 1200))));
        out.add(new Cover("landscape, 1/3 downscale", true,
                () -> downscale(read(dir.resolve("truepic-20230212-landscape.jpg")), 1344, 1008)));
        return out;
    }

    static List<Cover> syntheticCovers() {
        List<Cover> out = new ArrayList<>();
        out.add(new Cover("testsrc2 1920×1080", false, Corpus::testsrc2));
        out.add(new Cover("gradient 1280×720", false, () -> TestImages.generate(0, 1280, 720)));
        out.add(new Cover("flat areas 1024×768", false, () -> TestImages.generate(1, 1024, 768)));
        out.add(new Cover("text-like 1200×900", false, () -> TestImages.generate(2, 1200, 900)));
        out.add(new Cover("texture 800×600", false, () -> TestImages.generate(3, 800, 600)));
        return out;
    }

    static BufferedImage testsrc2() {
        try {
            Path tmp = Files.createTempFile("testsrc2", ".png");
            try {
                ExternalTools.run("ffmpeg", "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i",
                        "testsrc2=size=1920x1080:rate=1", "-frames:v", "1", tmp.toString()).requireSuccess();
                return rgb(read(tmp));
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static BufferedImage read(Path file) {
        try {
            BufferedImage img = ImageIO.read(file.toFile());
            if (img == null) {
                throw new IOException("unreadable " + file);
            }
            return img;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static BufferedImage rgb(BufferedImage img) {
        BufferedImage out = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.drawImage(img, 0, 0, null);
        g.dispose();
        return out;
    }

    static BufferedImage downscale(BufferedImage img, int w, int h) {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(img.getScaledInstance(w, h, Image.SCALE_AREA_AVERAGING), 0, 0, null);
        g.dispose();
        return out;
    }
}
