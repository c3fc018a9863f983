package dev.aigcmark.image.producers;

import dev.aigcmark.core.label.PropagateId;
import dev.aigcmark.core.Verifier;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.label.AigcLabel;
import dev.aigcmark.core.label.LabelJson;
import dev.aigcmark.core.label.LabelSchema;
import dev.aigcmark.core.mark.ImplicitLabel;
import dev.aigcmark.core.spi.LabelWriter;
import dev.aigcmark.core.spi.Placement;
import dev.aigcmark.image.internal.format.TestImages;
import dev.aigcmark.testing.ExternalTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A vendor-schema label in a TIFF's IFD0 ImageDescription (exiftool) is read, and updated in place when marking. */
class TiffProducerFormsTest {
    @TempDir
    Path tmp;

    @Test
    void vendorLabelInImageDescriptionIsReadAndUpdated() throws Exception {
        ExternalTools.assumeTool("exiftool");
        Path f = Files.write(tmp.resolve("v.tif"), TestImages.tiff(24, 24, ByteOrder.LITTLE_ENDIAN));
        ExternalTools.run("exiftool", "-q", "-overwrite_original", "-IFD0:ImageDescription={\"AIGC\":{\"Label\":\"1\","
                + "\"ServiceProvider\":\"" + JpegProducerFormsTest.PRODUCER + "\",\"ServiceUser\":\"u\",\"Time\":\"1\","
                + "\"ContentId\":\"t-1\"}}", f.toString()).requireSuccess();
        ImplicitLabel found = (ImplicitLabel) new Verifier(JpegProducerFormsTest.CTX).verify(f)
                .findings(ImplicitLabel.class).get(0).mark();
        assertThat(found.schema()).isEqualTo(LabelSchema.SERVICE_PROVIDER);
        assertThat(found.placement()).isEqualTo(Placement.NONSTANDARD);
        assertThat(found.label().produceId()).isEqualTo("t-1");

        AigcLabel next = found.label().withPropagation("00119144030008867405X220001", PropagateId.of("p-3"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ((LabelWriter) JpegProducerFormsTest.CTX.handler("tiff").orElseThrow()).writeLabel(MediaInput.of(f), out,
                JpegProducerFormsTest.edit(next), JpegProducerFormsTest.CTX);
        Path marked = Files.write(tmp.resolve("m.tif"), out.toByteArray());
        assertThat(ExternalTools.run("exiftool", "-s3", "-IFD0:ImageDescription", marked.toString()).requireSuccess()
                .stdout().strip()).isEqualTo(LabelJson.toWrappedJson(next));
        assertThat(new Verifier(JpegProducerFormsTest.CTX).verify(marked).findings(ImplicitLabel.class)).hasSize(1);
    }
}
