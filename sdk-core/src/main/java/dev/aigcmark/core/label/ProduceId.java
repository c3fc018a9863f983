package dev.aigcmark.core.label;

/**
 * The producer's id for one piece of content: the label's {@code ProduceID}, which the producer's watermark
 * payload links to. A type of its own, so it cannot be passed where a {@link PropagateId} belongs.
 * <p>
 * Valid per GB 45438 Annex E: 1 to {@value LabelRules#MAX_ID_LENGTH} characters of printable ASCII without space,
 * {@code "} and {@code \} (a UUID, a ULID, 32 hex digits).
 * <pre>{@code
 * MarkIntent intent = MarkIntent.builder().produceId(ProduceId.of("0f3c2a9e8b7d4e21a0b1c2d3e4f50617")).build();
 * }</pre>
 *
 * @param value the id as the label writes it
 */
public record ProduceId(String value) {

    /**
     * Validates the value.
     *
     * @throws IllegalArgumentException when the value breaks the field's rules
     */
    public ProduceId {
        ContentIds.check(value, "ProduceID");
    }

    /** The id {@code value}, validated. */
    public static ProduceId of(String value) {
        return new ProduceId(value);
    }

    /** The value, as the label writes it. */
    @Override
    public String toString() {
        return value;
    }
}
