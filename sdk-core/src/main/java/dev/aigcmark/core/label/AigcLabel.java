package dev.aigcmark.core.label;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The GB 45438-2025 implicit label: seven string fields, in the standard's order. Values are kept as
 * found (never null; an unused field is the empty string); {@link LabelRules} says whether they conform.
 *
 * <p>The producer signs the first three fields and the propagator the next two (see
 * {@link #producerSignedText()} and {@link #propagatorSignedText()}), so a propagator can add its own
 * fields without breaking the producer's signature.
 */
public record AigcLabel(String label, String contentProducer, String produceId, String reservedCode1,
                        String contentPropagator, String propagateId, String reservedCode2) {

    /** The seven keys in the order Annex E fixes; serialisation always uses this order. */
    public static final List<String> KEYS = List.of("Label", "ContentProducer", "ProduceID", "ReservedCode1",
            "ContentPropagator", "PropagateID", "ReservedCode2");

    public AigcLabel {
        label = nonNull(label);
        contentProducer = nonNull(contentProducer);
        produceId = nonNull(produceId);
        reservedCode1 = nonNull(reservedCode1);
        contentPropagator = nonNull(contentPropagator);
        propagateId = nonNull(propagateId);
        reservedCode2 = nonNull(reservedCode2);
    }

    /** A producer's label before signing: propagation fields and reserved codes empty. */
    public static AigcLabel produced(LabelValue value, String producerCode, ProduceId produceId) {
        Objects.requireNonNull(value, "value");
        return new AigcLabel(value.code(), producerCode, produceId.value(), "", "", "", "");
    }

    public AigcLabel withReservedCode1(String value) {
        return new AigcLabel(label, contentProducer, produceId, value, contentPropagator, propagateId, reservedCode2);
    }

    public AigcLabel withReservedCode2(String value) {
        return new AigcLabel(label, contentProducer, produceId, reservedCode1, contentPropagator, propagateId, value);
    }

    /** Sets the propagation fields; the propagator's old signature no longer applies, so ReservedCode2 is cleared. */
    public AigcLabel withPropagation(String propagatorCode, PropagateId propagateId) {
        return new AigcLabel(label, contentProducer, produceId, reservedCode1, propagatorCode, propagateId.value(), "");
    }


    /** The value of a field by its Annex E key, or null for an unknown key. */
    public String get(String key) {
        return switch (key) {
            case "Label" -> label;
            case "ContentProducer" -> contentProducer;
            case "ProduceID" -> produceId;
            case "ReservedCode1" -> reservedCode1;
            case "ContentPropagator" -> contentPropagator;
            case "PropagateID" -> propagateId;
            case "ReservedCode2" -> reservedCode2;
            default -> null;
        };
    }

    /**
     * What the producer signs (security guide 202511A): the first three members exactly as they stand in
     * compact JSON, comma-joined, without braces. Values that conform to the Annex E charset need no escaping,
     * so the canonical text is the text of every conforming file.
     */
    public String producerSignedText() {
        return LabelJson.member("Label", label) + "," + LabelJson.member("ContentProducer", contentProducer)
                + "," + LabelJson.member("ProduceID", produceId);
    }

    /** What the propagator signs: its two members, written the same way. */
    public String propagatorSignedText() {
        return LabelJson.member("ContentPropagator", contentPropagator) + ","
                + LabelJson.member("PropagateID", propagateId);
    }

    /** The label value as an enum, if it is one of the three defined values. */
    public Optional<LabelValue> labelValue() {
        return LabelValue.fromCode(label);
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
