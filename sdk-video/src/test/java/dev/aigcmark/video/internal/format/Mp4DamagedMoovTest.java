package dev.aigcmark.video.internal.format;

import dev.aigcmark.core.Verifier;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.report.ExitCodes;
import dev.aigcmark.core.report.ReportJson;
import dev.aigcmark.core.report.Severity;
import dev.aigcmark.core.report.Status;
import dev.aigcmark.core.report.StatusCodes;
import dev.aigcmark.core.report.VerificationReport;
import dev.aigcmark.testing.TestContexts;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Damage in {@code moov} that the label survives is still reported. The shared hostile vector
 * {@code mov-random-bytes-hang.mov} has the {@code data} box of its {@code AIGC} ilst item damaged (size 30,650,
 * type no longer {@code data}); its label is read from the XMP copy, so it verifies VALID, but until session 10 the
 * report said nothing of the damage. The same damage is made here in a marked MP4 (label in both places): the verdict
 * is unchanged, and a tolerated {@code asset.malformed} names the damaged item.
 */
class Mp4DamagedMoovTest {
    static final String MARKED = "/dev/aigcmark/video/fuzz/VideoContainersFuzzTestInputs/containers/marked.mp4";

    @Test
    void aDamagedLabelItemIsReportedAndTheVerdictFromTheOtherCarrierStands() throws IOException {
        byte[] marked = resource();
        byte[] damaged = marked.clone();
        int data = labelDataBox(damaged);
        ByteBuffer.wrap(damaged, data, 8).putInt(0x77BA).putInt(0xD4B37461); // as in the shared vector

        VerificationReport before = verify(marked);
        VerificationReport after = verify(damaged);
        assertThat(before.diagnostics()).as(ReportJson.toJson(before)).extracting(Status::code)
                .doesNotContain(StatusCodes.ASSET_MALFORMED);
        assertThat(after.diagnostics()).as(ReportJson.toJson(after)).anySatisfy(s -> {
            assertThat(s.code()).isEqualTo(StatusCodes.ASSET_MALFORMED);
            assertThat(s.severity()).isEqualTo(Severity.INFORMATIONAL);
            assertThat(s.message()).contains("moov/udta/meta/ilst/item ").contains(" (key AIGC)")
                    .contains("label's standard carrier");
        });
        assertThat(after.state()).as(ReportJson.toJson(after)).isEqualTo(before.state());
        assertThat(ExitCodes.forReport(after)).isEqualTo(ExitCodes.forReport(before));
    }

    /** The offset of the {@code data} box of the first item of the ilst that holds one (the AIGC key's). */
    private static int labelDataBox(byte[] file) {
        byte[] ilst = "ilst".getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i + 24 <= file.length; i++) {
            if (regionMatches(file, i, ilst) && regionMatches(file, i + 16, "data".getBytes(StandardCharsets.ISO_8859_1))) {
                return i + 12; // ilst type, item size and type, then the data box's size
            }
        }
        throw new AssertionError("the marked MP4 has no ilst item with a data box");
    }

    private static boolean regionMatches(byte[] a, int at, byte[] b) {
        for (int k = 0; k < b.length; k++) {
            if (a[at + k] != b[k]) {
                return false;
            }
        }
        return true;
    }

    private static VerificationReport verify(byte[] file) {
        return new Verifier(TestContexts.defaults()).verify(MediaInput.of(file, "damaged.mp4"));
    }

    private static byte[] resource() throws IOException {
        try (InputStream in = Mp4DamagedMoovTest.class.getResourceAsStream(MARKED)) {
            assertThat(in).as(MARKED).isNotNull();
            return in.readAllBytes();
        }
    }
}
