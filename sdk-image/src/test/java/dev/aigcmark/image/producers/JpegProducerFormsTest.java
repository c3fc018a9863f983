package dev.aigcmark.image.producers;

import dev.aigcmark.core.label.PropagateId;
import dev.aigcmark.core.label.ProduceId;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.Verifier;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.label.AigcLabel;
import dev.aigcmark.core.label.DigitalSourceType;
import dev.aigcmark.core.label.LabelJson;
import dev.aigcmark.core.label.LabelSchema;
import dev.aigcmark.core.label.LabelValue;
import dev.aigcmark.core.mark.ImplicitLabel;
import dev.aigcmark.core.report.MarkFinding;
import dev.aigcmark.core.report.StatusCodes;
import dev.aigcmark.core.report.VerificationReport;
import dev.aigcmark.core.spi.LabelEdit;
import dev.aigcmark.core.spi.LabelWriter;
import dev.aigcmark.core.spi.Placement;
import dev.aigcmark.image.internal.format.TestImages;
import dev.aigcmark.image.internal.container.JpegStructure;
import dev.aigcmark.testing.ExternalTools;
import dev.aigcmark.testing.TestContexts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JPEG forms producers write beside the standard XMP: a bare {@code AIGC{...}} APP blob next to JFIF, a cloud
 * vendor's service-provider schema in EXIF ImageDescription, the wrapped label in EXIF UserComment. Each is
 * recognised with its producer code and reported as a tolerated (non-standard) placement or schema; marking
 * updates it in place so the file keeps one label.
 */
class JpegProducerFormsTest {
    static final String PRODUCER = "001191110102MACQD9K64010000";
    static final AigcLabel LABEL = AigcLabel.produced(LabelValue.AI_GENERATED, PRODUCER, ProduceId.of("0f3c2a9e8b7d4e21a0b1c2d3e4f50617"));
    static final SdkContext CTX = TestContexts.defaults();

    @TempDir
    Path tmp;

    @Test
    void bareAigcBlobInAnAppSegmentNextToJfif() throws Exception {
        byte[] jpeg = jpeg();
        int afterJfif = JpegStructure.parse(jpeg, CTX.limits(), new ArrayList<>()).segments().get(0).end();
        byte[] blob = ("AIGC" + LabelJson.toBareJson(LABEL)).getBytes(StandardCharsets.US_ASCII);
        byte[] file = TestImages.insert(jpeg, afterJfif, TestImages.segment(0xEA, blob));

        ImplicitLabel label = onlyLabel(verify(file));
        assertThat(label.label().contentProducer()).isEqualTo(PRODUCER);
        assertThat(label.placement()).isEqualTo(Placement.NONSTANDARD);
        assertThat(label.schema()).isEqualTo(LabelSchema.ANNEX_E);
        assertThat(label.carrier()).isEqualTo("APP10 AIGC blob at " + afterJfif);
        assertThat(finding(verify(file)).hasStatus(StatusCodes.LABEL_PLACEMENT_NONSTANDARD)).isTrue();

        AigcLabel next = LABEL.withPropagation("00119144030008867405X220001", PropagateId.of("p-1"));
        byte[] marked = write(file, next);
        String updated = new String(marked, StandardCharsets.ISO_8859_1);
        assertThat(updated).contains("AIGC" + LabelJson.toBareJson(next)).doesNotContain("AIGC" + LabelJson.toBareJson(LABEL));
        VerificationReport after = verify(marked);
        assertThat(after.findings(ImplicitLabel.class)).hasSize(1);
        assertThat(onlyLabel(after).placement()).as("the XMP copy speaks for the label").isEqualTo(Placement.STANDARD);
        assertThat(imageData(marked)).isEqualTo(imageData(file));
    }

    @Test
    void vendorServiceProviderSchemaInExifImageDescription() throws Exception {
        ExternalTools.assumeTool("exiftool");
        String vendor = "{\"AIGC\":{\"Label\":\"1\",\"ServiceProvider\":\"" + PRODUCER + "\",\"ServiceUser\":\"u-42\","
                + "\"Time\":\"1733400000\",\"ContentId\":\"c-7f3a\"}}";
        Path f = Files.write(tmp.resolve("vendor.jpg"), jpeg());
        ExternalTools.run("exiftool", "-q", "-overwrite_original", "-EXIF:ImageDescription=" + vendor, f.toString())
                .requireSuccess();

        VerificationReport report = verify(Files.readAllBytes(f));
        ImplicitLabel label = onlyLabel(report);
        assertThat(label.schema()).isEqualTo(LabelSchema.SERVICE_PROVIDER);
        assertThat(label.placement()).isEqualTo(Placement.NONSTANDARD);
        assertThat(label.label().label()).isEqualTo("1");
        assertThat(label.label().contentProducer()).isEqualTo(PRODUCER);
        assertThat(label.label().produceId()).isEqualTo("c-7f3a");
        assertThat(label.vendorFields()).containsEntry("ServiceUser", "u-42").containsEntry("Time", "1733400000");
        assertThat(label.carrier()).startsWith("EXIF ImageDescription");
        assertThat(finding(report).hasStatus(StatusCodes.LABEL_SCHEMA_VENDOR)).isTrue();
        assertThat(report.effectiveLabel()).contains(LabelValue.AI_GENERATED);

        // Marking as propagator keeps the producer's mapped fields and updates the description in place.
        AigcLabel next = label.label().withPropagation("00119144030008867405X220001", PropagateId.of("p-2"));
        Path out = Files.write(tmp.resolve("marked.jpg"), write(Files.readAllBytes(f), next));
        String description = ExternalTools.run("exiftool", "-s3", "-EXIF:ImageDescription", out.toString())
                .requireSuccess().stdout().strip();
        assertThat(description).isEqualTo(LabelJson.toWrappedJson(next));
        assertThat(verify(Files.readAllBytes(out)).findings(ImplicitLabel.class)).hasSize(1);
    }

    @Test
    void wrappedLabelInExifUserCommentIsTolerated() throws Exception {
        ExternalTools.assumeTool("exiftool");
        Path f = Files.write(tmp.resolve("comment.jpg"), jpeg());
        ExternalTools.run("exiftool", "-q", "-overwrite_original", "-EXIF:UserComment=" + LabelJson.toWrappedJson(LABEL),
                f.toString()).requireSuccess();
        ImplicitLabel label = onlyLabel(verify(Files.readAllBytes(f)));
        assertThat(label.placement()).isEqualTo(Placement.NONSTANDARD);
        assertThat(label.wrapped()).isTrue();
        assertThat(label.label()).isEqualTo(LABEL);
    }

    static VerificationReport verify(byte[] file) {
        return new Verifier(CTX).verify(MediaInput.of(file, "x.jpg"));
    }

    static MarkFinding finding(VerificationReport r) {
        assertThat(r.findings(ImplicitLabel.class)).hasSize(1);
        return r.findings(ImplicitLabel.class).get(0);
    }

    static ImplicitLabel onlyLabel(VerificationReport r) {
        return (ImplicitLabel) finding(r).mark();
    }

    static byte[] write(byte[] file, AigcLabel label) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ((LabelWriter) CTX.handler("jpeg").orElseThrow()).writeLabel(MediaInput.of(file, "in.jpg"), out, edit(label), CTX);
        return out.toByteArray();
    }

    static LabelEdit edit(AigcLabel label) {
        return new LabelEdit(label, DigitalSourceType.TRAINED_ALGORITHMIC_MEDIA);
    }

    static byte[] imageData(byte[] jpeg) throws Exception {
        int start = JpegStructure.parse(jpeg, CTX.limits(), new ArrayList<>()).imageDataStart();
        return Arrays.copyOfRange(jpeg, start, jpeg.length);
    }

    static byte[] jpeg() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(SourceImages.picture(), "jpeg", out);
        return out.toByteArray();
    }
}
