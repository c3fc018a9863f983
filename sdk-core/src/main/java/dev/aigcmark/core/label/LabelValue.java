package dev.aigcmark.core.label;

import java.util.Optional;

/** The three values of the {@code Label} field. */
public enum LabelValue {
    /** "1": the content is AI-generated (declared by its producer). */
    AI_GENERATED("1", "AI-generated"),
    /** "2": possibly AI-generated (the uploader declared it, no label was found). */
    POSSIBLY_AI_GENERATED("2", "possibly AI-generated"),
    /** "3": suspected AI-generated (traces were detected, nothing was declared). */
    SUSPECTED_AI_GENERATED("3", "suspected AI-generated");

    private final String code;
    private final String description;

    LabelValue(String code, String description) {
        this.code = code;
        this.description = description;
    }

    public String code() {
        return code;
    }

    public String description() {
        return description;
    }

    public static Optional<LabelValue> fromCode(String code) {
        for (LabelValue v : values()) {
            if (v.code.equals(code)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}
