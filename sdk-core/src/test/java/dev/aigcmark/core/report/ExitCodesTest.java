package dev.aigcmark.core.report;

import dev.aigcmark.core.label.AigcLabel;
import dev.aigcmark.core.mark.ImplicitLabel;
import dev.aigcmark.core.mark.Watermark;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ExitCodesTest {

    static final ImplicitLabel LABEL = new ImplicitLabel(new AigcLabel("1", "", "id", "", "", "", ""), "XMP", false, List.of());

    @Test
    void oneCodePerOutcome() {
        assertThat(ExitCodes.forReport(VerificationReport.builder("a").build())).isEqualTo(ExitCodes.NO_MARKS);
        assertThat(ExitCodes.forReport(VerificationReport.unreadable("a", null, "x"))).isEqualTo(ExitCodes.UNREADABLE);
        assertThat(ExitCodes.forReport(withLabel(TrustState.VALID))).isEqualTo(ExitCodes.VALID);
        assertThat(ExitCodes.forReport(withLabel(TrustState.TRUSTED))).isEqualTo(ExitCodes.VALID);
        assertThat(ExitCodes.forReport(withLabel(TrustState.INVALID))).isEqualTo(ExitCodes.FAILED);
    }

    @Test
    void aDamagedContainerWithoutMarksIsUnreadableNotClean() {
        VerificationReport truncated = VerificationReport.builder("t.png")
                .diagnostic(Status.failure(StatusCodes.ASSET_TRUNCATED, "IHDR runs past the end")).build();
        assertThat(ExitCodes.forReport(truncated)).isEqualTo(ExitCodes.UNREADABLE);
        VerificationReport noted = VerificationReport.builder("n.png")
                .diagnostic(Status.info(StatusCodes.METADATA_NOT_READ, "an informational note")).build();
        assertThat(ExitCodes.forReport(noted)).isEqualTo(ExitCodes.NO_MARKS);
        VerificationReport markedButDamaged = VerificationReport.builder("m.png")
                .mark(new MarkFinding(LABEL, TrustState.VALID, null, List.of()))
                .diagnostic(Status.failure(StatusCodes.ASSET_TRUNCATED, "trailing chunk cut")).build();
        assertThat(ExitCodes.forReport(markedButDamaged)).as("marks found are still judged").isEqualTo(ExitCodes.VALID);
    }

    @Test
    void worstWins() {
        assertThat(ExitCodes.worst(List.of(0, 3, 4))).isEqualTo(4);
        assertThat(ExitCodes.worst(List.of(0, 4, 1, 3))).isEqualTo(1);
        assertThat(ExitCodes.worst(List.of(0, 0))).isEqualTo(0);
        assertThat(ExitCodes.worst(List.of(1, 70))).isEqualTo(70);
        assertThat(ExitCodes.worst(List.of())).isEqualTo(0);
    }

    @Test
    void oneForgedMarkMakesTheFileInvalidEvenBesideATrustedOne() {
        Watermark wm = new Watermark("aigcmark.image.v1", "pixels", "00", 1.0, Map.of());
        VerificationReport r = VerificationReport.builder("f")
                .mark(new MarkFinding(wm, TrustState.TRUSTED, "P", List.of()))
                .mark(new MarkFinding(LABEL, TrustState.INVALID, null,
                        List.of(Status.failure(StatusCodes.SIG_PRODUCER_MISMATCH, "bad"))))
                .build();
        assertThat(r.state()).isEqualTo(TrustState.INVALID);
        assertThat(r.failureCodes()).containsExactly(StatusCodes.SIG_PRODUCER_MISMATCH);
    }

    @Test
    void effectiveLabelFollowsArticleSix() {
        assertThat(withLabel(TrustState.VALID).effectiveLabel()).hasValueSatisfying(v -> assertThat(v.code()).isEqualTo("1"));
        VerificationReport onlyWatermark = VerificationReport.builder("f")
                .mark(new MarkFinding(new Watermark("aigcmark.image.v1", "pixels", "00", 1.0, Map.of()),
                        TrustState.VALID, null, List.of())).build();
        assertThat(onlyWatermark.effectiveLabel()).hasValueSatisfying(v -> assertThat(v.code()).isEqualTo("3"));
        assertThat(VerificationReport.builder("f").build().effectiveLabel()).isEmpty();
    }

    @Test
    void jsonHasSchemaVersionAndStableOrder() {
        String json = ReportJson.toJson(withLabel(TrustState.VALID));
        assertThat(json.indexOf("schemaVersion")).isLessThan(json.indexOf("\"file\""));
        assertThat(json).contains("\"state\" : \"VALID\"").contains("\"ProduceID\" : \"id\"");
        assertThat(ReportJson.toJson(withLabel(TrustState.VALID))).isEqualTo(json);
    }

    private static VerificationReport withLabel(TrustState state) {
        List<Status> statuses = state == TrustState.INVALID
                ? List.of(Status.failure(StatusCodes.SIG_PRODUCER_MISMATCH, "x")) : List.of();
        return VerificationReport.builder("f").mark(new MarkFinding(LABEL, state, null, statuses)).build();
    }
}
