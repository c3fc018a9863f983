package dev.aigcmark.text.internal;

import dev.aigcmark.text.internal.mark.ExplicitLabelDetector;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.documentinterchange.markedcontent.PDMarkedContent;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The text of one PDF page for verification, laid out only where layout can matter. PDFBox's text stripper
 * (sorted by position, overlapping duplicates suppressed, words and lines rebuilt) was most of a PDF's verification;
 * its output matters for explicit labels, which are found line by line. So each glyph's Unicode (the stripper's
 * own, from the same {@link TextPosition}) is first collected in content-stream order, one line per text object;
 * when those characters, in any order, could spell the AI word every label needs
 * ({@link ExplicitLabelDetector#mayHoldLabel}), the glyphs are handed to the stripper and the page's text is
 * exactly the stock stripper's; otherwise the stream-order text, which holds every glyph, is the page's text. Labels
 * cannot be missed, since the test looks at the characters the stripper would lay out; our text mark (one run per
 * text object in the overlay) reads the same from either.
 *
 * <p>Overlapping duplicates (a glyph drawn again over itself, as for fake bold) are dropped here, with the
 * stripper's own rule ({@link OverlapFilter}), before the glyphs are handed to it; the stripper's suppression, which
 * keeps the glyphs in a map of tree maps of boxed floats, was about a fifth of a laid-out page.
 *
 * <p>The stripper gives the glyphs of an {@code /ActualText} span that span's text (the first glyph the whole
 * text, the others none) and keeps them all. Since the glyphs reach it only once the page was read, the page's
 * marked-content starts and ends are collected with them and handed over in order, so each span's text goes to its
 * own glyphs; the stream-order text (and so the label test) carries the same actual text. The stripper's actual
 * text runs on from page to page in the order they are read, as this class's does: not thread-safe, one per scan.
 *
 * <p>The document's fonts are made once for all its pages ({@link PdfResourceCache}), not again for each page, those
 * given directly and an ExtGState's too ({@link PdfFontOperators}).
 */
public final class PdfPageText extends PDFTextStripper {
    /** Marks the end of a marked-content sequence among {@link #events}. */
    private static final Object END = new Object();

    /**
     * The page's content-stream events in order, handed to the stripper at {@link #writePage}: each glyph (a
     * {@link TextPosition}, or a {@link Spanned} one where it lies in an /ActualText span), each marked-content
     * sequence's start ({@link Begin}) and end ({@link #END}).
     */
    private final List<Object> events = new ArrayList<>();
    private final StringBuilder streamOrder = new StringBuilder();
    private final OverlapFilter overlaps = new OverlapFilter();
    /** Whether each open marked-content sequence has /ActualText, as the stripper's own stack sees it. */
    private final Deque<Boolean> markedContents = new ArrayDeque<>();
    /** The stripper's current actual text, as it will be when the next glyph is handed to it (null: none). */
    private String actualText;
    /** Whether the next glyph is the first of the current actual text (it then carries the whole text). */
    private boolean firstActualTextPosition;
    private boolean laidOut;

    /** A marked-content sequence's start, as the content stream gave it. */
    private record Begin(COSName tag, COSDictionary properties) {
    }

    /** A glyph drawn while an actual text was set: the stripper keeps it, duplicates too. */
    private record Spanned(TextPosition glyph) {
    }

    public PdfPageText() {
        setSortByPosition(true);
        setSuppressDuplicateOverlappingText(false);
        PdfFontOperators.install(this);
    }

    /** The text of page {@code page} (1-based). */
    public String page(PDDocument doc, int page) throws IOException {
        // events left by a page whose reading failed: the stripper still sees its marked content, in order
        handOver(false);
        PdfResourceCache.keepFor(doc); // each font made once per document, not once per page
        setStartPage(page);
        setEndPage(page);
        streamOrder.setLength(0);
        laidOut = false;
        String stripped = PdfFilterBounds.reading(doc, () -> getText(doc));
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

    /**
     * Follows the stripper's own actual-text state, which it sets here (PDFBox 3.0.8): the sequence's /ActualText,
     * soft hyphens removed, or none, even inside an enclosing span that has one. The stripper itself is told at
     * {@link #writePage}, in order with the glyphs.
     */
    @Override
    public void beginMarkedContentSequence(COSName tag, COSDictionary properties) {
        String text = PDMarkedContent.create(tag, properties).getActualText();
        markedContents.push(text != null);
        actualText = text == null ? null : text.replace("\u00AD", "");
        if (text != null) {
            firstActualTextPosition = true;
        }
        events.add(new Begin(tag, properties));
    }

    /** The stripper clears its actual text when the sequence ending had one; a stray end changes nothing. */
    @Override
    public void endMarkedContentSequence() {
        Boolean top = markedContents.peek();
        if (top != null) {
            if (top) {
                actualText = null;
            }
            markedContents.pop();
        }
        events.add(END);
    }

    /**
     * Collects a glyph; its text in stream order is the stripper's: under an actual text, the first glyph carries
     * the whole text and the others none.
     */
    @Override
    protected void processTextPosition(TextPosition text) {
        if (actualText != null) {
            streamOrder.append(firstActualTextPosition ? actualText : "");
            firstActualTextPosition = false;
            events.add(new Spanned(text));
        } else {
            streamOrder.append(text.getUnicode());
            events.add(text);
        }
    }

    /** Called by the stripper once the page's content was processed: lays it out only if it may hold a label. */
    @Override
    protected void writePage() throws IOException {
        laidOut = ExplicitLabelDetector.mayHoldLabel(streamOrder);
        handOver(laidOut);
        if (laidOut) {
            super.writePage();
        }
    }

    /**
     * Tells the stripper the collected events in order: every marked-content start and end (its actual text, kept
     * across pages, stays as the content stream left it) and, when {@code glyphs}, the glyphs, overlapping
     * duplicates dropped but those under an actual text. The stripper then gives each glyph its span's actual text.
     */
    private void handOver(boolean glyphs) {
        overlaps.clear();
        for (Object e : events) {
            if (e instanceof TextPosition t) {
                if (glyphs && overlaps.keep(t)) {
                    super.processTextPosition(t);
                }
            } else if (e instanceof Spanned s) {
                if (glyphs) {
                    super.processTextPosition(s.glyph());
                }
            } else if (e == END) {
                super.endMarkedContentSequence();
            } else {
                Begin b = (Begin) e;
                super.beginMarkedContentSequence(b.tag(), b.properties());
            }
        }
        events.clear();
    }

    /**
     * PDFBox 3's rule for overlapping duplicates ({@code PDFTextStripper#processTextPosition} with duplicate
     * suppression on), kept in flat arrays: a glyph is dropped when a glyph kept earlier on the page with the same
     * text lies at x in {@code [x - t, x + t)} and y in {@code [y - t, y + t)}, {@code t} being the glyph's width
     * divided by its text's length and by 3, all in float arithmetic and compared as the stripper's {@link Float}
     * keys are ({@link Float#compare}). Reversed bounds throw the {@link IllegalArgumentException} the stripper's
     * {@code subMap} / {@code subSet} would: the x bounds always, the y bounds at the first glyph in the x range.
     */
    static final class OverlapFilter {
        private final Map<String, Kept> byText = new HashMap<>();

        void clear() {
            byText.clear();
        }

        boolean keep(TextPosition t) {
            return keep(t.getUnicode(), t.getX(), t.getY(), t.getWidth());
        }

        /** Whether a glyph of {@code text} at ({@code x}, {@code y}) is kept; remembers it if so. */
        boolean keep(String text, float x, float y, float width) {
            return byText.computeIfAbsent(text, k -> new Kept()).keep(x, y, width / text.length() / 3.0f);
        }
    }

    /**
     * The glyphs kept with one text, in x order: each as one long, x's {@link #key} in the high half and y's in the
     * low, so that {@link Float#compare} is an int comparison and one array holds them.
     */
    private static final class Kept {
        private long[] glyphs = new long[16];
        private int size;

        boolean keep(float x, float y, float tolerance) {
            int fromX = key(x - tolerance);
            int toX = key(x + tolerance);
            if (fromX > toX) {
                throw new IllegalArgumentException("fromKey > toKey");
            }
            int fromY = key(y - tolerance);
            int toY = key(y + tolerance);
            int xKey = key(x);
            long[] g = glyphs;
            int i = firstAtLeast((long) fromX << 32);
            // where the glyph goes if kept (the list is in x order; equal x in any order): found by the scan when
            // its x lies in the scanned range (always, but for NaN or infinite values: then searched)
            int at = xKey >= fromX && xKey <= toX ? -1 : firstAtLeast((long) xKey << 32);
            for (; i < size && (int) (g[i] >> 32) < toX; i++) {
                if (fromY > toY) {
                    throw new IllegalArgumentException("fromKey > toKey");
                }
                int keptY = (int) g[i];
                if (keptY >= fromY && keptY < toY) {
                    return false;
                }
                if (at < 0 && (int) (g[i] >> 32) >= xKey) {
                    at = i;
                }
            }
            if (at < 0) {
                at = i;
            }
            if (size == g.length) {
                glyphs = g = Arrays.copyOf(g, 2 * size);
            }
            System.arraycopy(g, at, g, at + 1, size - at);
            g[at] = (long) xKey << 32 | (key(y) & 0xFFFFFFFFL);
            size++;
            return true;
        }

        /** The first index whose glyph is not below {@code glyph} (whose x is not below the high half's). */
        private int firstAtLeast(long glyph) {
            int lo = 0;
            int hi = size;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (glyphs[mid] < glyph) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }

        /**
         * An int in {@link Float#compare}'s order: the raw bits for positive floats, the magnitude bits flipped for
         * negative ones (so -0.0 comes just below 0.0), and every NaN as one value above positive infinity.
         */
        static int key(float f) {
            int bits = Float.floatToIntBits(f);
            return bits ^ ((bits >> 31) & 0x7FFFFFFF);
        }
    }
}
