package dev.aigcmark.server;

import dev.aigcmark.core.MarkIntent;
import dev.aigcmark.core.Marker;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.testing.TestSeed;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;

/** Files the service tests send: a textured picture (invisible marks need texture), marked and unmarked. */
final class TestMedia {
    private TestMedia() {
    }

    /** A 480x320 JPEG with gradients, shapes and noise from a fixed seed. */
    static Path picture(Path dir, String name) throws IOException {
        Random random = TestSeed.random("TestMedia.picture");
        int w = 480;
        int h = 320;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setPaint(new GradientPaint(0, 0, new Color(30, 80, 150), w, h, new Color(240, 190, 110)));
        g.fillRect(0, 0, w, h);
        for (int i = 0; i < 14; i++) {
            g.setColor(new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256), 140));
            int r = 15 + random.nextInt(h / 4);
            g.fillOval(random.nextInt(w) - r, random.nextInt(h) - r, 2 * r, 2 * r);
        }
        g.dispose();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = img.getRGB(x, y);
                int n = random.nextInt(11) - 5;
                img.setRGB(x, y, (clamp((rgb >> 16 & 0xFF) + n) << 16) | (clamp((rgb >> 8 & 0xFF) + n) << 8)
                        | clamp((rgb & 0xFF) + n));
            }
        }
        Path file = dir.resolve(name);
        ImageIO.write(img, "jpg", file.toFile());
        return file;
    }

    /** The picture marked on the defaults (label, visible label, watermark) by {@code context}'s identity. */
    static Path markedPicture(SdkContext context, Path dir, String name) throws IOException {
        Path plain = picture(dir, "plain-" + name);
        Path marked = dir.resolve(name);
        new Marker(context).mark(plain, marked, MarkIntent.builder().build());
        return marked;
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
