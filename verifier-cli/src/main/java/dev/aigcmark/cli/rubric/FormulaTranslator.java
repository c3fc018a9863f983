package dev.aigcmark.cli.rubric;

/**
 * Rewrites a rubric expression (json-formula, the JMESPath dialect the C2PA rubrics are written in) into plain
 * JMESPath for {@code io.burt:jmespath}. json-formula swaps JMESPath's quotes and adds globals:
 * <ul>
 *   <li>{@code "text"} is a string in json-formula, a quoted field name in JMESPath: it becomes {@code 'text'};</li>
 *   <li>{@code 'field.name'} is a quoted field name in json-formula, a string in JMESPath: it becomes
 *       {@code "field.name"};</li>
 *   <li>{@code $name} (a rubric variable, a parameter {@code $args} / {@code $arg0}, or a global such as
 *       {@code $expected_spec_version}) becomes the call {@code __var('name')};</li>
 *   <li>a named expression call {@code _name(a, b)} becomes {@code _name(@, a, b)}: JMESPath functions do not see
 *       the current node, so it is passed first.</li>
 * </ul>
 * A bare number ({@code length(x) > 0}) is a value in json-formula but not in JMESPath: it becomes the JSON
 * literal {@code `0`}, except as an index or slice bound ({@code [0]}, {@code [1:2]}).
 * JSON literals in backticks pass unchanged. json-formula's arithmetic and string operators are not JMESPath;
 * a statement that uses them fails to compile and is reported as an error, not as passed or failed.
 */
final class FormulaTranslator {
    private FormulaTranslator() {
    }

    static String toJmesPath(String formula) {
        StringBuilder out = new StringBuilder(formula.length() + 16);
        int i = 0;
        int n = formula.length();
        while (i < n) {
            char c = formula.charAt(i);
            if (c == '`') {
                int end = closing(formula, i, '`');
                out.append(formula, i, end + 1);
                i = end + 1;
            } else if (c == '"') {
                int end = closing(formula, i, '"');
                out.append('\'').append(unescape(formula.substring(i + 1, end), '"').replace("'", "\\'")).append('\'');
                i = end + 1;
            } else if (c == '\'') {
                int end = closing(formula, i, '\'');
                out.append('"').append(unescape(formula.substring(i + 1, end), '\'').replace("\"", "\\\"")).append('"');
                i = end + 1;
            } else if (c == '$' && i + 1 < n && isNameStart(formula.charAt(i + 1))) {
                int end = nameEnd(formula, i + 1);
                out.append("__var('").append(formula, i + 1, end).append("')");
                i = end;
            } else if (c == '_' && (i == 0 || !isNamePart(formula.charAt(i - 1)))) {
                int end = nameEnd(formula, i);
                int paren = skipSpaces(formula, end);
                out.append(formula, i, end);
                if (paren < n && formula.charAt(paren) == '(') {
                    int next = skipSpaces(formula, paren + 1);
                    out.append("(@").append(next < n && formula.charAt(next) == ')' ? "" : ", ");
                    i = next;
                } else {
                    i = end;
                }
            } else if (startsNumber(formula, i)) {
                int end = numberEnd(formula, i);
                char before = previousNonSpace(formula, i);
                if (before == '[' || before == ':') {
                    out.append(formula, i, end); // an index or a slice bound stays bare
                } else {
                    out.append('`').append(formula, i, end).append('`');
                }
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** A number literal starts here (not a digit inside a name such as {@code c2pa} or {@code arg0}). */
    private static boolean startsNumber(String s, int i) {
        char c = s.charAt(i);
        boolean digit = Character.isDigit(c)
                || (c == '-' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1)));
        if (!digit || (i > 0 && (isNamePart(s.charAt(i - 1)) || s.charAt(i - 1) == '.'))) {
            return false;
        }
        return c != '-' || "[:<>=!,(|&".indexOf(previousNonSpace(s, i)) >= 0;
    }

    private static int numberEnd(String s, int from) {
        int i = from + 1;
        while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.'
                || s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
        }
        return i;
    }

    /** The last non-blank character before {@code i}, or '(' at the start (a number there is a value). */
    private static char previousNonSpace(String s, int i) {
        for (int j = i - 1; j >= 0; j--) {
            if (!Character.isWhitespace(s.charAt(j))) {
                return s.charAt(j);
            }
        }
        return '(';
    }

    /** The index of the quote closing the one at {@code start}; a backslash escapes the next character. */
    private static int closing(String s, int start, char quote) {
        for (int i = start + 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == quote) {
                return i;
            }
        }
        throw new IllegalArgumentException("unterminated " + quote + " at " + start + " in: " + s);
    }

    private static String unescape(String body, char quote) {
        return body.replace("\\" + quote, String.valueOf(quote));
    }

    private static int nameEnd(String s, int from) {
        int i = from;
        while (i < s.length() && isNamePart(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int skipSpaces(String s, int from) {
        int i = from;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isNameStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private static boolean isNamePart(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
