package dev.aigcmark.core.label;

/** The rules ProduceID and PropagateID share (GB 45438 Annex E): 1 to 64 characters of printable ASCII without space, {@code "} and {@code \}. */
final class ContentIds {
    private ContentIds() {
    }

    static String check(String value, String field) {
        if (value == null || value.isEmpty() || value.length() > LabelRules.MAX_ID_LENGTH) {
            throw new IllegalArgumentException(field + " must have 1 to " + LabelRules.MAX_ID_LENGTH + " characters");
        }
        int bad = LabelRules.firstDisallowed(value);
        if (bad >= 0) {
            throw new IllegalArgumentException(String.format("%s contains U+%04X at index %d; GB 45438 Annex E allows "
                    + "printable ASCII without space, '\"' and '\\'", field, value.codePointAt(bad), bad));
        }
        return value;
    }
}
