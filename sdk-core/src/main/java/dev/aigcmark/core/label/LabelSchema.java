package dev.aigcmark.core.label;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The key set a label was written in. Annex E's seven keys are the standard; a vendor schema is read by mapping
 * only the fields whose meaning is the same as an Annex E field, and reported as non-conforming.
 */
public enum LabelSchema {
    /** GB 45438 Annex E: Label, ContentProducer, ProduceID, ReservedCode1, ContentPropagator, PropagateID, ReservedCode2. */
    ANNEX_E(Map.of(), List.of()),
    /**
     * A cloud vendor's AIGC tool: {@code {"AIGC":{"Label","ServiceProvider","ServiceUser","Time","ContentId"}}}.
     * Label is Annex E's Label; ServiceProvider (the generation service's provider) is ContentProducer;
     * ContentId (the provider's id for this content) is ProduceID. ServiceUser (the account that asked for the
     * content) and Time (when) have no Annex E counterpart and are kept as vendor fields; the propagator fields
     * and the reserved codes are empty.
     */
    SERVICE_PROVIDER(Map.of("label", "Label", "serviceprovider", "ContentProducer", "contentid", "ProduceID"),
            List.of("ServiceUser", "Time"));

    private final Map<String, String> mapped;
    private final List<String> unmapped;

    LabelSchema(Map<String, String> mapped, List<String> unmapped) {
        this.mapped = mapped;
        this.unmapped = unmapped;
    }

    /** Vendor key (lower case) to the Annex E key with the same meaning. */
    public Map<String, String> mappedKeys() {
        return mapped;
    }

    /** Vendor keys with no Annex E counterpart, kept as vendor fields. */
    public List<String> unmappedKeys() {
        return unmapped;
    }

    /** The id used in reports: {@code annexE}, {@code serviceProvider}. */
    public String id() {
        return this == ANNEX_E ? "annexE" : "serviceProvider";
    }

    /** The schema of a label object by its keys: a vendor schema when it has a vendor key and no Annex E producer key. */
    static LabelSchema of(Iterable<String> keys) {
        boolean vendor = false;
        for (String k : keys) {
            String lower = k.toLowerCase(Locale.ROOT);
            if (lower.equals("contentproducer") || lower.equals("produceid")) {
                return ANNEX_E;
            }
            vendor |= lower.equals("serviceprovider") || lower.equals("contentid") || lower.equals("serviceuser");
        }
        return vendor ? SERVICE_PROVIDER : ANNEX_E;
    }
}
