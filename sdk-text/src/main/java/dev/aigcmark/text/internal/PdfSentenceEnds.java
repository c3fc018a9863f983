package dev.aigcmark.text.internal;

import dev.aigcmark.text.internal.mark.TextMarks;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Where on a PDF page the text mark goes so that copied text keeps it: right after the glyphs of the
 * sentence ends {@link TextMarks} would choose in the page's text, in the page's upright (displayed)
 * coordinates. An invisible run there sorts into the text exactly after the full stop, for extractors that
 * order text by position and for viewers copying a selection.
 */
public final class PdfSentenceEnds {
    private PdfSentenceEnds() {
    }

    /** One spot: x after the glyph and the baseline y, upright page space (origin bottom left), and the glyph's height. */
    public record Spot(float x, float y, float size) {
    }

    public static List<Spot> spots(PDDocument doc, int pageIndex, float displayHeight) throws IOException {
        PdfResourceCache.keepFor(doc); // the fonts made once for all the pages marked
        Collector c = new Collector();
        c.setSortByPosition(true);
        c.setStartPage(pageIndex + 1);
        c.setEndPage(pageIndex + 1);
        PdfFilterBounds.reading(doc, () -> c.getText(doc));
        List<Spot> spots = new ArrayList<>();
        String text = c.text.toString();
        for (int at : TextMarks.placements(text, i -> c.positions.get(i) != null)) {
            TextPosition p = c.positions.get(at - 1);
            if (p != null) {
                spots.add(new Spot(p.getX() + p.getWidth(), displayHeight - p.getY(), Math.max(1f, p.getHeight())));
            }
        }
        return spots;
    }

    /** The page text with, for each char, the glyph it came from (null for separators the stripper adds). */
    private static final class Collector extends PDFTextStripper {
        final StringBuilder text = new StringBuilder();
        final List<TextPosition> positions = new ArrayList<>();

        Collector() {
            PdfFontOperators.install(this); // each font made once per document, as for the text read
        }

        @Override
        protected void writeString(String string, List<TextPosition> glyphs) {
            for (TextPosition g : glyphs) {
                String u = g.getUnicode();
                for (int k = 0; k < u.length(); k++) {
                    text.append(u.charAt(k));
                    positions.add(k == u.length() - 1 ? g : null);
                }
            }
        }

        @Override
        protected void writeWordSeparator() {
            text.append(' ');
            positions.add(null);
        }

        @Override
        protected void writeLineSeparator() {
            text.append('\n');
            positions.add(null);
        }
    }
}
