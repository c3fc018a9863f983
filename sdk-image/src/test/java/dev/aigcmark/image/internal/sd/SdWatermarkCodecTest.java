package dev.aigcmark.image.internal.sd;

import dev.aigcmark.core.Verifier;
import dev.aigcmark.core.mark.Watermark;
import dev.aigcmark.core.report.MarkFinding;
import dev.aigcmark.core.report.TrustState;
import dev.aigcmark.core.report.VerificationReport;
import dev.aigcmark.testing.SharedFiles;
import dev.aigcmark.testing.TestContexts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Through the real Verifier and image handlers: SDXL / SD 1.x on the marked vectors, nothing on the cover. */
class SdWatermarkCodecTest {
    static final Verifier VERIFIER = new Verifier(TestContexts.defaults());

    static VerificationReport verify(String file) {
        return VERIFIER.verify(SharedFiles.vectors("sd-watermark").resolve(file));
    }

    @ParameterizedTest
    @CsvSource({
            "sdxl_bgr_1024.png, sd.sdxl, 48, float BGR",
            "sdxl_rgbswap_1024.png, sd.sdxl, 48, float R/B swapped",
            "sdxl_bgr_1024_q95_444.jpg, sd.sdxl, 48, float BGR",
            "sdv1_512.png, sd.v1, 130, uint8 BGR",
    })
    void markedVectorsReportTheirPipeline(String file, String scheme, int matching, String convention) {
        VerificationReport report = verify(file);
        assertThat(report.findings(Watermark.class)).hasSize(1);
        MarkFinding f = report.findings(Watermark.class).get(0);
        Watermark w = (Watermark) f.mark();
        assertThat(w.scheme()).isEqualTo(scheme);
        assertThat(w.details()).containsEntry("matchingBits", matching).containsEntry("convention", convention);
        assertThat((Double) w.details().get("pValue")).isLessThan(1e-6);
        assertThat(f.state()).isEqualTo(TrustState.VALID);
    }

    @Test
    void coverHasNoFinding() {
        VerificationReport report = verify("cover_1024_unmarked.png");
        assertThat(report.findings(Watermark.class)).isEmpty();
    }
}
