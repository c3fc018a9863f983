package dev.aigcmark.core.mark;

import dev.aigcmark.core.label.DigitalSourceType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The active C2PA manifest of a file: its label, claim version, generator, the digital source type of its
 * creation action, the source type its ingredients' manifests pass on (an edit of an AI-generated picture is
 * still AI-generated), its actions, and any other detail the reader wants to show (soft bindings, ingredients,
 * CAWG identities).
 *
 * @param digitalSourceType   what the manifest's own actions declare, or null
 * @param inheritedSourceType what its ingredients declare (see {@code SourceTypes}), or null
 */
public record C2paManifest(String carrier, String manifestLabel, int claimVersion, String claimGenerator,
                           String digitalSourceType, String inheritedSourceType, List<String> actions,
                           Map<String, Object> details)
        implements Mark {

    public C2paManifest {
        actions = List.copyOf(actions);
        details = Map.copyOf(details);
    }

    /**
     * The source type that describes the content: the manifest's own when it declares generative AI, else what
     * its ingredients pass on, else its own (which may be null).
     */
    public String effectiveSourceType() {
        if (DigitalSourceType.isGenerativeAi(digitalSourceType) || inheritedSourceType == null) {
            return digitalSourceType;
        }
        return inheritedSourceType;
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
        if (inheritedSourceType != null) {
            m.put("inheritedSourceType", inheritedSourceType);
        }
        m.put("actions", actions);
        new java.util.TreeMap<>(details).forEach(m::put);
        return m;
    }
}
