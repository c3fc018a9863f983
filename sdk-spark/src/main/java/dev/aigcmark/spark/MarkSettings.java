package dev.aigcmark.spark;

import dev.aigcmark.core.MarkIntent;
import dev.aigcmark.core.MarkRefusedException;
import dev.aigcmark.core.PropagationRequest;
import dev.aigcmark.core.label.DigitalSourceType;
import dev.aigcmark.core.label.ExplicitLabelWording;
import dev.aigcmark.core.label.LabelValue;
import dev.aigcmark.core.label.ProduceId;
import dev.aigcmark.core.label.PropagateId;

import java.io.Serializable;
import java.util.Objects;
import java.util.function.Function;

/**
 * What a mark or propagate job does to every file, shipped to the executors with the job: the same choices as
 * {@code aigc mark} and {@code aigc propagate}, minus the per-file ids (each file gets its own ProduceID or
 * PropagateID: generated, or from the input's id column, see {@link SparkMarker#mark}). Validated when built, on the driver, so a bad option fails the submission, not a task.
 */
public final class MarkSettings implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Which SDK call writes each copy. */
    public enum Mode {
        /** {@code Marker}: this platform produced the content; sign it as producer. */
        MARK,
        /** {@code Propagator}: this platform spreads it; keep the producer's label, add ours (Measures Art. 6). */
        PROPAGATE
    }

    private final Mode mode;
    private final String label;
    private final String providerCode;
    private final String explicitLabel;
    private final String placement;
    private final boolean watermark;
    private final boolean c2pa;
    private final boolean relabel;
    private final String digitalSourceType;
    private final boolean declaredAi;
    private final boolean visiblePrompt;

    private MarkSettings(Builder b) {
        this.mode = b.mode;
        this.label = b.label.code();
        this.providerCode = b.providerCode;
        this.explicitLabel = b.explicitLabel;
        this.placement = b.placement;
        this.watermark = b.watermark != null ? b.watermark : b.mode == Mode.MARK;
        this.c2pa = b.c2pa;
        this.relabel = b.relabel;
        this.digitalSourceType = b.digitalSourceType;
        this.declaredAi = b.declaredAi;
        this.visiblePrompt = b.visiblePrompt;
        if (mode == Mode.MARK) {
            intent(null); // fails here, on the driver, when the choices do not make a valid intent
        } else if (c2pa || relabel || explicitLabel != null || placement != null || providerCode != null) {
            throw new IllegalArgumentException("propagating keeps the producer's marks and writes the identity's "
                    + "propagation fields: C2PA, relabelling, a visible wording, its placement and a provider code "
                    + "are for marking");
        }
    }

    /** Marking as producer with {@code aigc mark}'s defaults: Label 1, "AI生成" visible, watermark, no C2PA. */
    public static Builder mark() {
        return new Builder(Mode.MARK);
    }

    /** Propagating with {@code aigc propagate}'s defaults: only the propagation fields, nothing declared. */
    public static Builder propagate() {
        return new Builder(Mode.PROPAGATE);
    }

    public Mode mode() {
        return mode;
    }

    /** The intent of {@link Mode#MARK} for one file; {@code produceId} is that file's id, if the input gives one. */
    MarkIntent intent(String produceId) {
        MarkIntent.Builder b = MarkIntent.builder().label(LabelValue.fromCode(label).orElseThrow())
                .producerCode(providerCode).explicitLabel(explicitLabel).placement(placement).watermark(watermark)
                .c2pa(c2pa).relabel(relabel);
        if (produceId != null) {
            b.produceId(contentId(InputColumns.PRODUCE_ID, produceId, ProduceId::of));
        }
        if (digitalSourceType != null) {
            b.digitalSourceType(digitalSourceType);
        }
        return b.build();
    }

    /**
     * The request of {@link Mode#PROPAGATE} for one file; {@code declared} is that file's declaration and
     * {@code propagateId} its id, if the input gives them.
     */
    PropagationRequest request(Boolean declared, String propagateId) {
        PropagateId id = propagateId == null ? null : contentId(InputColumns.PROPAGATE_ID, propagateId, PropagateId::of);
        return new PropagationRequest(declared != null ? declared : declaredAi, id, visiblePrompt, watermark);
    }

    /** One row's id, validated: an id the label cannot carry refuses that file (the job goes on). */
    private static <T> T contentId(String column, String value, Function<String, T> parse) {
        try {
            return parse.apply(value);
        } catch (IllegalArgumentException e) {
            throw new MarkRefusedException("the " + column + " column's value cannot be written: " + e.getMessage(), e);
        }
    }

    public static final class Builder {
        private final Mode mode;
        private LabelValue label = LabelValue.AI_GENERATED;
        private String providerCode;
        private String explicitLabel;
        private String placement;
        private Boolean watermark;
        private boolean c2pa;
        private boolean relabel;
        private String digitalSourceType = DigitalSourceType.TRAINED_ALGORITHMIC_MEDIA;
        private boolean declaredAi;
        private boolean visiblePrompt;

        private Builder(Mode mode) {
            this.mode = mode;
            this.explicitLabel = mode == Mode.MARK ? ExplicitLabelWording.DEFAULT : null;
        }

        public Builder label(LabelValue v) {
            this.label = Objects.requireNonNull(v);
            return this;
        }

        /** The provider code to write as producer (or propagator); null: the identity's. */
        public Builder providerCode(String code) {
            this.providerCode = code;
            return this;
        }

        /** The visible label's wording (marking), or null for none. */
        public Builder explicitLabel(String wording) {
            this.explicitLabel = wording;
            return this;
        }

        public Builder placement(String where) {
            this.placement = where;
            return this;
        }

        /** Embed the watermark (default: on when marking, off when propagating). */
        public Builder watermark(boolean on) {
            this.watermark = on;
            return this;
        }

        public Builder c2pa(boolean on) {
            this.c2pa = on;
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

        /** Propagating: the uploader declared the content AI-generated (for files whose row says nothing). */
        public Builder declaredAi(boolean declared) {
            this.declaredAi = declared;
            return this;
        }

        /** Propagating: draw the verdict's prompt into the content. */
        public Builder visiblePrompt(boolean on) {
            this.visiblePrompt = on;
            return this;
        }

        public MarkSettings build() {
            return new MarkSettings(this);
        }
    }
}
