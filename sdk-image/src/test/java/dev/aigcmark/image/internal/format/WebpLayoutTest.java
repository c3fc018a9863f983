package dev.aigcmark.image.internal.format;

import dev.aigcmark.core.label.PropagateId;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.label.LabelJson;
import dev.aigcmark.core.spi.CarrierType;
import dev.aigcmark.core.spi.LabelEdit;
import dev.aigcmark.image.internal.container.Bytes;
import dev.aigcmark.image.internal.container.RiffStructure;
import dev.aigcmark.testing.TestContexts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Simple WebP files become VP8X with the right canvas and flags; chunk order and RIFF size are right. */
class WebpLayoutTest {
    static final SdkContext CTX = TestContexts.defaults();

    @TempDir
    Path tmp;

    static List<String> order(byte[] f) throws Exception {
        return RiffStructure.parse(f, "WEBP", CTX.limits(), new ArrayList<>()).chunks().stream().map(RiffStructure.Chunk::fourcc).toList();
    }

    @Test
    void simpleFilesGetAnExtendedHeaderWithCanvasAndFlags() throws Exception {
        for (boolean lossless : new boolean[]{false, true}) {
            byte[] simple = TestImages.webp(tmp, lossless, lossless);
            assertThat(order(simple)).containsExactly(lossless ? "VP8L" : "VP8 ");
            byte[] marked = LabelRoundTripTest.mark("webp", simple, LabelRoundTripTest.EDIT);
            assertThat(order(marked)).containsExactly("VP8X", lossless ? "VP8L" : "VP8 ", "XMP ");
            assertThat(Bytes.u32le(marked, 4)).isEqualTo(marked.length - 8);
            int flags = marked[20] & 0xFF;
            assertThat(flags).isEqualTo(0x04 | (lossless ? 0x10 : 0));
            assertThat(Bytes.u24le(marked, 24) + 1).isEqualTo(96);
            assertThat(Bytes.u24le(marked, 27) + 1).isEqualTo(64);
        }
    }

    @Test
    void xmpGoesAfterExifAndAnExifLabelIsUpdated() throws Exception {
        byte[] simple = TestImages.webp(tmp, false, false);
        var vp8 = RiffStructure.parse(simple, "WEBP", CTX.limits(), new ArrayList<>()).chunks().get(0);
        byte[] vp8x = new byte[10];
        vp8x[0] = 0x08;
        Bytes.put24le(vp8x, 4, 95);
        Bytes.put24le(vp8x, 7, 63);
        byte[] body = Bytes.concat(Bytes.ascii("WEBP"), RiffStructure.chunk("VP8X", vp8x),
                Arrays.copyOfRange(simple, vp8.offset(), vp8.end()),
                RiffStructure.chunk("EXIF", TestImages.exifWithUserComment(LabelJson.toWrappedJson(TestImages.LABEL))),
                RiffStructure.chunk("ZZZZ", new byte[]{1, 2, 3}));
        byte[] header = Bytes.concat(Bytes.ascii("RIFF"), new byte[4]);
        Bytes.put32le(header, 4, body.length);
        byte[] extended = Bytes.concat(header, body);

        var propagated = TestImages.LABEL.withPropagation("00119144030008867405X220001", PropagateId.of("p-1"));
        byte[] marked = LabelRoundTripTest.mark("webp", extended, new LabelEdit(propagated, null));
        assertThat(order(marked)).containsExactly("VP8X", "VP8 ", "EXIF", "XMP ", "ZZZZ");
        assertThat(marked[20] & 0xFF).isEqualTo(0x08 | 0x04);
        assertThat(Bytes.u32le(marked, 4)).isEqualTo(marked.length - 8);
        var generic = CTX.handler("webp").orElseThrow().scan(MediaInput.of(marked, "w"), CTX).carriers(CarrierType.AIGC_JSON);
        assertThat(generic).singleElement().satisfies(c -> assertThat(LabelJson.parse(c.text()).label()).contains(propagated));
        assertThat(ImageData.of("webp", marked)).isEqualTo(ImageData.of("webp", simple));
    }
}
