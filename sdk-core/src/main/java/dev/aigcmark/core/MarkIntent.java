package dev.aigcmark.core;

import dev.aigcmark.core.label.DigitalSourceType;
import dev.aigcmark.core.label.ExplicitLabelWording;
import dev.aigcmark.core.label.LabelValue;
import dev.aigcmark.core.label.ProduceId;
import dev.aigcmark.core.label.PropagateId;

import java.util.Objects;

/**
 * What to mark, validated when built. Defaults: Label "1" (AI-generated), the identity's provider code, a
 * generated ProduceID, the explicit label "AI生成", our watermark, IPTC trainedAlgorithmicMedia, no C2PA.
 *
 * @param label             the Label value
 * @param producerCode      provider code to write (null: the identity's); as propagator, the propagator code
 * @param produceId         the producer's id for the content (null: generated); never set when marking as propagator
 * @param propagateId       the propagator's id for the content (null: generated); only when marking as propagator.
 *                          A separate field, not the ProduceID's slot: the watermark a propagator adds links to it
 * @param explicitLabel     visible wording, or null for no visible label
 * @param placement         where the visible label goes (format-specific; null: the format's default)
 * @param watermark         embed our invisible mark where the format supports it
 * @param c2pa              add a C2PA manifest where the format supports it
 * @param propagator        act as a propagating platform: keep the producer's fields and signature, write ours
 * @param relabel           allow replacing another producer's label (forbidden by default: Measures Art. 10)
 * @param digitalSourceType IPTC type to write beside the label (null: none)
 */
public record MarkIntent(LabelValue label, String producerCode, ProduceId produceId, PropagateId propagateId, String explicitLabel,
                         String placement, boolean watermark, boolean c2pa, boolean propagator, boolean relabel,
                         String digitalSourceType) {

    public MarkIntent {
        Objects.requireNonNull(label, "label");
        if (explicitLabel != null) {
            ExplicitLabelWording.requireConforming(explicitLabel);
        }
        if (propagator && produceId != null) {
            throw new IllegalArgumentException("the ProduceID is the producer's: a propagator gives a PropagateID");
        }
        if (!propagator && propagateId != null) {
            throw new IllegalArgumentException("a PropagateID needs marking as propagator");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private LabelValue label = LabelValue.AI_GENERATED;
        private String producerCode;
        private ProduceId produceId;
        private PropagateId propagateId;
        private String explicitLabel = ExplicitLabelWording.DEFAULT;
        private String placement;
        private boolean watermark = true;
        private boolean c2pa;
        private boolean propagator;
        private boolean relabel;
        private String digitalSourceType = DigitalSourceType.TRAINED_ALGORITHMIC_MEDIA;

        public Builder label(LabelValue v) {
            this.label = v;
            return this;
        }

        public Builder producerCode(String code) {
            this.producerCode = code;
            return this;
        }

        /** The ProduceID when marking as producer (null: a new random one). */
        public Builder produceId(ProduceId id) {
            this.produceId = id;
            return this;
        }

        /** The PropagateID when marking as propagator (null: a new random one). */
        public Builder propagateId(PropagateId id) {
            this.propagateId = id;
            return this;
        }

        public Builder explicitLabel(String wording) {
            this.explicitLabel = wording;
            return this;
        }

        public Builder placement(String placement) {
            this.placement = placement;
            return this;
        }

        public Builder watermark(boolean on) {
            this.watermark = on;
            return this;
        }

        public Builder c2pa(boolean on) {
            this.c2pa = on;
            return this;
        }

        public Builder propagator(boolean on) {
            this.propagator = on;
            return this;
        }

        public Builder relabel(boolean allowed) {
            this.relabel = allowed;
            return this;
        }

        public Builder digitalSourceType(String uri) {
            this.digitalSourceType = uri;
            return this;
        }

        public MarkIntent build() {
            return new MarkIntent(label, producerCode, produceId, propagateId, explicitLabel, placement, watermark, c2pa,
                    propagator, relabel, digitalSourceType);
        }
    }
}
