package dev.aigcmark.core.mark;

import dev.aigcmark.core.label.AigcLabel;
import dev.aigcmark.core.label.LabelProblem;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A GB 45438 implicit label as found in a carrier, with the ways it departs from Annex E. */
public record ImplicitLabel(AigcLabel label, String carrier, boolean wrapped, List<LabelProblem> problems)
        implements Mark {

    public ImplicitLabel {
        problems = List.copyOf(problems);
    }

    @Override
    public String kind() {
        return "implicitLabel";
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Object> fields = new LinkedHashMap<>();
        for (String key : AigcLabel.KEYS) {
            fields.put(key, label.get(key));
        }
        m.put("fields", fields);
        m.put("form", wrapped ? "wrapped" : "bare");
        return m;
    }
}
