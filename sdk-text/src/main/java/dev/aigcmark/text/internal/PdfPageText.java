package dev.aigcmark.text.internal;

import dev.aigcmark.text.internal.mark.ExplicitLabelDetector;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The text of one PDF page for verification, laid out only where layout can matter. PDFBox's text stripper
 * (sorted by position, overlapping duplicates suppressed, words and lines rebuilt) was most of a PDF's verification;
 * its output matters for explicit labels, which are found line by line. So each glyph's Unicode (the stripper's
 * own, from the same {@link TextPosition}) is first collected in content-stream order, one line per text object;
 * when those characters, in any order, could spell the AI word every label needs
 * ({@link ExplicitLabelDetector#mayHoldLabel}), the glyphs are handed to the stripper and the page's text is
 * exactly what it was before; otherwise the stream-order text, which holds every glyph, is the page's text. Labels
 * cannot be missed, since the test looks at the characters the stripper would lay out; our text mark (one run per
 * text object in the overlay) reads the same from either. Not thread-safe: one per scan.
 */
public final class PdfPageText extends PDFTextStripper {
    private final List<TextPosition> glyphs = new ArrayList<>();
    private final StringBuilder streamOrder = new StringBuilder();
    private boolean laidOut;

    public PdfPageText() {
        setSortByPosition(true);
    }

    /** The text of page {@code page} (1-based). */
    public String page(PDDocument doc, int page) throws IOException {
        setStartPage(page);
        setEndPage(page);
        glyphs.clear();
        streamOrder.setLength(0);
        laidOut = false;
        String stripped = getText(doc);
        return laidOut ? stripped : streamOrder.toString();
    }

    /** Whether the last page read was laid out by the stripper (its text is then exactly the stripper's). */
    public boolean laidOut() {
        return laidOut;
    }

    @Override
    public void beginText() throws IOException {
        super.beginText();
        streamOrder.append('\n');
    }

    @Override
    protected void processTextPosition(TextPosition text) {
        glyphs.add(text);
        streamOrder.append(text.getUnicode());
    }

    /** Called by the stripper once the page's content was processed: lays it out only if it may hold a label. */
    @Override
    protected void writePage() throws IOException {
        laidOut = ExplicitLabelDetector.mayHoldLabel(streamOrder);
        if (laidOut) {
            for (TextPosition t : glyphs) {
                super.processTextPosition(t);
            }
            super.writePage();
        }
    }
}
