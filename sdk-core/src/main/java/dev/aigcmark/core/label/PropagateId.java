package dev.aigcmark.core.label;

/**
 * A propagating platform's id for one piece of content: the label's {@code PropagateID}, which the propagator's
 * watermark payload links to. Not the producer's {@link ProduceId}: the types keep the two apart.
 * <p>
 * Valid per GB 45438 Annex E: 1 to {@value LabelRules#MAX_ID_LENGTH} characters of printable ASCII without space,
 * {@code "} and {@code \}.
 * <pre>{@code
 * PropagationRequest request = new PropagationRequest(false, PropagateId.of("upload-20261206-0001"), false, true);
 * }</pre>
 *
 * @param value the id as the label writes it
 */
public record PropagateId(String value) {

    /**
     * Validates the value.
     *
     * @throws IllegalArgumentException when the value breaks the field's rules
     */
    public PropagateId {
        ContentIds.check(value, "PropagateID");
    }

    /** The id {@code value}, validated. */
    public static PropagateId of(String value) {
        return new PropagateId(value);
    }

    /** The value, as the label writes it. */
    @Override
    public String toString() {
        return value;
    }
}
