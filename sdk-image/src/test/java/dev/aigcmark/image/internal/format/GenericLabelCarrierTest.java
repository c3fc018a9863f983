package dev.aigcmark.image.internal.format;

import dev.aigcmark.core.label.PropagateId;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.label.LabelJson;
import dev.aigcmark.core.spi.Carrier;
import dev.aigcmark.core.spi.CarrierType;
import dev.aigcmark.core.spi.LabelEdit;
import dev.aigcmark.image.internal.container.PngStructure;
import dev.aigcmark.image.internal.container.PngText;
import dev.aigcmark.testing.TestContexts;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.DeflaterOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Labels vendors put in generic carriers are found: EXIF UserComment (JPEG, PNG eXIf) and PNG tEXt/zTXt/iTXt AIGC. */
class GenericLabelCarrierTest {
    static final SdkContext CTX = TestContexts.defaults();
    static final String WRAPPED = LabelJson.toWrappedJson(TestImages.LABEL);

    static List<Carrier> generic(String id, byte[] file) throws Exception {
        return CTX.handler(id).orElseThrow().scan(MediaInput.of(file, "f"), CTX).carriers(CarrierType.AIGC_JSON);
    }

    @Test
    void jpegExifUserComment() throws Exception {
        assertThat(generic("jpeg", TestImages.richJpeg())).singleElement()
                .satisfies(c -> assertThat(c.text()).isEqualTo(WRAPPED));
    }

    @Test
    void pngTextChunksOfAllThreeKindsAndExif() throws Exception {
        byte[] png = TestImages.png(20, 20);
        ByteArrayOutputStream z = new ByteArrayOutputStream();
        try (DeflaterOutputStream d = new DeflaterOutputStream(z)) {
            d.write(WRAPPED.getBytes(StandardCharsets.ISO_8859_1));
        }
        byte[] ztxt = TestImages.concat("AIGC\0\0".getBytes(StandardCharsets.ISO_8859_1), z.toByteArray());
        byte[] file = TestImages.insert(png, 33,
                PngStructure.chunk("tEXt", PngText.text("AIGC", WRAPPED)),
                PngStructure.chunk("zTXt", ztxt),
                PngStructure.chunk("iTXt", PngText.itxt("AIGC", WRAPPED.getBytes(StandardCharsets.UTF_8))),
                PngStructure.chunk("eXIf", TestImages.exifWithUserComment(WRAPPED)));
        List<Carrier> found = generic("png", file);
        assertThat(found).hasSize(4).allSatisfy(c -> assertThat(c.text()).isEqualTo(WRAPPED));
        assertThat(found).extracting(Carrier::location).anyMatch(l -> l.startsWith("zTXt")).anyMatch(l -> l.contains("eXIf"));

        var propagated = TestImages.LABEL.withPropagation("00119144030008867405X220001", PropagateId.of("p-9"));
        byte[] relabelled = LabelRoundTripTest.mark("png", file, new LabelEdit(propagated, null));
        List<Carrier> after = generic("png", relabelled);
        assertThat(after).as("duplicates collapse into one tEXt, EXIF updated").hasSize(2)
                .allSatisfy(c -> assertThat(LabelJson.parse(c.text()).label()).contains(propagated));
    }

    @Test
    void anOrdinaryCaptionIsNotALabel() throws Exception {
        byte[] j = TestImages.jpeg(32, 32, 0.8f);
        byte[] exif = TestImages.concat("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1), TestImages.exifWithUserComment("sunset at the beach"));
        assertThat(generic("jpeg", TestImages.insert(j, 20, TestImages.segment(0xE1, exif)))).isEmpty();
    }
}
