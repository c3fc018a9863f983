package dev.aigcmark.image.format;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.Verifier;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.report.ExitCodes;
import dev.aigcmark.core.report.ReportJson;
import dev.aigcmark.core.report.Status;
import dev.aigcmark.core.report.VerificationReport;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Verifier ends a file that goes over its budget as UNREADABLE (exit 4), its report naming the limit,
 * however deep in a parser or decoder the limit was hit.
 */
class BudgetTest {
    static final SdkContext CTX = SdkContext.defaults();

    static VerificationReport verify(SdkContext context, byte[] file, String name) {
        return new Verifier(context).verify(MediaInput.of(file, name));
    }

    static void unreadableWith(VerificationReport report, String code) {
        assertThat(ExitCodes.forReport(report)).as(ReportJson.toJson(report)).isEqualTo(ExitCodes.UNREADABLE);
        assertThat(report.diagnostics()).as(ReportJson.toJson(report)).extracting(s -> s.code().id()).contains(code);
    }

    @Test
    void aPixelBombIsRefusedBeforeDecoding() throws Exception {
        byte[] png = TestImages.encode(TestImages.textured(64, 48), "png");
        ByteBuffer.wrap(png, 16, 8).putInt(50_000).putInt(50_000); // IHDR width and height (CRC now wrong: fine)
        unreadableWith(verify(CTX, png, "bomb.png"), "asset.tooLarge");
    }

    @Test
    void aFileOverItsDeadlineIsUnreadableWithATimeout() throws Exception {
        byte[] png = TestImages.encode(TestImages.textured(512, 384), "png"); // several 64 KB reads: checkpoints
        assertThat(png.length).isGreaterThan(1 << 17);
        SdkContext hurried = CTX.toBuilder().limits(ReadLimits.defaults().toBuilder()
                .verifyCpuTimeout(Duration.ofNanos(1)).build()).build();
        unreadableWith(verify(hurried, png, "slow.png"), "asset.timeout");
        assertThat(verify(CTX, png, "slow.png").unreadable()).as("the same file within the default budget").isFalse();
    }

    @Test
    void tooManyChunksAreOverTheBoxCount() throws Exception {
        byte[] png = TestImages.richPng();
        SdkContext few = CTX.toBuilder().limits(ReadLimits.defaults().toBuilder().maxBoxCount(3).build()).build();
        unreadableWith(verify(few, png, "chunks.png"), "asset.limit.boxCount");
    }
}
