package dev.aigcmark.core.label;

import java.text.Normalizer;
import java.util.regex.Pattern;

/**
 * The GB 45438 rule for the wording of an explicit (visible) label: it needs an AI element
 * ("人工智能" or "AI") and a generation element ("生成" and/or "合成"). "AI生成" passes, a bare "AI" fails.
 */
public final class ExplicitLabelWording {

    /** The default wording, the shortest that conforms. */
    public static final String DEFAULT = "AI生成";

    private ExplicitLabelWording() {
    }

    /**
     * "AI" counts only as a word of its own: not inside a Latin word ("said", "email"), but next to CJK
     * characters ("AI生成") or punctuation it does.
     */
    public static boolean hasAiElement(String text) {
        String n = normalise(text);
        return n.contains("人工智能") || AI_WORD.matcher(n).find();
    }

    private static final Pattern AI_WORD = Pattern.compile("(?<![A-Za-z])[Aa][Ii](?![A-Za-z])");

    public static boolean hasGenerationElement(String text) {
        String n = normalise(text);
        return n.contains("生成") || n.contains("合成");
    }

    public static boolean conforms(String text) {
        return text != null && hasAiElement(text) && hasGenerationElement(text);
    }

    /** Throws with the missing element named, for configuration that would produce a non-conforming label. */
    public static String requireConforming(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("explicit label wording is empty");
        }
        if (!hasAiElement(text)) {
            throw new IllegalArgumentException("explicit label '" + text + "' lacks the AI element (人工智能 or AI)");
        }
        if (!hasGenerationElement(text)) {
            throw new IllegalArgumentException("explicit label '" + text + "' lacks the generation element (生成 or 合成)");
        }
        return text;
    }

    /** NFKC folds full-width "ＡＩ" to "AI", which a reader sees as the same word. */
    private static String normalise(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKC);
    }

    /**
     * The visible label with what a generation product must show beside it (Measures Art. 4; the filing duty of
     * the Interim Measures for generative AI services): the model's name and its filing (备案) number, e.g.
     * {@code AI生成 · 模型：ExampleLM · 备案号：Beijing-ExampleLM-20240101}. Either part may be null.
     */
    public static String withProductDetails(String wording, String modelName, String filingNumber) {
        StringBuilder sb = new StringBuilder(requireConforming(wording));
        if (modelName != null && !modelName.isBlank()) {
            sb.append(" · 模型：").append(modelName.strip());
        }
        if (filingNumber != null && !filingNumber.isBlank()) {
            sb.append(" · 备案号：").append(filingNumber.strip());
        }
        return sb.toString();
    }
}
