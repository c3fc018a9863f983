package dev.aigcmark.text.internal;

import org.apache.fontbox.ttf.TrueTypeFont;
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
        java.nio.file.Path latinOnly = java.nio.file.Path.of("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isReadable(latinOnly), "DejaVu Sans is not installed");
        System.setProperty(LabelFonts.PROPERTY, latinOnly.toString());
        try {
            assertThatThrownBy(() -> LabelFonts.find("AI生成")).hasMessageContaining("lacks a glyph");
            assertThat(LabelFonts.covers(new org.apache.fontbox.ttf.TTFParser().parse(
                    new org.apache.pdfbox.io.RandomAccessReadBufferedFile(latinOnly.toFile())), "AI")).isTrue();
        } finally {
            System.clearProperty(LabelFonts.PROPERTY);
        }
    }
}
