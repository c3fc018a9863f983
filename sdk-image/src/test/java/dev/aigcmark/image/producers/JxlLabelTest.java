package dev.aigcmark.image.producers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.Verifier;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.label.AigcLabel;
import dev.aigcmark.core.label.DigitalSourceType;
import dev.aigcmark.core.label.LabelJson;
import dev.aigcmark.core.mark.ImplicitLabel;
import dev.aigcmark.core.report.Status;
import dev.aigcmark.core.report.StatusCodes;
import dev.aigcmark.core.report.VerificationReport;
import dev.aigcmark.core.spi.LabelEdit;
import dev.aigcmark.core.spi.LabelWriter;
import dev.aigcmark.core.spi.Placement;
import dev.aigcmark.testing.ExternalTools;
import dev.aigcmark.testing.TestContexts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * JPEG XL from {@code cjxl} (container with {@code --container=1}, and a bare codestream): exiftool's XMP box is the
 * standard label; our label (a bare codestream is wrapped into the container) is read back by exiftool, and
 * {@code djxl} decodes the same pixels before and after.
 */
class JxlLabelTest {
    static final AigcLabel LABEL = HeifLabelTest.LABEL;
    static final SdkContext CTX = TestContexts.defaults();

    @TempDir
    Path tmp;

    @Test
    void exiftoolsXmpBoxIsTheStandardLabel() throws Exception {
        Path f = image(true);
        HeifLabelTest.exiftool("-XMP-TC260:AIGC=" + LabelJson.toBareJson(LABEL), f);
        VerificationReport report = new Verifier(CTX).verify(f);
        assertThat(report.format()).isEqualTo("jxl");
        ImplicitLabel label = (ImplicitLabel) report.findings(ImplicitLabel.class).get(0).mark();
        assertThat(label.label()).isEqualTo(LABEL);
        assertThat(label.placement()).isEqualTo(Placement.STANDARD);
        assertThat(report.diagnostics()).extracting(Status::code).contains(StatusCodes.PIXELS_NOT_EXAMINED);
    }

    @ParameterizedTest(name = "container {0}")
    @ValueSource(booleans = {true, false})
    void ourLabelIsReadBackByExiftoolAndDjxlDecodesTheSamePixels(boolean container) throws Exception {
        Path f = image(container);
        Path once = write(f, LABEL);
        JsonNode tags = HeifLabelTest.exiftoolRead(once);
        assertThat(tags.path("XMP-TC260:AIGC").asText()).isEqualTo(LabelJson.toBareJson(LABEL));
        assertThat(tags.path("XMP-iptcExt:DigitalSourceType").asText()).isEqualTo(DigitalSourceType.TRAINED_ALGORITHMIC_MEDIA);
        assertThat(tags.path("ExifTool:Warning").isMissingNode()).as("exiftool warns: %s", tags).isTrue();
        assertThat(decoded(once)).isEqualTo(decoded(f));
        Path twice = write(once, LABEL);
        assertThat(Files.readAllBytes(twice)).isEqualTo(Files.readAllBytes(once));
        assertThat(new Verifier(CTX).verify(twice).findings(ImplicitLabel.class)).hasSize(1);
    }

    /** A box whose size field says "to the end of the file" must not swallow the label written after it. */
    @Test
    void aBoxRunningToTheEndOfTheFileDoesNotSwallowTheLabel() throws Exception {
        byte[] b = Files.readAllBytes(image(true));
        int ftyp = 12; // after the 12-byte JPEG XL signature box
        assertThat(new String(b, ftyp + 4, 4, StandardCharsets.ISO_8859_1)).isEqualTo("ftyp");
        ByteBuffer.wrap(b, ftyp, 4).putInt(0);
        Path damaged = Files.write(Files.createTempFile(tmp, "ftyp0", ".jxl"), b);

        Path marked = write(damaged, LABEL);
        VerificationReport report = new Verifier(CTX).verify(marked);
        assertThat(report.findings(ImplicitLabel.class)).hasSize(1);
        assertThat(((ImplicitLabel) report.findings(ImplicitLabel.class).get(0).mark()).label()).isEqualTo(LABEL);
        assertThat(ByteBuffer.wrap(Files.readAllBytes(marked), ftyp, 4).getInt()).as("ftyp's size made explicit")
                .isEqualTo(b.length - ftyp);
    }

    Path image(boolean container) throws Exception {
        ExternalTools.assumeTool("cjxl");
        Path png = SourceImages.png(tmp);
        Path out = Files.createTempFile(tmp, "img", ".jxl");
        ExternalTools.run("cjxl", "--container=" + (container ? 1 : 0), "-q", "90", png.toString(), out.toString())
                .requireSuccess();
        byte[] head = Files.readAllBytes(out);
        assertThat(head[0] == (byte) 0xFF).as("cjxl wrote the form asked for").isEqualTo(!container);
        return out;
    }

    Path write(Path in, AigcLabel label) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MediaInput input = MediaInput.of(in)) {
            ((LabelWriter) CTX.handler("jxl").orElseThrow()).writeLabel(input, out,
                    new LabelEdit(label, DigitalSourceType.TRAINED_ALGORITHMIC_MEDIA), CTX);
        }
        return Files.write(Files.createTempFile(tmp, "marked", ".jxl"), out.toByteArray());
    }

    /** SHA-256 of the pixels djxl decodes (to portable pixmap: no metadata in it). */
    String decoded(Path f) throws Exception {
        ExternalTools.assumeTool("djxl");
        Path ppm = Files.createTempFile(tmp, "dec", ".ppm");
        ExternalTools.run("djxl", f.toString(), ppm.toString()).requireSuccess();
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(ppm)));
    }
}
