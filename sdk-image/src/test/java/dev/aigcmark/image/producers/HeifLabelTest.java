package dev.aigcmark.image.producers;

import dev.aigcmark.core.MarkIntent;
import dev.aigcmark.core.Marker;
import dev.aigcmark.core.label.PropagateId;
import dev.aigcmark.core.label.ProduceId;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.Verifier;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.label.AigcLabel;
import dev.aigcmark.core.label.DigitalSourceType;
import dev.aigcmark.core.label.LabelJson;
import dev.aigcmark.core.label.LabelSchema;
import dev.aigcmark.core.label.LabelValue;
import dev.aigcmark.core.mark.ImplicitLabel;
import dev.aigcmark.core.report.Status;
import dev.aigcmark.core.report.StatusCodes;
import dev.aigcmark.core.report.VerificationReport;
import dev.aigcmark.core.spi.LabelEdit;
import dev.aigcmark.core.spi.LabelWriter;
import dev.aigcmark.core.spi.Placement;
import dev.aigcmark.testing.DevelopmentContexts;
import dev.aigcmark.testing.ExternalTools;
import dev.aigcmark.testing.TestContexts;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HEIC and AVIF made by libheif ({@code heif-enc}, {@code -A} for AVIF), labelled by exiftool in the standard XMP
 * item and a vendor schema in EXIF; our label written into them is read back by exiftool, and the decoded pixels
 * are identical before and after (no re-encode, every {@code iloc} offset kept right).
 */
class HeifLabelTest {
    static final AigcLabel LABEL = AigcLabel.produced(LabelValue.AI_GENERATED, JpegProducerFormsTest.PRODUCER, ProduceId.of("heif-1"));
    static final SdkContext CTX = TestContexts.defaults();

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"heic", "avif"})
    void exiftoolsXmpItemIsTheStandardLabel(String ext) throws Exception {
        Path f = image(ext);
        exiftool("-XMP-TC260:AIGC=" + LabelJson.toBareJson(LABEL), f);
        VerificationReport report = verify(f);
        assertThat(report.format()).isEqualTo(ext.equals("heic") ? "heif" : "avif");
        ImplicitLabel label = (ImplicitLabel) report.findings(ImplicitLabel.class).get(0).mark();
        assertThat(label.label()).isEqualTo(LABEL);
        assertThat(label.placement()).isEqualTo(Placement.STANDARD);
        assertThat(label.carrier()).startsWith("XMP item");
        assertThat(report.diagnostics()).extracting(Status::code).contains(StatusCodes.PIXELS_NOT_EXAMINED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"heic", "avif"})
    void vendorSchemaInTheExifItemIsToleratedAndUpdatedWhenMarked(String ext) throws Exception {
        Path f = image(ext);
        exiftool("-EXIF:ImageDescription={\"AIGC\":{\"Label\":\"1\",\"ServiceProvider\":\""
                + JpegProducerFormsTest.PRODUCER + "\",\"ServiceUser\":\"u1\",\"Time\":\"1733400000\",\"ContentId\":\"c1\"}}", f);
        ImplicitLabel label = (ImplicitLabel) verify(f).findings(ImplicitLabel.class).get(0).mark();
        assertThat(label.schema()).isEqualTo(LabelSchema.SERVICE_PROVIDER);
        assertThat(label.placement()).isEqualTo(Placement.NONSTANDARD);
        assertThat(label.label().contentProducer()).isEqualTo(JpegProducerFormsTest.PRODUCER);

        Path out = write(f, LABEL);
        JsonNode tags = exiftoolRead(out);
        assertThat(tags.path("XMP-TC260:AIGC").asText()).isEqualTo(LabelJson.toBareJson(LABEL));
        assertThat(tags.path("IFD0:ImageDescription").asText()).isEqualTo(LabelJson.toWrappedJson(LABEL));
        assertThat(verify(out).findings(ImplicitLabel.class)).hasSize(1);
        assertThat(pixels(out)).isEqualTo(pixels(f));
    }

    @ParameterizedTest
    @ValueSource(strings = {"heic", "avif"})
    void ourLabelIsReadBackByExiftoolAndThePixelsAreUnchanged(String ext) throws Exception {
        Path f = image(ext);
        Path once = write(f, LABEL);
        JsonNode tags = exiftoolRead(once);
        assertThat(tags.path("XMP-TC260:AIGC").asText()).isEqualTo(LabelJson.toBareJson(LABEL));
        assertThat(tags.path("XMP-iptcExt:DigitalSourceType").asText()).isEqualTo(DigitalSourceType.TRAINED_ALGORITHMIC_MEDIA);
        assertThat(tags.path("ExifTool:Warning").isMissingNode()).as("exiftool warns: %s", tags).isTrue();
        assertThat(pixels(once)).isEqualTo(pixels(f));

        Path twice = write(once, LABEL);
        assertThat(Files.readAllBytes(twice)).as("re-marking rewrites the XMP item in place").isEqualTo(Files.readAllBytes(once));

        // An exiftool-written XMP item is updated (it grows: the data moves to a new mdat, meta shifts the image).
        Path labelled = image(ext);
        exiftool("-XMP-dc:Title=kept", labelled);
        AigcLabel propagated = LABEL.withPropagation("00119144030008867405X220001", PropagateId.of("p-9"));
        Path updated = write(labelled, propagated);
        JsonNode after = exiftoolRead(updated);
        assertThat(after.path("XMP-TC260:AIGC").asText()).isEqualTo(LabelJson.toBareJson(propagated));
        assertThat(after.path("XMP-dc:Title").asText()).isEqualTo("kept");
        assertThat(pixels(updated)).isEqualTo(pixels(labelled));
        assertThat(verify(updated).findings(ImplicitLabel.class)).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"heic"})
    void markerWritesTheSignedLabel(String ext, @TempDir Path home) throws Exception {
        SdkContext ctx = DevelopmentContexts.marking(home);
        Path f = image(ext);
        Path out = tmp.resolve("marked." + ext);
        new Marker(ctx).mark(f, out, MarkIntent.builder()
                .label(LabelValue.AI_GENERATED).explicitLabel(null).watermark(false).build());
        VerificationReport report = new Verifier(ctx).verify(out);
        assertThat(report.state()).hasToString("VALID");
        assertThat(pixels(out)).isEqualTo(pixels(f));
    }

    Path image(String ext) throws Exception {
        ExternalTools.assumeTool("heif-enc");
        Path png = SourceImages.png(tmp);
        Path out = Files.createTempFile(tmp, "img", "." + ext);
        ExternalTools.run(ext.equals("avif") ? List.of("heif-enc", "-A", "-o", out.toString(), png.toString())
                : List.of("heif-enc", "-o", out.toString(), png.toString())).requireSuccess();
        return out;
    }

    static VerificationReport verify(Path f) {
        return new Verifier(CTX).verify(f);
    }

    Path write(Path in, AigcLabel label) throws Exception {
        String ext = in.getFileName().toString().replaceAll(".*\\.", "");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MediaInput input = MediaInput.of(in)) {
            String id = CTX.handler(ext.equals("heic") ? "heif" : "avif").orElseThrow().id();
            ((LabelWriter) CTX.handler(id).orElseThrow()).writeLabel(input, out,
                    new LabelEdit(label, DigitalSourceType.TRAINED_ALGORITHMIC_MEDIA), CTX);
        }
        return Files.write(Files.createTempFile(tmp, "marked", "." + ext), out.toByteArray());
    }

    static void exiftool(String assignment, Path f) throws Exception {
        ExternalTools.assumeTool("exiftool");
        ExternalTools.run("exiftool", "-config", config(), "-q", "-overwrite_original", assignment, f.toString()).requireSuccess();
    }

    static JsonNode exiftoolRead(Path f) throws Exception {
        ExternalTools.assumeTool("exiftool");
        var r = ExternalTools.run("exiftool", "-config", config(), "-j", "-G1", "-a", "-XMP-TC260:all", "-XMP-iptcExt:all",
                "-XMP-dc:all", "-IFD0:ImageDescription", "-Warning", f.toString()).requireSuccess();
        return new ObjectMapper().readTree(r.stdout()).get(0);
    }

    static String config() throws Exception {
        return Path.of(HeifLabelTest.class.getResource("/exiftool-tc260.config").toURI()).toString();
    }

    /** The pixels libheif decodes (heif-dec, or heif-convert on older libheif), as ARGB. */
    int[] pixels(Path f) throws Exception {
        String tool = ExternalTools.onPath("heif-dec") ? "heif-dec" : "heif-convert";
        ExternalTools.assumeTool(tool);
        Path png = Files.createTempFile(tmp, "dec", ".png");
        Files.delete(png);
        ExternalTools.run(tool, f.toString(), png.toString()).requireSuccess();
        BufferedImage img = ImageIO.read(png.toFile());
        return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    }
}
