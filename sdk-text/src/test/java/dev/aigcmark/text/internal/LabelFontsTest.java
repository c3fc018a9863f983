package dev.aigcmark.text.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LabelFontsTest {

    @Test
    void theBundledSubsetServesTheUsualWordings() throws Exception {
        for (String wording : new String[]{"AI生成", "本内容由AI生成", "人工智能生成合成"}) {
            try (TrueTypeFont f = LabelFonts.find(wording)) {
                assertThat(LabelFonts.covers(f, wording)).isTrue();
                // The bundled subset is small; a system font would have thousands of glyphs.
                assertThat(f.getNumberOfGlyphs()).as(wording).isLessThan(2000);
            }
        }
    }

    @Test
    void aConfiguredFontWithoutTheGlyphsIsAClearError() throws Exception {
        Path latinOnly = Path.of("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");
        Assumptions.assumeTrue(Files.isReadable(latinOnly), "DejaVu Sans is not installed");
        System.setProperty(LabelFonts.PROPERTY, latinOnly.toString());
        try {
            assertThatThrownBy(() -> LabelFonts.find("AI生成")).hasMessageContaining("lacks a glyph");
            assertThat(LabelFonts.covers(new TTFParser().parse(
                    new RandomAccessReadBufferedFile(latinOnly.toFile())), "AI")).isTrue();
        } finally {
            System.clearProperty(LabelFonts.PROPERTY);
        }
    }
}
