package dev.aigcmark.image.internal.label;

import dev.aigcmark.core.label.ExplicitLabelWording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Size, position, legibility and glyph coverage of the visible label, checked by reading pixels. */
class LabelRendererTest {

    static BufferedImage filled(int w, int h, Color c) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(c);
        g.fillRect(0, 0, w, h);
        g.dispose();
        return img;
    }

    static BufferedImage noise(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Random r = new Random(7);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, r.nextInt(0x1000000));
            }
        }
        return img;
    }

    static int luma(int rgb) {
        return (((rgb >> 16) & 0xFF) * 299 + ((rgb >> 8) & 0xFF) * 587 + (rgb & 0xFF) * 114) / 1000;
    }

    /** Text pixels: on a black background only the white glyph cores are bright. */
    static boolean[][] textMask(BufferedImage img) {
        boolean[][] m = new boolean[img.getHeight()][img.getWidth()];
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                m[y][x] = luma(img.getRGB(x, y)) > 160;
            }
        }
        return m;
    }

    static Rectangle bounds(boolean[][] m, int x0, int x1) {
        int minX = Integer.MAX_VALUE, minY = Integer.MAX_VALUE, maxX = -1, maxY = -1;
        for (int y = 0; y < m.length; y++) {
            for (int x = x0; x < x1; x++) {
                if (m[y][x]) {
                    minX = Math.min(minX, x);
                    maxX = Math.max(maxX, x);
                    minY = Math.min(minY, y);
                    maxY = Math.max(maxY, y);
                }
            }
        }
        return maxX < 0 ? new Rectangle() : new Rectangle(minX, minY, maxX - minX + 1, maxY - minY + 1);
    }

    /** Column runs that hold text pixels: one per glyph for well-spaced text such as "AI生成". */
    static List<int[]> columnRuns(boolean[][] m) {
        List<int[]> runs = new ArrayList<>();
        int start = -1;
        for (int x = 0; x <= m[0].length; x++) {
            boolean any = false;
            if (x < m[0].length) {
                for (boolean[] row : m) {
                    any |= row[x];
                }
            }
            if (any && start < 0) {
                start = x;
            } else if (!any && start >= 0) {
                runs.add(new int[]{start, x});
                start = -1;
            }
        }
        return runs;
    }

    @ParameterizedTest(name = "{0}x{1} {2}")
    @CsvSource({"640,480,BOTTOM_RIGHT", "640,480,TOP_LEFT", "480,640,TOP_RIGHT", "480,640,BOTTOM_LEFT",
            "1920,1080,BOTTOM", "1920,1080,TOP", "300,200,LEFT", "300,200,RIGHT", "1080,1920,BOTTOM_RIGHT"})
    void everyGlyphIsAtLeastFivePercentOfTheShortestSideAndSitsWhereAsked(int w, int h, LabelPlacement placement) {
        BufferedImage img = filled(w, h, Color.BLACK);
        LabelRenderer.draw(img, ExplicitLabelWording.DEFAULT, placement);
        boolean[][] m = textMask(img);
        int shortest = Math.min(w, h);
        Rectangle ink = bounds(m, 0, w);
        assertThat(ink.height).isGreaterThanOrEqualTo((int) Math.ceil(0.05 * shortest));

        List<int[]> glyphs = columnRuns(m);
        assertThat(glyphs).as("one column run per glyph of AI生成").hasSize(4);
        for (int[] g : glyphs) {
            assertThat(bounds(m, g[0], g[1]).height).as("glyph at x=%d", g[0]).isGreaterThanOrEqualTo((int) Math.ceil(0.05 * shortest));
        }

        double cx = ink.getCenterX();
        double cy = ink.getCenterY();
        switch (placement.horizontal()) {
            case -1 -> assertThat(ink.x).isLessThan((int) (0.1 * w));
            case 0 -> assertThat(Math.abs(cx - w / 2.0)).isLessThan(0.05 * w);
            default -> assertThat(w - (ink.x + ink.width)).isLessThan((int) (0.1 * w));
        }
        switch (placement.vertical()) {
            case -1 -> assertThat(ink.y).isLessThan((int) (0.1 * h));
            case 0 -> assertThat(Math.abs(cy - h / 2.0)).isLessThan(0.05 * h);
            default -> assertThat(h - (ink.y + ink.height)).isLessThan((int) (0.1 * h));
        }
    }

    @Test
    void textStandsOutOnLightDarkAndBusyBackgrounds() {
        int w = 640;
        int h = 480;
        BufferedImage ref = filled(w, h, Color.BLACK);
        LabelRenderer.Drawn drawn = LabelRenderer.draw(ref, ExplicitLabelWording.DEFAULT, LabelPlacement.BOTTOM_RIGHT);
        boolean[][] text = textMask(ref);
        for (BufferedImage bg : List.of(filled(w, h, Color.WHITE), filled(w, h, Color.BLACK), filled(w, h, new Color(128, 128, 128)),
                filled(w, h, Color.YELLOW), noise(w, h))) {
            LabelRenderer.Drawn d = LabelRenderer.draw(bg, ExplicitLabelWording.DEFAULT, LabelPlacement.BOTTOM_RIGHT);
            assertThat(d.plate()).isEqualTo(drawn.plate());
            long textSum = 0, textN = 0, plateSum = 0, plateN = 0;
            Rectangle p = d.plate();
            for (int y = p.y + 3; y < p.y + p.height - 3; y++) {
                for (int x = p.x + 3; x < p.x + p.width - 3; x++) {
                    if (text[y][x]) {
                        textSum += luma(bg.getRGB(x, y));
                        textN++;
                    } else if (!near(text, x, y, 4)) {
                        plateSum += luma(bg.getRGB(x, y));
                        plateN++;
                    }
                }
            }
            assertThat(textSum / textN - plateSum / plateN).as("text vs plate luminance").isGreaterThanOrEqualTo(100);
        }
    }

    static boolean near(boolean[][] m, int x, int y, int r) {
        for (int dy = -r; dy <= r; dy++) {
            for (int dx = -r; dx <= r; dx++) {
                int yy = y + dy, xx = x + dx;
                if (yy >= 0 && yy < m.length && xx >= 0 && xx < m[0].length && m[yy][xx]) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void bundledFontHasRealGlyphsNotTofu() {
        assertThat(LabelFont.covers("AI生成人工智能合成")).isTrue();
        assertThat(LabelFont.covers("\uE000")).isFalse();
        assertThat(LabelFont.of(12).getFamily()).containsIgnoringCase("WenQuanYi");
        boolean[][] missing = render("\uE000");
        boolean[][] sheng = render("生");
        boolean[][] cheng = render("成");
        assertThat(count(sheng)).isGreaterThan(200);
        assertThat(count(cheng)).isGreaterThan(200);
        assertThat(difference(sheng, missing)).isGreaterThan(count(sheng) / 3);
        assertThat(difference(cheng, missing)).isGreaterThan(count(cheng) / 3);
        assertThat(difference(sheng, cheng)).isGreaterThan(count(sheng) / 3);
    }

    static boolean[][] render(String s) {
        BufferedImage img = filled(120, 120, Color.BLACK);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
        g.setFont(LabelFont.of(96f));
        g.setColor(Color.WHITE);
        g.drawString(s, 10, 100);
        g.dispose();
        return textMask(img);
    }

    static int count(boolean[][] m) {
        int n = 0;
        for (boolean[] row : m) {
            for (boolean b : row) {
                n += b ? 1 : 0;
            }
        }
        return n;
    }

    static int difference(boolean[][] a, boolean[][] b) {
        int n = 0;
        for (int y = 0; y < a.length; y++) {
            for (int x = 0; x < a[0].length; x++) {
                n += a[y][x] != b[y][x] ? 1 : 0;
            }
        }
        return n;
    }

    @Test
    void wordingIsChecked() {
        BufferedImage img = filled(400, 300, Color.GRAY);
        assertThatThrownBy(() -> LabelRenderer.draw(img, "AI", LabelPlacement.TOP)).hasMessageContaining("generation");
        assertThatThrownBy(() -> LabelRenderer.draw(img, "生成", LabelPlacement.TOP)).hasMessageContaining("AI element");
        assertThatThrownBy(() -> LabelRenderer.draw(img, "AI生成\uE000", LabelPlacement.TOP)).hasMessageContaining("glyph");
        assertThat(LabelRenderer.draw(img, "人工智能生成合成", LabelPlacement.TOP).ink().height).isGreaterThanOrEqualTo(15);
        assertThatThrownBy(() -> LabelPlacement.parse("middle")).hasMessageContaining("placement");
        assertThat(LabelPlacement.parse("bottom-left")).isEqualTo(LabelPlacement.BOTTOM_LEFT);
    }

    @Test
    void labelTooWideForTheImageIsRefused() {
        assertThatThrownBy(() -> LabelRenderer.draw(filled(40, 400, Color.GRAY), "本内容由人工智能生成合成", LabelPlacement.TOP))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not fit");
    }

    @Test
    void fontIsTheBundledOneWhateverTheSystemHas() {
        Font f = LabelFont.of(20);
        assertThat(f.getFontName()).doesNotContainIgnoringCase("dialog").doesNotContainIgnoringCase("dejavu");
    }
}
