package dev.aigcmark.text.internal;

import dev.aigcmark.testing.TestSeed;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link PdfPageText} drops overlapping duplicates itself, with PDFBox's rule: the same decisions (and the same
 * exceptions) as the stripper's own suppression, and so the same page text as the stock stripper.
 */
class PdfOverlapFilterTest {
    private static final float[] SPECIAL = {Float.NaN, 0.0f, -0.0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
            Float.MIN_VALUE, -Float.MIN_VALUE, Float.MAX_VALUE};

    /** PDFBox 3.0's suppression in {@code PDFTextStripper#processTextPosition}, as it is written there. */
    private static final class Reference {
        private final Map<String, TreeMap<Float, TreeSet<Float>>> characterListMapping = new HashMap<>();

        boolean keep(String textCharacter, float textX, float textY, float width) {
            TreeMap<Float, TreeSet<Float>> sameTextCharacters =
                    characterListMapping.computeIfAbsent(textCharacter, k -> new TreeMap<>());
            boolean suppressCharacter = false;
            float tolerance = width / textCharacter.length() / 3.0f;
            SortedMap<Float, TreeSet<Float>> xMatches = sameTextCharacters.subMap(textX - tolerance, textX + tolerance);
            for (TreeSet<Float> xMatch : xMatches.values()) {
                SortedSet<Float> yMatches = xMatch.subSet(textY - tolerance, textY + tolerance);
                if (!yMatches.isEmpty()) {
                    suppressCharacter = true;
                    break;
                }
            }
            if (!suppressCharacter) {
                sameTextCharacters.computeIfAbsent(textX, k -> new TreeSet<>()).add(textY);
            }
            return !suppressCharacter;
        }
    }

    @Test
    void sameDecisionsAndExceptionsAsTheStrippersOwnRule() {
        Random random = TestSeed.random("PdfOverlapFilterTest.decisions");
        String[] texts = {"a", "b", "ab", "", "\uFE00", "a\u0301"};
        int dropped = 0;
        int thrown = 0;
        for (int run = 0; run < 400; run++) {
            Reference reference = new Reference();
            PdfPageText.OverlapFilter filter = new PdfPageText.OverlapFilter();
            for (int i = 0; i < 200; i++) {
                String text = texts[random.nextInt(texts.length)];
                float x = coordinate(random);
                float y = coordinate(random);
                // Every fourth run meets a negative or special width now and then (the stripper then throws).
                boolean odd = run % 4 == 0 && random.nextInt(40) == 0;
                float width = !odd ? random.nextInt(12) * 0.5f
                        : random.nextBoolean() ? SPECIAL[random.nextInt(SPECIAL.length)] : -random.nextInt(12) * 0.5f;
                String expected;
                try {
                    expected = String.valueOf(reference.keep(text, x, y, width));
                } catch (RuntimeException e) {
                    expected = e.getClass().getName() + ": " + e.getMessage();
                }
                String actual;
                try {
                    actual = String.valueOf(filter.keep(text, x, y, width));
                } catch (RuntimeException e) {
                    actual = e.getClass().getName() + ": " + e.getMessage();
                }
                assertThat(actual).as("run %d glyph %d: %s at (%s, %s) width %s", run, i, text, x, y, width)
                        .isEqualTo(expected);
                dropped += expected.equals("false") ? 1 : 0;
                if (!expected.equals("true") && !expected.equals("false")) {
                    thrown++;
                    break;
                }
            }
        }
        assertThat(dropped).as("duplicates dropped").isGreaterThan(1000);
        assertThat(thrown).as("runs ended by reversed bounds").isGreaterThan(10);
    }

    /** Near a few spots (so glyphs overlap), sometimes exactly on them, sometimes a special float. */
    private static float coordinate(Random random) {
        return switch (random.nextInt(12)) {
            case 0 -> SPECIAL[random.nextInt(SPECIAL.length)];
            case 1, 2, 3 -> random.nextInt(4) * 10f;
            default -> random.nextInt(4) * 10f + (float) random.nextGaussian() * 2f;
        };
    }

    /**
     * The page text is the stock stripper's (its own suppression on, one stripper for the pages in order, as its
     * actual text runs on across pages); suppression changes it on several pages.
     */
    @Test
    void pagesWithFakeBoldAndActualTextAreTheStockStrippersText() throws Exception {
        Random random = TestSeed.random("PdfOverlapFilterTest.pages");
        byte[] pdf = pages(random);
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PdfPageText ours = new PdfPageText();
            PDFTextStripper stock = stock(true);
            PDFTextStripper keepsAll = stock(false);
            int differ = 0;
            for (int p = 1; p <= doc.getNumberOfPages(); p++) {
                String text = ours.page(doc, p);
                assertThat(ours.laidOut()).as("page %d is laid out", p).isTrue();
                assertThat(text).as("page %d", p).isEqualTo(page(stock, doc, p));
                differ += text.equals(page(keepsAll, doc, p)) ? 0 : 1;
            }
            assertThat(differ).as("pages where suppression changed the text").isGreaterThan(3);
        }
    }

    private static PDFTextStripper stock(boolean suppress) {
        PDFTextStripper stripper = new PDFTextStripper();
        stripper.setSortByPosition(true);
        stripper.setSuppressDuplicateOverlappingText(suppress);
        return stripper;
    }

    private static String page(PDFTextStripper stripper, PDDocument doc, int page) throws IOException {
        stripper.setStartPage(page);
        stripper.setEndPage(page);
        return stripper.getText(doc);
    }

    /**
     * Pages of labelled text drawn twice slightly offset (fake bold) or at random spots, some spans with
     * /ActualText, one left open at the end of its page (the stripper keeps its actual text across pages).
     */
    private static byte[] pages(Random random) throws Exception {
        try (PDDocument doc = new PDDocument()) {
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            String[] words = {"Generated by AI", "AI", "Tides follow the moon.", "I", "A", "aaa", "label"};
            for (int p = 0; p < 8; p++) {
                PDPage page = new PDPage(PDRectangle.A4);
                PDResources resources = new PDResources();
                resources.put(COSName.getPDFName("F1"), font);
                page.setResources(resources);
                StringBuilder ops = new StringBuilder();
                for (int i = 0; i < 60; i++) {
                    String word = words[random.nextInt(words.length)];
                    float size = 6 + random.nextInt(10);
                    float x = 40 + random.nextInt(20) * 20;
                    float y = 800 - random.nextInt(40) * 18;
                    boolean actual = random.nextInt(8) == 0;
                    if (actual) {
                        ops.append("/Span << /ActualText (").append(word.toUpperCase(Locale.ROOT)).append(") >> BDC\n");
                    }
                    int copies = 1 + random.nextInt(3);
                    for (int c = 0; c < copies; c++) {
                        float dx = c == 0 ? 0 : (float) random.nextGaussian();
                        float dy = c == 0 ? 0 : (float) random.nextGaussian() * 0.5f;
                        ops.append(String.format(Locale.ROOT, "BT /F1 %.1f Tf %.3f %.3f Td (%s) Tj ET%n", size,
                                x + dx, y + dy, word));
                    }
                    if (actual) {
                        ops.append("EMC\n");
                    }
                }
                if (p == 3) {
                    ops.append("/Span << /ActualText (open) >> BDC BT /F1 9 Tf 50 50 Td (AI AI) Tj ET\n");
                }
                if (p == 5) {
                    ops.append("EMC\n");
                }
                PDStream stream = new PDStream(doc);
                try (var out = stream.createOutputStream()) {
                    out.write(ops.toString().getBytes(StandardCharsets.US_ASCII));
                }
                page.setContents(stream);
                doc.addPage(page);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        }
    }
}
