package dev.aigcmark.text.internal;

import java.util.BitSet;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Which characters of a Markdown body are prose, where an invisible mark may follow a sentence end: not
 * fenced or indented code blocks, not inline code spans (a mark there would change what a reader copies
 * as code).
 */
public final class MarkdownProse {
    private MarkdownProse() {
    }

    public static IntPredicate markable(String body) {
        BitSet code = new BitSet(body.length());
        List<Lines.Line> lines = Lines.of(body);
        String fence = null;
        boolean previousBlank = true;
        for (Lines.Line line : lines) {
            String content = line.content(body);
            String trimmed = content.stripLeading();
            int indent = content.length() - trimmed.length();
            if (fence != null) {
                code.set(line.start(), line.end());
                if (indent < 4 && trimmed.startsWith(fence)) {
                    fence = null;
                }
                continue;
            }
            if (indent < 4 && (trimmed.startsWith("```") || trimmed.startsWith("~~~"))) {
                fence = trimmed.substring(0, 3);
                code.set(line.start(), line.end());
                continue;
            }
            boolean blank = trimmed.isEmpty();
            if (!blank && previousBlank && (content.startsWith("    ") || content.startsWith("\t"))) {
                code.set(line.start(), line.end());
                continue; // an indented code block line (a lazy continuation keeps previousBlank false)
            }
            markInlineCode(body, line, code);
            previousBlank = blank;
        }
        return i -> !code.get(i);
    }

    private static void markInlineCode(String body, Lines.Line line, BitSet code) {
        int i = line.start();
        while (i < line.contentEnd()) {
            if (body.charAt(i) != '`') {
                i++;
                continue;
            }
            int open = i;
            while (i < line.contentEnd() && body.charAt(i) == '`') {
                i++;
            }
            String ticks = body.substring(open, i);
            int close = body.indexOf(ticks, i);
            if (close < 0 || close >= line.contentEnd()) {
                return;
            }
            code.set(open, close + ticks.length());
            i = close + ticks.length();
        }
    }
}
