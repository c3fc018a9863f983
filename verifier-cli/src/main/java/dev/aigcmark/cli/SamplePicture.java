package dev.aigcmark.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Random;

/** The sample picture the demo marks, and the robustness tests mutate: deterministic for a given size and frame. */
public final class SamplePicture {
    private SamplePicture() {
    }

    /**
     * A picture with the texture of a photo (gradients, shapes, fine noise), not a flat colour: invisible
     * marks hide in texture, and a flat test card would show neither their cost nor their strength.
     */
    public static BufferedImage of(int width, int height, int frame) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setPaint(new GradientPaint(0, 0, new Color(40, 90, 160), width, height, new Color(250, 200, 120)));
        g.fillRect(0, 0, width, height);
        Random random = new Random(42);
        for (int i = 0; i < 12; i++) {
            g.setColor(new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256), 150));
            int r = 20 + random.nextInt(height / 4);
            int x = (random.nextInt(width) + frame * 6) % width;
            g.fillOval(x - r, random.nextInt(height) - r, 2 * r, 2 * r);
        }
        g.setStroke(new BasicStroke(3));
        g.setColor(new Color(20, 30, 40));
        g.drawLine(0, height * 3 / 4, width, height * 2 / 3);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.max(12, height / 12)));
        g.setColor(Color.WHITE);
        g.drawString("aigc demo", width / 10, height / 5);
        g.dispose();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int rgb = img.getRGB(x, y);
                int n = random.nextInt(9) - 4;
                int r = clamp(((rgb >> 16) & 0xFF) + n);
                int gr = clamp(((rgb >> 8) & 0xFF) + n);
                int b = clamp((rgb & 0xFF) + n);
                img.setRGB(x, y, (r << 16) | (gr << 8) | b);
            }
        }
        return img;
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
