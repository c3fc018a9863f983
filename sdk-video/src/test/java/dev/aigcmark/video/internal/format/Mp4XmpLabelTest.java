package dev.aigcmark.video.internal.format;

import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.internal.bmff.BoxTypes;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.label.LabelJson;
import dev.aigcmark.core.spi.Carrier;
import dev.aigcmark.core.spi.CarrierType;
import dev.aigcmark.core.spi.Container;
import dev.aigcmark.core.spi.LabelEdit;
import dev.aigcmark.core.internal.xmp.XmpPacket;
import dev.aigcmark.testing.ExternalTools;
import dev.aigcmark.core.internal.bmff.Box;
import dev.aigcmark.testing.TestContexts;
import dev.aigcmark.video.testing.Boxes;
import dev.aigcmark.video.testing.SyntheticMp4;
import dev.aigcmark.video.testing.TestMarks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** XMP next to the mdta label: an old label in XMP is replaced (never two different labels); DST goes to XMP. */
class Mp4XmpLabelTest {
    static final String DST = "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia";
    private final Mp4Handler handler = new Mp4Handler();
    private final SdkContext context = TestContexts.builder().handlers(List.of(handler)).codecs(List.of()).build();

    byte[] write(byte[] file, LabelEdit edit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.writeLabel(MediaInput.of(file, "in.mp4"), out, edit, context);
        return out.toByteArray();
    }

    @Test
    void oldLabelInAnXmpBoxBeforeMdatIsReplacedAndSamplesFollow() throws Exception {
        byte[] oldXmp = XmpBoxes.uuidBox(XmpPacket.fresh("{\"Label\":\"3\"}", null));
        // ftyp, moov, uuid(XMP), mdat: the XMP box grows or shrinks in front of the samples.
        byte[] ftyp = SyntheticMp4.ftyp();
        long moovSize = SyntheticMp4.moov(0, null).size();
        Box moov = SyntheticMp4.moov(ftyp.length + moovSize + oldXmp.length + 8, null);
        byte[] in = SyntheticMp4.concat(ftyp, moov.toBytes(), oldXmp,
                Box.leaf(BoxTypes.MDAT, SyntheticMp4.mdatPayload()).toBytes());
        Mp4LabelWriteTest.assertChunksIntact(in);

        byte[] out = write(in, new LabelEdit(TestMarks.label("x1"), null));
        Mp4LabelWriteTest.assertChunksIntact(out);
        Container c = handler.scan(MediaInput.of(out, "o"), context);
        String json = LabelJson.toBareJson(TestMarks.label("x1"));
        assertThat(c.carriers(CarrierType.AIGC_JSON)).extracting(Carrier::text).containsExactly(json);
        assertThat(c.carriers(CarrierType.XMP)).singleElement().satisfies(x ->
                assertThat(XmpPacket.parse(x.data(), context.limits()).aigcLabelText()).contains(json));
    }

    @Test
    void digitalSourceTypeGoesIntoANewXmpBoxAtTheEndMovingNoSample(@TempDir Path dir) throws Exception {
        byte[] in = SyntheticMp4.fastStart(null);
        byte[] out = write(in, new LabelEdit(TestMarks.label("x2"), DST));
        assertThat(Boxes.topLevelTypes(MediaInput.of(out, "o"))).containsExactly("ftyp", "moov", "mdat", "uuid");
        Mp4LabelWriteTest.assertChunksIntact(out);
        Container c = handler.scan(MediaInput.of(out, "o"), context);
        XmpPacket xmp = XmpPacket.parse(c.carriers(CarrierType.XMP).get(0).data(), context.limits());
        assertThat(xmp.digitalSourceType()).contains(DST);
        // Written again: the XMP box is updated, not duplicated, and the bytes are stable.
        byte[] again = write(out, new LabelEdit(TestMarks.label("x2"), DST));
        assertThat(again).isEqualTo(out);

        if (ExternalTools.onPath("exiftool")) {
            Path f = dir.resolve("dst.mp4");
            Files.write(f, out);
            String tags = ExternalTools.run("exiftool", "-s", "-XMP:DigitalSourceType", f.toString()).requireSuccess().stdout();
            assertThat(tags).contains("trainedAlgorithmicMedia");
        }
    }
}
