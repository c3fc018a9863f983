package dev.aigcmark.core.mark;

import dev.aigcmark.core.label.AigcLabel;
import dev.aigcmark.core.label.LabelProblem;
import dev.aigcmark.core.label.LabelSchema;
import dev.aigcmark.core.spi.Placement;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A GB 45438 implicit label as found in a carrier, with the ways it departs from Annex E: whether the carrier is
 * the one the standard names for the format ({@code placement}), the key set it was written in ({@code schema})
 * and, for a vendor schema, the vendor fields that have no Annex E counterpart.
 */
public record ImplicitLabel(AigcLabel label, String carrier, boolean wrapped, List<LabelProblem> problems,
                            Placement placement, LabelSchema schema, Map<String, String> vendorFields)
        implements Mark {

    public ImplicitLabel {
        problems = List.copyOf(problems);
        Objects.requireNonNull(placement, "placement");
        Objects.requireNonNull(schema, "schema");
        vendorFields = Collections.unmodifiableMap(new LinkedHashMap<>(vendorFields));
    }

    /** An Annex E label in the standard place. */
    public ImplicitLabel(AigcLabel label, String carrier, boolean wrapped, List<LabelProblem> problems) {
        this(label, carrier, wrapped, problems, Placement.STANDARD, LabelSchema.ANNEX_E, Map.of());
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
        m.put("placement", placement.name().toLowerCase(Locale.ROOT));
        m.put("schema", schema.id());
        if (!vendorFields.isEmpty()) {
            m.put("vendorFields", vendorFields);
        }
        return m;
    }
}
