package dev.aigcmark.image.format;

import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.Verifier;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.report.ExitCodes;
import dev.aigcmark.core.report.ReportJson;
import dev.aigcmark.core.report.Status;
import dev.aigcmark.core.report.StatusCodes;
import dev.aigcmark.core.report.VerificationReport;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A HEIF item table declaring more entries than the box-count limit ends the file as UNREADABLE with
 * {@code asset.limit.boxCount}, naming the table, before any entry is read (it used to end with a generic
 * "HEIF structure" error that did not say a limit was hit, so a platform could not tell it from damage).
 */
class HeifItemLimitsTest {
    private static final int OVER_DEFAULT_LIMIT = 200_000; // ReadLimits.maxBoxCount() is 100,000

    @Test
    void anIinfDeclaringTooManyItemsIsOverTheBoxCount() {
        byte[] iinf = box("iinf", ByteBuffer.allocate(8).putInt(1 << 24).putInt(OVER_DEFAULT_LIMIT).array());
        assertOverBoxCount(verify(heic(iinf)), "items declared in iinf");
    }

    @Test
    void anIlocDeclaringTooManyLocationsIsOverTheBoxCount() {
        byte[] iloc = box("iloc", ByteBuffer.allocate(10).putInt(2 << 24).putShort((short) 0x4400)
                .putInt(OVER_DEFAULT_LIMIT).array());
        assertOverBoxCount(verify(heic(iloc)), "item locations declared in iloc");
    }

    @Test
    void aTableWithinTheLimitIsNotALimitProblem() {
        byte[] iinf = box("iinf", ByteBuffer.allocate(8).putInt(1 << 24).putInt(3).array()); // 3 declared, none present
        VerificationReport report = verify(heic(iinf));
        assertThat(report.diagnostics()).as(ReportJson.toJson(report)).extracting(Status::code)
                .doesNotContain(StatusCodes.ASSET_LIMIT_BOX_COUNT);
    }

    private static void assertOverBoxCount(VerificationReport report, String what) {
        assertThat(ExitCodes.forReport(report)).as(ReportJson.toJson(report)).isEqualTo(ExitCodes.UNREADABLE);
        assertThat(report.diagnostics()).as(ReportJson.toJson(report))
                .anySatisfy(s -> {
                    assertThat(s.code()).isEqualTo(StatusCodes.ASSET_LIMIT_BOX_COUNT);
                    assertThat(s.message()).contains(what);
                });
    }

    private static VerificationReport verify(byte[] file) {
        return new Verifier(SdkContext.defaults()).verify(MediaInput.of(file, "items.heic"));
    }

    /** ftyp heic + a meta box (hdlr pict, then {@code table}). */
    private static byte[] heic(byte[] table) {
        byte[] ftyp = box("ftyp", "heic\0\0\0\0mif1heic".getBytes(StandardCharsets.US_ASCII));
        byte[] hdlr = box("hdlr", ByteBuffer.allocate(25).putInt(0).putInt(0).put("pict".getBytes(StandardCharsets.US_ASCII))
                .array());
        ByteArrayOutputStream meta = new ByteArrayOutputStream();
        meta.writeBytes(new byte[4]); // version and flags
        meta.writeBytes(hdlr);
        meta.writeBytes(table);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(ftyp);
        file.writeBytes(box("meta", meta.toByteArray()));
        return file.toByteArray();
    }

    private static byte[] box(String type, byte[] payload) {
        return ByteBuffer.allocate(8 + payload.length).putInt(8 + payload.length)
                .put(type.getBytes(StandardCharsets.US_ASCII)).put(payload).array();
    }
}
