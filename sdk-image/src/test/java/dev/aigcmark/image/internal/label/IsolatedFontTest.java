package dev.aigcmark.image.internal.label;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The label renders correctly in a JVM that can see no system font at all (a fresh server without CJK fonts). */
class IsolatedFontTest {

    @Test
    void rendersWithOnlyTheBundledFont(@TempDir Path tmp) throws Exception {
        // Like a fresh server: fontconfig knows only DejaVu, which has no CJK glyphs.
        Path dejavu = Path.of("/usr/share/fonts/truetype/dejavu");
        Assumptions.assumeTrue(Files.isDirectory(dejavu), "needs fonts-dejavu-core");
        Path conf = Files.writeString(tmp.resolve("fonts.conf"), "<?xml version=\"1.0\"?><fontconfig><dir>" + dejavu
                + "</dir><cachedir>" + tmp.resolve("cache") + "</cachedir></fontconfig>");
        Path out = tmp.resolve("label.png");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-Djava.awt.headless=true", "-Dsun.java2d.fontpath=" + dejavu,
                "-Duser.home=" + tmp, "-cp",
                System.getProperty("java.class.path"), IsolatedRender.class.getName(), out.toString()));
        pb.environment().put("FONTCONFIG_FILE", conf.toString());
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(output).isZero();
        assertThat(output).contains("system-cjk-fonts=0");

        BufferedImage img = ImageIO.read(out.toFile());
        boolean[][] m = LabelRendererTest.textMask(img);
        List<int[]> glyphs = LabelRendererTest.columnRuns(m);
        assertThat(glyphs).hasSize(4);
        for (int[] g : glyphs) {
            assertThat(LabelRendererTest.bounds(m, g[0], g[1]).height).isGreaterThanOrEqualTo(24); // 5 % of 480
        }
        // Same glyphs as here, where the bundled font is checked against tofu (LabelRendererTest).
        BufferedImage here = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        LabelRenderer.draw(here);
        assertThat(LabelRendererTest.difference(m, LabelRendererTest.textMask(here))).isLessThan(20);
    }
}
