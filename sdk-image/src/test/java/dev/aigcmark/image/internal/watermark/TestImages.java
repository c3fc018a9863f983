package dev.aigcmark.image.internal.watermark;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.SplittableRandom;

/**
 * Varied generated content for the watermark suites: smooth gradients, flat areas, text-like edges,
 * textures, photo-like noise fields (smoothed noise at several scales), and mixtures of these.
 */
final class TestImages {
    private TestImages() {
    }

    static final String[] KINDS = {"gradient", "flat", "text", "texture", "noiseField", "mixed"};

    static BufferedImage generate(int index, int w, int h) {
        SplittableRandom rnd = new SplittableRandom(0xC0FFEE + index * 7919L);
        return switch (KINDS[index % KINDS.length]) {
            case "gradient" -> gradient(rnd, w, h);
            case "flat" -> flat(rnd, w, h);
            case "text" -> text(rnd, w, h);
            case "texture" -> texture(rnd, w, h);
            case "noiseField" -> noiseField(rnd, w, h);
            default -> mixed(rnd, w, h);
        };
    }

    static String kind(int index) {
        return KINDS[index % KINDS.length];
    }

    private static BufferedImage gradient(SplittableRandom rnd, int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setPaint(new GradientPaint(0, 0, color(rnd), w, h, color(rnd)));
        g.fillRect(0, 0, w, h);
        g.setPaint(new GradientPaint(w, 0, new Color(rnd.nextInt(256), rnd.nextInt(256), rnd.nextInt(256), 120),
                0, h, new Color(0, 0, 0, 0)));
        g.fillRect(0, 0, w, h);
        g.dispose();
        return img;
    }

    private static BufferedImage flat(SplittableRandom rnd, int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(40 + rnd.nextInt(170), 40 + rnd.nextInt(170), 40 + rnd.nextInt(170)));
        g.fillRect(0, 0, w, h);
        for (int i = 0; i < 6; i++) { // a few flat shapes
            g.setColor(color(rnd));
            g.fillRect(rnd.nextInt(w), rnd.nextInt(h), w / 4 + rnd.nextInt(w / 3), h / 4 + rnd.nextInt(h / 3));
        }
        g.dispose();
        return img;
    }

    private static BufferedImage text(SplittableRandom rnd, int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(212, 208, 200)); // paper grey: +20 % brightness must not clip it all to white
        g.fillRect(0, 0, w, h);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(new Color(20, 20, 30));
        int size = 12 + rnd.nextInt(10);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, size));
        String words = "the quick brown fox jumps over the lazy dog 0123456789 AIGC label ";
        int margin = w / 12;
        int lineNo = 0;
        for (int y = margin + size; y < h - margin; y += size * 8 / 5) { // a document: margins, 1.6 line spacing
            if (++lineNo % 6 == 0) {
                continue; // paragraph break
            }
            StringBuilder line = new StringBuilder();
            while (g.getFontMetrics().stringWidth(line.toString()) < w - 2 * margin - 4 * size) {
                line.append(words, rnd.nextInt(20), 40 + rnd.nextInt(20));
            }
            g.drawString(line.toString(), margin, y);
        }
        g.setStroke(new BasicStroke(3));
        g.drawRect(w / 8, h / 8, w / 2, h / 3);
        g.dispose();
        return img;
    }

    private static BufferedImage texture(SplittableRandom rnd, int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        double f1 = 0.02 + rnd.nextDouble() * 0.2;
        double f2 = 0.02 + rnd.nextDouble() * 0.2;
        double ph = rnd.nextDouble() * 6;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double v = 128 + 60 * Math.sin(f1 * x + 3 * Math.sin(f2 * y + ph)) + 30 * Math.sin(f2 * x * 1.7 - f1 * y);
                int c = (int) Math.max(0, Math.min(255, v + rnd.nextInt(9) - 4));
                img.setRGB(x, y, (c << 16) | (Math.min(255, c + 20) << 8) | Math.max(0, c - 30));
            }
        }
        return img;
    }

    /** Smoothed noise at several scales: the statistics of natural photos, roughly (1/f spectrum). */
    private static BufferedImage noiseField(SplittableRandom rnd, int w, int h) {
        double[] acc = new double[w * h];
        for (int octave = 0; octave < 6; octave++) {
            int cell = 2 << octave;
            int gw = w / cell + 2;
            int gh = h / cell + 2;
            double[] grid = new double[gw * gh];
            for (int i = 0; i < grid.length; i++) {
                grid[i] = rnd.nextDouble() * 2 - 1;
            }
            double amp = 6 * Math.pow(1.6, octave);
            for (int y = 0; y < h; y++) {
                double gy = (double) y / cell;
                int iy = (int) gy;
                double fy = gy - iy;
                for (int x = 0; x < w; x++) {
                    double gx = (double) x / cell;
                    int ix = (int) gx;
                    double fx = gx - ix;
                    double v = (grid[iy * gw + ix] * (1 - fx) + grid[iy * gw + ix + 1] * fx) * (1 - fy)
                            + (grid[(iy + 1) * gw + ix] * (1 - fx) + grid[(iy + 1) * gw + ix + 1] * fx) * fy;
                    acc[y * w + x] += amp * v;
                }
            }
        }
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int tint = rnd.nextInt(40);
        for (int i = 0; i < acc.length; i++) {
            int c = (int) Math.max(0, Math.min(255, 120 + acc[i]));
            img.setRGB(i % w, i / w, (Math.min(255, c + tint) << 16) | (c << 8) | Math.max(0, c - tint));
        }
        return img;
    }

    private static BufferedImage mixed(SplittableRandom rnd, int w, int h) {
        BufferedImage img = noiseField(rnd, w, h);
        Graphics2D g = img.createGraphics();
        g.setPaint(new GradientPaint(0, 0, color(rnd), w, 0, color(rnd)));
        g.fillRect(0, 0, w, h / 3);
        g.setColor(color(rnd));
        g.fillOval(w / 2, h / 2, w / 3, h / 3);
        g.setColor(Color.WHITE);
        g.setFont(new Font(Font.SERIF, Font.BOLD, 28));
        g.drawString("Generated 2026", 10, h - 20);
        g.dispose();
        return img;
    }

    private static Color color(SplittableRandom rnd) {
        return new Color(rnd.nextInt(256), rnd.nextInt(256), rnd.nextInt(256));
    }
}
