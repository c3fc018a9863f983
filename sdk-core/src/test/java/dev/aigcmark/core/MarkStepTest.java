package dev.aigcmark.core;

import dev.aigcmark.core.label.ProduceId;
import dev.aigcmark.core.MarkStep.Carrier;
import dev.aigcmark.core.label.AigcLabel;
import dev.aigcmark.core.label.LabelValue;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A step is a fact (kind, carrier, detail); its sentence is derived and keeps the wording `aigc mark` prints. */
class MarkStepTest {

    @Test
    void theSentenceIsDerivedFromTheKindAndCarrier() {
        assertThat(MarkStep.done(Carrier.IMPLICIT_LABEL, "signed with Ed25519").sentence())
                .isEqualTo("implicit label: signed with Ed25519");
        assertThat(MarkStep.notSupported(Carrier.C2PA, "gif").sentence()).isEqualTo("c2pa: not supported for gif");
        assertThat(MarkStep.notSupported(Carrier.CONTENT, "webp (no visible label or watermark)").sentence())
                .isEqualTo("content: not supported for webp (no visible label or watermark)");
        assertThat(MarkStep.note(Carrier.CONTENT, "video: re-encoded with libx264").sentence())
                .isEqualTo("video: re-encoded with libx264");
    }

    @Test
    void aResultListsItsSentencesInStepOrder() {
        MarkResult r = new MarkResult("png", AigcLabel.produced(LabelValue.AI_GENERATED, "p", ProduceId.of("id")),
                List.of(MarkStep.done(Carrier.CONTENT, "watermark"), MarkStep.notSupported(Carrier.C2PA, "png")));
        assertThat(r.sentences()).containsExactly("content: watermark", "c2pa: not supported for png");
        assertThat(r.steps()).extracting(MarkStep::kind).containsExactly(MarkStep.Kind.DONE, MarkStep.Kind.NOT_SUPPORTED);
    }
}
