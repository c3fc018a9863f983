package dev.aigcmark.core.label;

import dev.aigcmark.core.report.StatusCodes;

import java.util.ArrayList;
import java.util.List;

/** The Annex E rules a label's values must follow, reported as {@link LabelProblem}s (never thrown). */
public final class LabelRules {

    /** Longest ProduceID/PropagateID we accept without a warning (TC260 guides suggest short ids). */
    public static final int MAX_ID_LENGTH = 64;

    private LabelRules() {
    }

    /**
     * Annex E allows GB 18030 code points 0x21, 0x23-0x5B, 0x5D-0x7E: printable ASCII without space,
     * {@code "} and {@code \}.
     */
    public static boolean isAllowedChar(int cp) {
        return cp == 0x21 || (cp >= 0x23 && cp <= 0x5B) || (cp >= 0x5D && cp <= 0x7E);
    }

    /** Index of the first disallowed character, or -1 when the value conforms. */
    public static int firstDisallowed(String value) {
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            if (!isAllowedChar(cp)) {
                return i;
            }
            i += Character.charCount(cp);
        }
        return -1;
    }

    /**
     * Checks the values of a label. ReservedCode1/2 hold JSON (SecurityData) whose quotes are written as the
     * JSON escape {@code \"}; after JSON decoding they are plain {@code "} characters, which the standard allows
     * in that escaped form, so for the reserved codes only the other characters are checked.
     */
    public static List<LabelProblem> check(AigcLabel label) {
        List<LabelProblem> problems = new ArrayList<>();
        if (label.labelValue().isEmpty()) {
            problems.add(new LabelProblem(StatusCodes.LABEL_VALUE, "Label",
                    "Label must be \"1\", \"2\" or \"3\", found \"" + printable(label.label()) + "\""));
        }
        for (String key : AigcLabel.KEYS) {
            String value = label.get(key);
            boolean reserved = key.startsWith("ReservedCode");
            int bad = reserved ? firstDisallowedIgnoringQuotes(value) : firstDisallowed(value);
            if (bad >= 0) {
                int cp = value.codePointAt(bad);
                problems.add(new LabelProblem(StatusCodes.LABEL_CHARSET, key, String.format(
                        "%s contains U+%04X at index %d; Annex E allows printable ASCII without space, '\"' and '\\'",
                        key, cp, bad)));
            }
        }
        checkIdLength(problems, "ProduceID", label.produceId());
        checkIdLength(problems, "PropagateID", label.propagateId());
        checkCode(problems, "ContentProducer", label.contentProducer());
        checkCode(problems, "ContentPropagator", label.contentPropagator());
        return problems;
    }

    private static void checkCode(List<LabelProblem> problems, String key, String value) {
        if (value.isEmpty()) {
            return;
        }
        ProviderCode.validate(value).ifPresent(reason -> problems.add(
                new LabelProblem(StatusCodes.LABEL_PROVIDER_CODE, key, key + " is not a valid provider code: " + reason)));
    }

    private static void checkIdLength(List<LabelProblem> problems, String key, String value) {
        if (value.length() > MAX_ID_LENGTH) {
            problems.add(new LabelProblem(StatusCodes.LABEL_ID_TOO_LONG, key,
                    key + " has " + value.length() + " characters; keep ids at most " + MAX_ID_LENGTH));
        }
    }

    private static int firstDisallowedIgnoringQuotes(String value) {
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            if (cp != '"' && !isAllowedChar(cp)) {
                return i;
            }
            i += Character.charCount(cp);
        }
        return -1;
    }

    static String printable(String s) {
        String cut = s.length() > 40 ? s.substring(0, 40) + "..." : s;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
