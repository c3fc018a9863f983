package dev.aigcmark.image.internal.format;

import dev.aigcmark.core.Verifier;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.report.ReportJson;
import dev.aigcmark.core.report.StatusCodes;
import dev.aigcmark.core.report.VerificationReport;
import dev.aigcmark.core.spi.LabelEdit;
import dev.aigcmark.testing.HandlerFuzzing;
import dev.aigcmark.testing.TestContexts;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An AVIF whose {@code iloc} locates the item the label rewrites twice (found by
 * {@code ImageStructureFuzzTest#imageContainers}, session 10): writing the label threw a NullPointerException (the
 * second entry was left empty); now the write is refused with a reason, and the file still verifies.
 */
class HeifIlocDuplicateTest {
    static final String INPUT = "/dev/aigcmark/image/fuzz/ImageStructureFuzzTestInputs/imageContainers/"
            + "avif-iloc-locates-an-item-twice.avif";

    @Test
    void theLabelWriteIsRefusedWithAReason() throws IOException {
        byte[] avif = input();
        assertThatThrownBy(() -> new AvifHandler().writeLabel(MediaInput.of(avif, "twice.avif"),
                new ByteArrayOutputStream(), new LabelEdit(HandlerFuzzing.LABEL, null), TestContexts.defaults()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("more than once");
    }

    @Test
    void theFileStillVerifiesWithoutACodecFailure() throws IOException {
        VerificationReport report = new Verifier(TestContexts.defaults()).verify(MediaInput.of(input(), "twice.avif"));
        assertThat(report.diagnostics()).as(ReportJson.toJson(report))
                .noneMatch(s -> s.code().equals(StatusCodes.ASSET_CODEC_FAILED));
    }

    private static byte[] input() throws IOException {
        try (InputStream in = HeifIlocDuplicateTest.class.getResourceAsStream(INPUT)) {
            assertThat(in).as(INPUT).isNotNull();
            return in.readAllBytes();
        }
    }
}
