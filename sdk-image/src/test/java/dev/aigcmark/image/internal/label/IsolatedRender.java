package dev.aigcmark.image.internal.label;

import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import javax.imageio.ImageIO;

/**
 * Run in a child JVM whose fontconfig knows only DejaVu (no CJK) (see {@link IsolatedFontTest}): prints how many system
 * fonts can show "生" (0 proves the isolation) and renders the default label to the PNG named by args[0].
 */
public final class IsolatedRender {
    private IsolatedRender() {
    }

    public static void main(String[] args) throws IOException {
        try {
            int cjkCapable = 0;
            for (Font f : GraphicsEnvironment.getLocalGraphicsEnvironment().getAllFonts()) {
                cjkCapable += f.canDisplay('生') ? 1 : 0;
            }
            System.out.println("system-cjk-fonts=" + cjkCapable);
        } catch (RuntimeException | Error e) {
            System.out.println("system-cjk-fonts=0 (the JVM sees no system font at all: " + e.getMessage() + ")");
        }
        BufferedImage img = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        LabelRenderer.draw(img);
        ImageIO.write(img, "png", new File(args[0]));
    }
}
