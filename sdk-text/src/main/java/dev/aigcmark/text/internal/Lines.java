package dev.aigcmark.text.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A text cut into lines without losing a byte: each line knows where its content ends and where its line
 * break (LF, CRLF or CR) ends, so edits can keep every untouched line exactly as it was.
 */
public final class Lines {

    /** One line: {@code text[start, contentEnd)} is its content, {@code text[contentEnd, end)} its break. */
    public record Line(int start, int contentEnd, int end) {
        public String content(CharSequence text) {
            return text.subSequence(start, contentEnd).toString();
        }

        public boolean isBlank(CharSequence text) {
            return Invisible.strip(content(text)).isBlank();
        }
    }

    private Lines() {
    }

    public static List<Line> of(CharSequence text) {
        return of(text, 0, text.length(), Integer.MAX_VALUE);
    }

    /** The lines of {@code text[from, to)}, at most {@code maxLines} of them. */
    public static List<Line> of(CharSequence text, int from, int to, int maxLines) {
        List<Line> lines = new ArrayList<>();
        int i = from;
        while (i < to && lines.size() < maxLines) {
            int start = i;
            while (i < to && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
                i++;
            }
            int contentEnd = i;
            if (i < to && text.charAt(i) == '\r') {
                i++;
            }
            if (i < to && text.charAt(i) == '\n' && (i == contentEnd || text.charAt(i - 1) == '\r')) {
                i++;
            }
            lines.add(new Line(start, contentEnd, i));
        }
        return lines;
    }

    /** The line break the text uses most, LF when it has none: new lines we write use the same. */
    public static String newline(CharSequence text) {
        int crlf = 0;
        int lf = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                if (i > 0 && text.charAt(i - 1) == '\r') {
                    crlf++;
                } else {
                    lf++;
                }
            }
        }
        return crlf > lf ? "\r\n" : "\n";
    }
}
