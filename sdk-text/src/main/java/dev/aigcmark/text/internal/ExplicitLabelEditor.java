package dev.aigcmark.text.internal;

import dev.aigcmark.core.label.ExplicitLabelWording;
import dev.aigcmark.text.internal.mark.ExplicitLabelDetector;

import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Puts the visible label line at the start and/or end of a text body, replacing a label line an earlier run
 * wrote there (a conforming label line set off by a blank line), so re-marking leaves exactly one label per
 * position and never touches other lines.
 */
public final class ExplicitLabelEditor {
    private final UnaryOperator<String> decorate;
    private final boolean skipHeadings;

    /**
     * @param decorate     turns the wording into the line written ({@code "> " + w} for Markdown)
     * @param skipHeadings whether heading lines can never be labels (Markdown)
     */
    public ExplicitLabelEditor(UnaryOperator<String> decorate, boolean skipHeadings) {
        this.decorate = decorate;
        this.skipHeadings = skipHeadings;
    }

    /** Whether a placement asks for a label at the start; null means the default, start. */
    public static boolean atStart(String placement) {
        String p = placement == null ? "start" : placement.toLowerCase(Locale.ROOT);
        requireKnown(p);
        return p.equals("start") || p.equals("both");
    }

    public static boolean atEnd(String placement) {
        String p = placement == null ? "start" : placement.toLowerCase(Locale.ROOT);
        requireKnown(p);
        return p.equals("end") || p.equals("both");
    }

    private static void requireKnown(String p) {
        if (!List.of("start", "end", "both").contains(p)) {
            throw new IllegalArgumentException("text label placement must be start, end or both, not '" + p + "'");
        }
    }

    public String apply(String body, String wording, String placement) {
        ExplicitLabelWording.requireConforming(wording);
        boolean start = atStart(placement);
        boolean end = atEnd(placement);
        String nl = Lines.newline(body);
        String line = decorate.apply(wording);
        String text = removeAtEnd(removeAtStart(body));
        if (end) {
            int trimmed = TextDocuments.beforeTrailingBreaks(text);
            String tail = text.substring(trimmed);
            String head = text.substring(0, trimmed);
            text = head.isEmpty() ? line + (tail.isEmpty() ? "" : nl) : head + nl + nl + line + (tail.isEmpty() ? "" : nl);
        }
        if (start) {
            text = text.isEmpty() ? line + nl : line + nl + nl + text;
        }
        return text;
    }

    /** Drops a label line at the very start that is followed by a blank line (or nothing), with that blank line. */
    private String removeAtStart(String text) {
        List<Lines.Line> lines = Lines.of(text, 0, text.length(), 3);
        if (lines.isEmpty() || !isOurLabel(lines.get(0).content(text))) {
            return text;
        }
        if (lines.size() == 1) {
            return "";
        }
        if (!lines.get(1).isBlank(text)) {
            return text;
        }
        return text.substring(lines.get(1).end());
    }

    /** Drops a label line at the very end that follows a blank line, with that blank line. */
    private String removeAtEnd(String text) {
        List<Lines.Line> lines = Lines.of(text);
        int last = lines.size() - 1;
        while (last >= 0 && lines.get(last).isBlank(text)) {
            last--;
        }
        if (last < 1 || !isOurLabel(lines.get(last).content(text)) || !lines.get(last - 1).isBlank(text)) {
            return text;
        }
        int keepEnd = lines.get(last - 1).start();
        // Keep the break that ended the paragraph before the blank line, and the text's own trailing break.
        String tail = text.substring(lines.get(last).contentEnd());
        String head = text.substring(0, keepEnd);
        int headBreak = TextDocuments.beforeTrailingBreaks(head);
        return head.substring(0, headBreak) + (tail.isEmpty() ? "" : tail);
    }

    private boolean isOurLabel(String line) {
        String label = ExplicitLabelDetector.labelText(line, skipHeadings);
        return label != null && ExplicitLabelWording.conforms(label);
    }
}
