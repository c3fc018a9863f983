package dev.aigcmark.text.internal;

import org.apache.fontbox.cmap.CMap;
import org.apache.fontbox.cmap.CMapParser;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFontFactory;
import org.apache.pdfbox.pdmodel.font.PDType3Font;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mark font's ToUnicode map, written as two ranges, maps every code as the 256 {@code bfchar} lines it was
 * written with before (session 10 and earlier), for PDFBox's parser and for the font PDFBox makes of it.
 */
class InvisibleRunFontTest {

    @Test
    void rangesMapEveryCodeAsTheCharLinesDid() throws Exception {
        CMap ranges = parse(InvisibleRunFont.toUnicodeCMap());
        CMap chars = parse(charLines());
        assertThat(InvisibleRunFont.toUnicodeCMap()).contains("beginbfrange").doesNotContain("bfchar");
        for (int b = 0; b < 256; b++) {
            String expected = new String(Character.toChars(VariationSelectors.codePoint(b)));
            assertThat(chars.toUnicode(b)).as("code %d (char lines)", b).isEqualTo(expected);
            assertThat(ranges.toUnicode(b)).as("code %d", b).isEqualTo(expected);
            assertThat(ranges.toUnicode(b, 1)).isEqualTo(chars.toUnicode(b, 1));
            assertThat(ranges.toUnicode(new byte[] {(byte) b})).isEqualTo(chars.toUnicode(new byte[] {(byte) b}));
            assertThat(ranges.getCodesFromUnicode(expected)).isEqualTo(chars.getCodesFromUnicode(expected));
        }
        assertThat(ranges.toUnicode(256)).isEqualTo(chars.toUnicode(256));
        assertThat(ranges.getSpaceMapping()).isEqualTo(chars.getSpaceMapping());
        assertThat(ranges.hasUnicodeMappings()).isEqualTo(chars.hasUnicodeMappings());
        assertThat(ranges.hasCIDMappings()).isEqualTo(chars.hasCIDMappings());
        assertThat(ranges.getName()).isEqualTo(chars.getName());
        assertThat(ranges.getType()).isEqualTo(chars.getType());
    }

    @Test
    void theFontPdfboxMakesReadsAndMeasuresTheSame() throws Exception {
        try (PDDocument doc = new PDDocument()) {
            COSDictionary dict = InvisibleRunFont.create(doc);
            COSDictionary old = new COSDictionary(dict);
            COSStream toUnicode = doc.getDocument().createCOSStream();
            try (OutputStream out = toUnicode.createOutputStream(COSName.FLATE_DECODE)) {
                out.write(charLines().getBytes(StandardCharsets.US_ASCII));
            }
            old.setItem(COSName.TO_UNICODE, toUnicode);
            PDType3Font ranges = (PDType3Font) PDFontFactory.createFont(dict);
            PDType3Font chars = (PDType3Font) PDFontFactory.createFont(old);
            for (int b = 0; b < 256; b++) {
                assertThat(ranges.toUnicode(b)).as("code %d", b).isEqualTo(chars.toUnicode(b));
                assertThat(ranges.getWidth(b)).isEqualTo(chars.getWidth(b));
            }
            assertThat(ranges.getSpaceWidth()).isEqualTo(chars.getSpaceWidth());
        }
    }

    private static CMap parse(String cmap) throws Exception {
        return new CMapParser().parse(new RandomAccessReadBuffer(cmap.getBytes(StandardCharsets.US_ASCII)));
    }

    /** The map as written up to session 10: one bfchar line per code. */
    private static String charLines() {
        StringBuilder sb = new StringBuilder(8192);
        sb.append("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n")
                .append("/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n")
                .append("/CMapName /AIGCMark-VS def\n/CMapType 2 def\n")
                .append("1 begincodespacerange\n<00> <FF>\nendcodespacerange\n");
        for (int block = 0; block < 256; block += 64) {
            sb.append("64 beginbfchar\n");
            for (int b = block; b < block + 64; b++) {
                String utf16 = new String(Character.toChars(VariationSelectors.codePoint(b)));
                sb.append(String.format("<%02X> <", b));
                for (char c : utf16.toCharArray()) {
                    sb.append(String.format("%04X", (int) c));
                }
                sb.append(">\n");
            }
            sb.append("endbfchar\n");
        }
        return sb.append("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n").toString();
    }
}
