package dev.aigcmark.core.report;

import dev.aigcmark.core.label.AigcLabel;
import dev.aigcmark.core.label.LabelValue;
import dev.aigcmark.core.mark.ImplicitLabel;
import dev.aigcmark.core.mark.Watermark;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Measures Art. 6 in order: the file's label, the uploader's declaration, traces; each with its prompt. */
class PlatformVerdictTest {

    static VerificationReport report(MarkFinding... findings) {
        VerificationReport.Builder b = VerificationReport.builder("f").format("markdown");
        for (MarkFinding f : findings) {
            b.mark(f);
        }
        return b.build();
    }

    static MarkFinding label(String value, Status... statuses) {
        return new MarkFinding(new ImplicitLabel(new AigcLabel(value, "", "", "", "", "", ""), "xmp", false, List.of()),
                MarkFinding.stateFrom(List.of(statuses), false), null, List.of(statuses));
    }

    static MarkFinding watermark() {
        return new MarkFinding(new Watermark("aigcmark.image.v1", "luma", "00", 1, Map.of()), TrustState.VALID, null, List.of());
    }

    @Test
    void theFilesOwnLabelComesFirstEvenWhenTheUploaderDeclared() {
        PlatformVerdict v = PlatformVerdict.decide(report(label("1"), watermark()), true).orElseThrow();
        assertThat(v.label()).isEqualTo(LabelValue.AI_GENERATED);
        assertThat(v.basis()).isEqualTo(PlatformVerdict.Basis.IMPLICIT_LABEL);
        assertThat(v.prompt().zh()).contains("人工智能生成");
    }

    @Test
    void aDeclarationWithoutALabelIsPossiblyAndBeatsTraces() {
        PlatformVerdict v = PlatformVerdict.decide(report(watermark()), true).orElseThrow();
        assertThat(v.label()).isEqualTo(LabelValue.POSSIBLY_AI_GENERATED);
        assertThat(v.basis()).isEqualTo(PlatformVerdict.Basis.DECLARED);
        assertThat(v.prompt().en()).contains("declared");
    }

    @Test
    void tracesAloneAreSuspectedAndAForgedLabelCountsOnlyAsATrace() {
        assertThat(PlatformVerdict.decide(report(watermark()), false).orElseThrow().label())
                .isEqualTo(LabelValue.SUSPECTED_AI_GENERATED);
        MarkFinding forged = label("1", Status.failure(StatusCodes.SIG_PRODUCER_MISMATCH, "changed"));
        PlatformVerdict v = PlatformVerdict.decide(report(forged), false).orElseThrow();
        assertThat(v.label()).isEqualTo(LabelValue.SUSPECTED_AI_GENERATED);
        assertThat(v.basis()).isEqualTo(PlatformVerdict.Basis.TRACES);
    }

    @Test
    void nothingAtAllIsNoVerdict() {
        assertThat(PlatformVerdict.decide(report(), false)).isEmpty();
        assertThat(PlatformVerdict.decide(report(), true)).isPresent();
    }
}
