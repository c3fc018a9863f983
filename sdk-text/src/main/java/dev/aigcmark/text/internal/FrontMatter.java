package dev.aigcmark.text.internal;

import dev.aigcmark.core.label.AigcLabel;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Markdown YAML front matter and the GB 45438 {@code AIGC:} block in it. Only the block is parsed (a small,
 * bounded reader, not a YAML library): every other line is kept exactly as it is, so an edit changes the
 * block and nothing else.
 *
 * <p>The block is read as found: keys are taken verbatim (a misnamed {@code ReserveCode1} stays misnamed so
 * the label parser reports it) and values keep their YAML type ({@code Label: 1} is a number).
 */
public final class FrontMatter {
    /** Front matter longer than this many lines is treated as absent (a Markdown file starting with a rule). */
    public static final int MAX_LINES = 10_000;
    private static final int MAX_ENTRIES = 64;
    private static final Pattern FENCE = Pattern.compile("---[ \\t]*");
    private static final Pattern CLOSE = Pattern.compile("(---|\\.\\.\\.)[ \\t]*");
    private static final Pattern TOP_KEY = Pattern.compile("(\"AIGC\"|'AIGC'|AIGC)[ \\t]*:(?:[ \\t](.*))?");
    private static final Pattern ENTRY = Pattern.compile("([ \\t]+)(\"[^\"]*\"|'[^']*'|[^\\s:#'\"][^:]*?)[ \\t]*:(?:[ \\t](.*))?");

    private final int openStart;
    private final int closeStart;
    private final int bodyStart;
    private final List<Block> blocks;

    /**
     * One {@code AIGC:} block.
     *
     * @param line     1-based line of its key in the file
     * @param start    char index where its first line starts
     * @param end      char index after its last line (with the line break)
     * @param json     the block as JSON text, keys and value types as found
     * @param problems what could not be read (multi-line values, nesting...)
     */
    public record Block(int line, int start, int end, String json, List<String> problems) {
    }

    private FrontMatter(int openStart, int closeStart, int bodyStart, List<Block> blocks) {
        this.openStart = openStart;
        this.closeStart = closeStart;
        this.bodyStart = bodyStart;
        this.blocks = List.copyOf(blocks);
    }

    /** Char index where the {@code ---} opening line starts (after a BOM). */
    public int openStart() {
        return openStart;
    }

    /** Char index of the closing line. */
    public int closeStart() {
        return closeStart;
    }

    /** Char index where the Markdown body starts (after the closing line). */
    public int bodyStart() {
        return bodyStart;
    }

    public List<Block> blocks() {
        return blocks;
    }

    /** The front matter at the start of {@code text} (after an optional BOM), if there is one. */
    public static Optional<FrontMatter> parse(String text, int maxChars) {
        int open = text.startsWith("\uFEFF") ? 1 : 0;
        int limit = Math.min(text.length(), open + maxChars);
        List<Lines.Line> lines = Lines.of(text, open, limit, MAX_LINES);
        if (lines.isEmpty() || !FENCE.matcher(lines.get(0).content(text)).matches() || lines.get(0).end() == lines.get(0).contentEnd()) {
            return Optional.empty();
        }
        int close = -1;
        for (int i = 1; i < lines.size(); i++) {
            if (CLOSE.matcher(lines.get(i).content(text)).matches()) {
                close = i;
                break;
            }
        }
        if (close < 0) {
            return Optional.empty();
        }
        List<Block> blocks = new ArrayList<>();
        for (int i = 1; i < close; i++) {
            Matcher m = TOP_KEY.matcher(lines.get(i).content(text));
            if (m.matches()) {
                i = readBlock(text, lines, i, close, m.group(2), blocks) - 1;
            }
        }
        return Optional.of(new FrontMatter(open, lines.get(close).start(), lines.get(close).end(), blocks));
    }

    /** Reads the block whose key is on line {@code keyIndex}; returns the index of the first line after it. */
    private static int readBlock(String text, List<Lines.Line> lines, int keyIndex, int close, String inline,
                                 List<Block> out) {
        List<String> problems = new ArrayList<>();
        int start = lines.get(keyIndex).start();
        YamlScalar.Result inlineValue = YamlScalar.parse(inline == null ? "" : inline);
        if (!"null".equals(inlineValue.json())) {
            // AIGC: {"Label":"1",...} (flow mapping) or AIGC: '{"Label":...}' (JSON in a string).
            String json = inlineValue.ok() ? inlineValue.json() : inline;
            String asString = YamlScalar.stringValue(inlineValue);
            if (!inlineValue.ok()) {
                problems.add("line " + (keyIndex + 1) + ": " + inlineValue.error());
            }
            // Indented lines after an inline value (a flow mapping spread over lines, or junk) belong to this key:
            // they go with the block when it is replaced, so no stray line joins the block we write.
            int end = lines.get(keyIndex).end();
            int i = keyIndex + 1;
            for (; i < close; i++) {
                String line = lines.get(i).content(text);
                if (line.isBlank() || line.strip().startsWith("#")) {
                    continue;
                }
                if (line.length() == line.stripLeading().length()) {
                    break;
                }
                end = lines.get(i).end();
                problems.add("line " + (i + 1) + ": indented line after the inline AIGC value is not read");
            }
            out.add(new Block(keyIndex + 1, start, end, asString != null ? asString : json, problems));
            return i;
        }
        StringBuilder json = new StringBuilder("{");
        int entries = 0;
        int indent = -1;
        int end = lines.get(keyIndex).end();
        int i = keyIndex + 1;
        for (; i < close; i++) {
            String line = lines.get(i).content(text);
            String stripped = line.strip();
            if (stripped.isEmpty() || stripped.startsWith("#")) {
                continue;
            }
            int lead = line.length() - line.stripLeading().length();
            if (lead == 0) {
                break;
            }
            end = lines.get(i).end();
            Matcher m = ENTRY.matcher(line);
            if (indent >= 0 && lead > indent || !m.matches()) {
                problems.add("line " + (i + 1) + ": '" + stripped + "' is not a 'Key: value' line of the AIGC block"
                        + " (nested or multi-line values are not supported)");
                continue;
            }
            indent = lead;
            if (++entries > MAX_ENTRIES) {
                problems.add("the AIGC block has more than " + MAX_ENTRIES + " entries; the rest is ignored");
                break;
            }
            YamlScalar.Result value = YamlScalar.parse(m.group(3) == null ? "" : m.group(3));
            if (!value.ok()) {
                problems.add("line " + (i + 1) + ": " + value.error());
                continue;
            }
            if (json.length() > 1) {
                json.append(',');
            }
            json.append(YamlScalar.quote(unquoteKey(m.group(2)))).append(':').append(value.json());
        }
        out.add(new Block(keyIndex + 1, start, end, json.append('}').toString(), problems));
        return i;
    }

    private static String unquoteKey(String key) {
        if (key.length() >= 2 && (key.startsWith("\"") || key.startsWith("'"))) {
            return key.substring(1, key.length() - 1);
        }
        return key;
    }

    /** The block we write: the seven keys in Annex E order, every value a double-quoted string. */
    public static String blockText(AigcLabel label, String newline) {
        StringBuilder sb = new StringBuilder(512).append("AIGC:").append(newline);
        for (String key : AigcLabel.KEYS) {
            sb.append("  ").append(key).append(": ").append(YamlScalar.quote(label.get(key))).append(newline);
        }
        return sb.toString();
    }

    /**
     * {@code text} with exactly one AIGC block holding {@code label}: the first existing block is replaced in
     * place and any others removed; without one the block goes last in the front matter; without front
     * matter, a new one is put first. Every other line is kept byte for byte.
     */
    public static String withLabel(String text, AigcLabel label, int maxChars) {
        String nl = Lines.newline(text);
        String block = blockText(label, nl);
        Optional<FrontMatter> fm = parse(text, maxChars);
        if (fm.isEmpty()) {
            int open = text.startsWith("\uFEFF") ? 1 : 0;
            return text.substring(0, open) + "---" + nl + block + "---" + nl + text.substring(open);
        }
        List<Block> blocks = fm.get().blocks();
        if (blocks.isEmpty()) {
            return text.substring(0, fm.get().closeStart()) + block + text.substring(fm.get().closeStart());
        }
        StringBuilder sb = new StringBuilder(text.length() + block.length());
        int from = 0;
        for (int k = 0; k < blocks.size(); k++) {
            sb.append(text, from, blocks.get(k).start());
            if (k == 0) {
                sb.append(block);
            }
            from = blocks.get(k).end();
        }
        return sb.append(text, from, text.length()).toString();
    }
}
