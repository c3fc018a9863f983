package dev.aigcmark.core.mark;

import dev.aigcmark.core.label.DigitalSourceType;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code Iptc4xmpExt:DigitalSourceType} found in XMP (unsigned: it states, it does not prove). */
public record IptcSourceType(String uri, String carrier) implements Mark {

    @Override
    public String kind() {
        return "iptc";
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("digitalSourceType", uri);
        m.put("generativeAi", DigitalSourceType.isGenerativeAi(uri));
        return m;
    }
}
