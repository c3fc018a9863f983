package dev.aigcmark.video.format;

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
 * FLV {@code onMetaData} nested past the depth limit ends the file as UNREADABLE with {@code asset.limit.depth}
 * (it used to be an informational {@code asset.malformed}, so the limit was invisible in the report); nesting
 * within the limit is read as before and the AIGC label in it is found.
 */
class FlvMetadataLimitsTest {
    private static final String LABEL = "{\"Label\":\"1\",\"ContentProducer\":\"001191110102MACQD9K64010000\","
            + "\"ProduceID\":\"flv00000000000000000000000000001\"}";

    @Test
    void metadataNestedPastTheDepthLimitIsOverTheLimit() {
        VerificationReport report = verify(flv(nestedObjects(40))); // ReadLimits.maxBoxDepth() is 32
        assertThat(ExitCodes.forReport(report)).as(ReportJson.toJson(report)).isEqualTo(ExitCodes.UNREADABLE);
        assertThat(report.diagnostics()).as(ReportJson.toJson(report)).anySatisfy(s -> {
            assertThat(s.code()).isEqualTo(StatusCodes.ASSET_LIMIT_DEPTH);
            assertThat(s.message()).contains("AMF0 values in FLV metadata");
        });
    }

    @Test
    void metadataNestedWithinTheLimitStillYieldsItsLabel() {
        VerificationReport report = verify(flv(nestedObjects(8)));
        assertThat(report.diagnostics()).as(ReportJson.toJson(report)).extracting(Status::code)
                .doesNotContain(StatusCodes.ASSET_LIMIT_DEPTH, StatusCodes.ASSET_MALFORMED);
        assertThat(report.unreadable()).as(ReportJson.toJson(report)).isFalse();
        assertThat(ReportJson.toJson(report)).contains("flv00000000000000000000000000001");
    }

    private static VerificationReport verify(byte[] file) {
        return new Verifier(SdkContext.defaults()).verify(MediaInput.of(file, "meta.flv"));
    }

    /** An AMF0 object holding one object per level, {@code depth} levels deep. */
    private static byte[] nestedObjects(int depth) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < depth; i++) {
            out.writeBytes(new byte[] {3, 0, 1, 'a'}); // object, then its property "a" holding the next level
        }
        out.write(3);
        for (int i = 0; i <= depth; i++) {
            out.writeBytes(new byte[] {0, 0, 9}); // object end
        }
        return out.toByteArray();
    }

    /** An FLV with one script tag: onMetaData = {AIGC: label, deep: value}. */
    private static byte[] flv(byte[] deepValue) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        data.write(2);
        writeString(data, "onMetaData");
        data.writeBytes(new byte[] {8, 0, 0, 0, 2}); // ECMA array of 2
        writeString(data, "AIGC");
        data.write(2);
        writeString(data, LABEL);
        writeString(data, "deep");
        data.writeBytes(deepValue);
        data.writeBytes(new byte[] {0, 0, 9});
        byte[] script = data.toByteArray();
        ByteBuffer file = ByteBuffer.allocate(9 + 4 + 11 + script.length + 4);
        file.put("FLV".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 5).putInt(9).putInt(0);
        file.put((byte) 18).put((byte) (script.length >> 16)).put((byte) (script.length >> 8)).put((byte) script.length);
        file.put(new byte[7]).put(script).putInt(11 + script.length);
        return file.array();
    }

    private static void writeString(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.write(b.length >> 8);
        out.write(b.length);
        out.writeBytes(b);
    }
}
