package dev.aigcmark.core.mark;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The active C2PA manifest of a file: its label, claim version, generator, the digital source type of its
 * creation action, its actions, and any other detail the reader wants to show (soft bindings, ingredients).
 */
public record C2paManifest(String carrier, String manifestLabel, int claimVersion, String claimGenerator,
                           String digitalSourceType, List<String> actions, Map<String, Object> details)
        implements Mark {

    public C2paManifest {
        actions = List.copyOf(actions);
        details = Map.copyOf(details);
    }

    @Override
    public String kind() {
        return "c2pa";
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("manifest", manifestLabel);
        m.put("claimVersion", claimVersion);
        m.put("claimGenerator", claimGenerator);
        if (digitalSourceType != null) {
            m.put("digitalSourceType", digitalSourceType);
        }
        m.put("actions", actions);
        new java.util.TreeMap<>(details).forEach(m::put);
        return m;
    }
}
