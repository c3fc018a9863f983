package dev.aigcmark.text.internal;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSFloat;
import org.apache.pdfbox.cos.COSInteger;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A Type 3 font whose 256 codes draw nothing and whose ToUnicode map turns code b into the variation
 * selector for byte b. A text run in this font, in rendering mode 3 (invisible), therefore shows nothing
 * but copies and extracts as our invisible mark: the way to carry variation selectors in a PDF, where no
 * real font has glyphs for them. Glyphs advance a little, so extractors do not drop them as overlapping
 * duplicates.
 */
public final class InvisibleRunFont {
    private InvisibleRunFont() {
    }

    public static COSDictionary create(PDDocument doc) throws IOException {
        COSDictionary font = new COSDictionary();
        font.setItem(COSName.TYPE, COSName.FONT);
        font.setItem(COSName.SUBTYPE, COSName.getPDFName("Type3"));
        font.setItem(COSName.FONT_BBOX, numbers(0, 0, 0, 0));
        font.setItem(COSName.FONT_MATRIX, numbers(0.001f, 0, 0, 0.001f, 0, 0));
        COSStream empty = doc.getDocument().createCOSStream();
        try (OutputStream out = empty.createOutputStream()) {
            out.write("500 0 d0".getBytes(StandardCharsets.US_ASCII));
        }
        COSDictionary procs = new COSDictionary();
        procs.setItem(COSName.getPDFName("z"), empty);
        font.setItem(COSName.getPDFName("CharProcs"), procs);
        COSArray differences = new COSArray();
        differences.add(COSInteger.ZERO);
        COSArray widths = new COSArray();
        for (int i = 0; i < 256; i++) {
            differences.add(COSName.getPDFName("z"));
            widths.add(COSInteger.get(500));
        }
        COSDictionary encoding = new COSDictionary();
        encoding.setItem(COSName.TYPE, COSName.ENCODING);
        encoding.setItem(COSName.DIFFERENCES, differences);
        font.setItem(COSName.ENCODING, encoding);
        font.setInt(COSName.FIRST_CHAR, 0);
        font.setInt(COSName.LAST_CHAR, 255);
        font.setItem(COSName.WIDTHS, widths);
        font.setItem(COSName.RESOURCES, new COSDictionary());
        COSStream toUnicode = doc.getDocument().createCOSStream();
        try (OutputStream out = toUnicode.createOutputStream(COSName.FLATE_DECODE)) {
            out.write(toUnicodeCMap().getBytes(StandardCharsets.US_ASCII));
        }
        font.setItem(COSName.TO_UNICODE, toUnicode);
        return font;
    }

    static String toUnicodeCMap() {
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

    private static COSArray numbers(float... values) {
        COSArray a = new COSArray();
        for (float v : values) {
            a.add(new COSFloat(v));
        }
        return a;
    }
}
