package dev.aigcmark.text.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The YAML scalars a label block uses, one line each: double-quoted, single-quoted or plain. Plain scalars
 * that YAML types as numbers, booleans or null come back as JSON literals, so the label parser can say
 * "Label is a number, not a string" exactly as YAML would read it. Multi-line and block scalars are
 * reported, not guessed.
 */
public final class YamlScalar {
    private static final Pattern NUMBER = Pattern.compile("[-+]?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][-+]?[0-9]+)?");
    private static final Pattern BOOL = Pattern.compile("true|True|TRUE|false|False|FALSE");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NULL = Pattern.compile("~|null|Null|NULL");

    /** A scalar as JSON text ({@code "x"}, {@code 1}, {@code null}), or an error message. */
    public record Result(String json, String error) {
        static Result ok(String json) {
            return new Result(json, null);
        }

        static Result error(String message) {
            return new Result(null, message);
        }

        public boolean ok() {
            return error == null;
        }
    }

    private YamlScalar() {
    }

    /** The value part of {@code key: value} (may be empty). Flow collections come back raw. */
    public static Result parse(String raw) {
        String s = raw.strip();
        if (s.isEmpty() || s.startsWith("#")) {
            return Result.ok("null");
        }
        char c = s.charAt(0);
        if (c == '"') {
            return doubleQuoted(s);
        }
        if (c == '\'') {
            return singleQuoted(s);
        }
        if (c == '|' || c == '>') {
            return Result.error("block scalars (| or >) are not supported in the AIGC block");
        }
        if (c == '{' || c == '[') {
            return Result.ok(s);
        }
        int comment = s.indexOf(" #");
        String plain = (comment >= 0 ? s.substring(0, comment) : s).strip();
        if (NUMBER.matcher(plain).matches()) {
            return Result.ok(plain.startsWith("+") ? plain.substring(1) : plain);
        }
        if (BOOL.matcher(plain).matches()) {
            return Result.ok(plain.toLowerCase(Locale.ROOT));
        }
        if (NULL.matcher(plain).matches()) {
            return Result.ok("null");
        }
        return Result.ok(quote(plain));
    }

    /** The scalar's string value when it is a string, else null (for {@code AIGC: '{...}'}). */
    public static String stringValue(Result r) {
        if (!r.ok() || !r.json().startsWith("\"")) {
            return null;
        }
        return unquoteJson(r.json());
    }

    private static Result doubleQuoted(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 1;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '"') {
                return rest(s, i + 1, out.toString());
            }
            if (c != '\\') {
                out.append(c);
                i++;
                continue;
            }
            if (i + 1 >= s.length()) {
                break;
            }
            char e = s.charAt(i + 1);
            i += 2;
            switch (e) {
                case '"', '\\', '/' -> out.append(e);
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case '0' -> out.append('\0');
                case ' ' -> out.append(' ');
                case 'x', 'u', 'U' -> {
                    int n = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                    if (i + n > s.length()) {
                        return Result.error("cut-short \\" + e + " escape in a double-quoted value");
                    }
                    try {
                        out.appendCodePoint(Integer.parseInt(s.substring(i, i + n), 16));
                    } catch (IllegalArgumentException ex) {
                        return Result.error("bad \\" + e + " escape in a double-quoted value");
                    }
                    i += n;
                }
                default -> {
                    return Result.error("unknown escape \\" + e + " in a double-quoted value");
                }
            }
        }
        return Result.error("double-quoted value does not end on its line (multi-line values are not supported)");
    }

    private static Result singleQuoted(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 1;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\'') {
                if (i + 1 < s.length() && s.charAt(i + 1) == '\'') {
                    out.append('\'');
                    i += 2;
                    continue;
                }
                return rest(s, i + 1, out.toString());
            }
            out.append(c);
            i++;
        }
        return Result.error("single-quoted value does not end on its line (multi-line values are not supported)");
    }

    private static Result rest(String s, int from, String value) {
        String rest = s.substring(from).strip();
        if (!rest.isEmpty() && !rest.startsWith("#")) {
            return Result.error("unexpected text after a quoted value: '" + rest + "'");
        }
        return Result.ok(quote(value));
    }

    /**
     * A string as a YAML double-quoted scalar, which for these characters is also a JSON string: {@code "} and
     * {@code \} escaped, control characters as {@code \}{@code uXXXX}, everything else as is.
     */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) || c == '\u2028' || c == '\u2029' || c == '\uFEFF') {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    /** Reverses {@link #quote} (and any JSON string literal). */
    static String unquoteJson(String json) {
        try {
            return JSON.readValue(json, String.class);
        } catch (IOException e) {
            return null;
        }
    }
}
