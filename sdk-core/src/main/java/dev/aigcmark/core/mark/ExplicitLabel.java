package dev.aigcmark.core.mark;

import dev.aigcmark.core.label.ExplicitLabelWording;

import java.util.LinkedHashMap;
import java.util.Map;

/** A visible (explicit) label found in the content, e.g. a text prompt at the start of a document. */
public record ExplicitLabel(String text, String carrier, String position) implements Mark {

    public boolean conforms() {
        return ExplicitLabelWording.conforms(text);
    }

    @Override
    public String kind() {
        return "explicitLabel";
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("text", text);
        m.put("position", position);
        m.put("conforms", conforms());
        return m;
    }
}
