package dev.aigcmark.image.internal.watermark;

import dev.aigcmark.image.internal.format.TestImages;

import java.util.Random;
import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.Image;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The attacks of the robustness suite, made with real encoders (the JDK's ImageIO JPEG writer). */
final class Attacks {
    private Attacks() {
    }

    static BufferedImage jpeg(BufferedImage img, float quality) {
        try {
            return ImageIO.read(new ByteArrayInputStream(TestImages.jpeg(rgb(img), quality)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Area-averaging resize (what a careful downscaler does: low-pass, then sample). */
    static BufferedImage resize(BufferedImage img, double factor) {
        int w = (int) Math.round(img.getWidth() * factor);
        int h = (int) Math.round(img.getHeight() * factor);
        Image scaled = img.getScaledInstance(w, h, Image.SCALE_AREA_AVERAGING);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.drawImage(scaled, 0, 0, null);
        g.dispose();
        return out;
    }

    /** Keeps {@code areaFraction} of the area, same aspect, starting at an odd offset. */
    static BufferedImage crop(BufferedImage img, double areaFraction) {
        double side = Math.sqrt(areaFraction);
        int w = (int) (img.getWidth() * side);
        int h = (int) (img.getHeight() * side);
        int x = ((img.getWidth() - w) / 3) | 1;
        int y = ((img.getHeight() - h) / 2) | 1;
        return copy(img.getSubimage(x, y, w, h));
    }

    static BufferedImage brightness(BufferedImage img, double factor) {
        BufferedImage out = copy(img);
        for (int y = 0; y < out.getHeight(); y++) {
            for (int x = 0; x < out.getWidth(); x++) {
                int p = out.getRGB(x, y);
                out.setRGB(x, y, (scale(p >> 16, factor) << 16) | (scale(p >> 8, factor) << 8) | scale(p, factor));
            }
        }
        return out;
    }

    static BufferedImage noise(BufferedImage img, double sigma, long seed) {
        Random gauss = new Random(seed);
        BufferedImage out = copy(img);
        for (int y = 0; y < out.getHeight(); y++) {
            for (int x = 0; x < out.getWidth(); x++) {
                int p = out.getRGB(x, y);
                int r = clamp(((p >> 16) & 0xFF) + (int) Math.round(gauss.nextGaussian() * sigma));
                int g = clamp(((p >> 8) & 0xFF) + (int) Math.round(gauss.nextGaussian() * sigma));
                int b = clamp((p & 0xFF) + (int) Math.round(gauss.nextGaussian() * sigma));
                out.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        return out;
    }

    static BufferedImage copy(BufferedImage img) {
        BufferedImage out = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.drawImage(img, 0, 0, null);
        g.dispose();
        return out;
    }

    private static BufferedImage rgb(BufferedImage img) {
        return img.getType() == BufferedImage.TYPE_INT_RGB ? img : copy(img);
    }

    private static int scale(int channel, double factor) {
        return clamp((int) Math.round((channel & 0xFF) * factor));
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
