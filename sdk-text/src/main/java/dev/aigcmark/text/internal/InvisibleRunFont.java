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

    /**
     * The ToUnicode map as two ranges (codes 00-0F to U+FE00-FE0F, 10-FF to U+E0100-E01EF, whose UTF-16 low
     * surrogate DD00-DDEF stays within its last byte): the same 256 mappings as one {@code bfchar} line per code,
     * which a reader parsed for ~4 % of a PDF verification.
     */
    static String toUnicodeCMap() {
        return "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                + "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                + "/CMapName /AIGCMark-VS def\n/CMapType 2 def\n"
                + "1 begincodespacerange\n<00> <FF>\nendcodespacerange\n"
                + "2 beginbfrange\n"
                + range(0x00, 0x0F) + range(0x10, 0xFF)
                + "endbfrange\n"
                + "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
    }

    /** One bfrange line: codes {@code from..to} to the selectors of those bytes, consecutive in UTF-16. */
    private static String range(int from, int to) {
        StringBuilder line = new StringBuilder(String.format("<%02X> <%02X> <", from, to));
        for (char c : Character.toChars(VariationSelectors.codePoint(from))) {
            line.append(String.format("%04X", (int) c));
        }
        return line.append(">\n").toString();
    }

    private static COSArray numbers(float... values) {
        COSArray a = new COSArray();
        for (float v : values) {
            a.add(new COSFloat(v));
        }
        return a;
    }
}
