package dev.aigcmark.core.mark;

import dev.aigcmark.core.label.DigitalSourceType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The active C2PA manifest of a file: its label, claim version, generator, the digital source type of its
 * creation action, the source type its ingredients' manifests pass on (an edit of an AI-generated picture is
 * still AI-generated), its actions, its soft binding, and any other detail the reader wants to show
 * (ingredients, CAWG identities).
 *
 * @param carrier             where the manifest was found (e.g. {@code APP11 JUMBF})
 * @param manifestLabel       the manifest's label (its URN)
 * @param claimVersion        the claim's version (1 or 2)
 * @param claimGenerator      the claim generator's name
 * @param digitalSourceType   what the manifest's own actions declare, or null
 * @param inheritedSourceType what its ingredients declare (see {@code SourceTypes}), or null
 * @param actions             its actions' names, in order
 * @param softBinding         the first block of its {@code c2pa.soft-binding} assertion, if it has one
 * @param details             other facts for people (title, ingredients, signer subject, identities)
 */
public record C2paManifest(String carrier, String manifestLabel, int claimVersion, String claimGenerator,
                           String digitalSourceType, String inheritedSourceType, List<String> actions,
                           Optional<SoftBinding> softBinding, Map<String, Object> details)
        implements Mark {

    /** The key under which {@link #describe()} writes the soft binding, among the details. */
    public static final String SOFT_BINDING = "softBinding";

    /** Copies the lists and maps; a missing soft binding is empty. */
    public C2paManifest {
        actions = List.copyOf(actions);
        softBinding = softBinding == null ? Optional.empty() : softBinding;
        details = Map.copyOf(details);
    }

    /** A manifest without a soft binding (one that could not be read, or a remote one). */
    public C2paManifest(String carrier, String manifestLabel, int claimVersion, String claimGenerator,
                        String digitalSourceType, String inheritedSourceType, List<String> actions,
                        Map<String, Object> details) {
        this(carrier, manifestLabel, claimVersion, claimGenerator, digitalSourceType, inheritedSourceType, actions,
                Optional.empty(), details);
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
        Map<String, Object> sorted = new TreeMap<>(details); // the soft binding sorts among the details, as it always did
        softBinding.ifPresent(sb -> sorted.put(SOFT_BINDING, sb.describe()));
        sorted.forEach(m::put);
        return m;
    }
}
