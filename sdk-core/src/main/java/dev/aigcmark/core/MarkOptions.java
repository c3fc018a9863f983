package dev.aigcmark.core;

import dev.aigcmark.core.label.ExplicitLabelWording;
import dev.aigcmark.core.label.LabelValue;
import dev.aigcmark.core.label.ProduceId;
import dev.aigcmark.core.label.PropagateId;
import dev.aigcmark.core.label.ProviderCode;
import java.util.function.Function;

/**
 * The marking options as a person gives them (the {@code aigc mark} flags, the service's query parameters),
 * turned into a {@link MarkIntent} by one set of rules, so the command line and the HTTP service accept and
 * refuse the same combinations. Null means "not given". Messages name the options as the command line spells them;
 * the service's parameters have the same names without the dashes.
 *
 * @param label             the Label value (default 1, AI-generated)
 * @param producer          the provider code to write (default: the identity's)
 * @param produceId         the ProduceID (default: a new random id; not as propagator)
 * @param explicit          the visible label's wording (default {@value ExplicitLabelWording#DEFAULT} when content is marked)
 * @param noExplicit        no visible label
 * @param placement         where the visible label goes
 * @param watermark         embed the watermark (default: on, off as propagator)
 * @param model             the model's name shown in the visible label
 * @param filing            the model's filing number shown in the visible label
 * @param c2pa              also embed a C2PA manifest
 * @param asPropagator      mark as the platform spreading the content
 * @param propagateId       the PropagateID (as propagator only)
 * @param digitalSourceType the IPTC digital source type URI (default trainedAlgorithmicMedia)
 * @param relabel           replace a label another producer wrote
 */
public record MarkOptions(LabelValue label, String producer, String produceId, String explicit, boolean noExplicit,
                          String placement, Boolean watermark, String model, String filing, boolean c2pa,
                          boolean asPropagator, String propagateId, String digitalSourceType, boolean relabel) {

    /**
     * The intent these options ask for.
     *
     * @throws IllegalArgumentException naming the option, when options contradict each other or a value does not
     *                                  conform (a provider code, a wording without an AI and a generation element)
     */
    public MarkIntent toIntent() {
        if (explicit != null && noExplicit) {
            throw new IllegalArgumentException("give either --explicit or --no-explicit, not both");
        }
        if (propagateId != null && !asPropagator) {
            throw new IllegalArgumentException("--propagate-id needs --as-propagator");
        }
        if (asPropagator && produceId != null) {
            throw new IllegalArgumentException("--produce-id is the producer's; as propagator give --propagate-id");
        }
        if ((model != null || filing != null) && noExplicit) {
            throw new IllegalArgumentException("--model and --filing are shown in the visible label: drop --no-explicit");
        }
        if (producer != null) {
            ProviderCode.validate(producer).ifPresent(reason -> {
                throw new IllegalArgumentException("--producer " + producer + ": " + reason);
            });
        }
        // A propagator changes the content only when asked: the producer already marked it.
        boolean content = !asPropagator;
        MarkIntent.Builder b = MarkIntent.builder().label(label != null ? label : LabelValue.AI_GENERATED)
                .producerCode(producer).placement(placement).watermark(watermark != null ? watermark : content)
                .c2pa(c2pa).propagator(asPropagator).relabel(relabel);
        if (asPropagator) {
            b.propagateId(propagateId == null ? null : typed(propagateId, PropagateId::of, "--propagate-id"));
        } else {
            b.produceId(produceId == null ? null : typed(produceId, ProduceId::of, "--produce-id"));
        }
        String wording = explicit != null ? explicit
                : content || model != null || filing != null ? ExplicitLabelWording.DEFAULT : null;
        b.explicitLabel(noExplicit || wording == null ? null : ExplicitLabelWording.withProductDetails(wording, model, filing));
        if (digitalSourceType != null) {
            b.digitalSourceType(digitalSourceType);
        }
        return b.build();
    }

    /** The id as its type; a value that breaks the field's rules is refused naming the option. */
    private static <T> T typed(String value, Function<String, T> type, String option) {
        try {
            return type.apply(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + " " + value + ": " + e.getMessage(), e);
        }
    }
}
