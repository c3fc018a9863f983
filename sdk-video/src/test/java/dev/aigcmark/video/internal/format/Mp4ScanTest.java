package dev.aigcmark.video.internal.format;

import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.spi.CarrierType;
import dev.aigcmark.core.spi.Container;
import dev.aigcmark.core.internal.bmff.Box;
import dev.aigcmark.core.internal.bmff.BoxTypes;
import dev.aigcmark.core.internal.bmff.FourCC;
import dev.aigcmark.testing.TestContexts;
import dev.aigcmark.video.testing.SyntheticMp4;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Carriers other than the mdta label, and which files the handler claims. */
class Mp4ScanTest {
    private final Mp4Handler handler = new Mp4Handler();
    private final SdkContext context = TestContexts.builder().handlers(List.of(handler)).codecs(List.of()).build();
    static final String XMP = "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF/></x:xmpmeta>";

    @Test
    void xmpInTheUuidBoxAndInQuickTimeUdtaAreCarriers() throws IOException {
        byte[] xmp = XMP.getBytes(StandardCharsets.UTF_8);
        byte[] uuidBox = ByteBuffer.allocate(24 + xmp.length).putInt(24 + xmp.length).putInt(BoxTypes.UUID)
                .put(BoxTypes.XMP_UUID).put(xmp).array();
        Box qtXmp = Box.leaf(BoxTypes.XMP_, xmp);
        byte[] file = SyntheticMp4.concat(SyntheticMp4.moovAtEnd(List.of(qtXmp)), uuidBox);
        Container c = handler.scan(MediaInput.of(file, "x.mov"), context);
        assertThat(c.problems()).isEmpty();
        assertThat(c.carriers(CarrierType.XMP)).hasSize(2).allSatisfy(x -> assertThat(x.text()).isEqualTo(XMP));
        assertThat(c.carriers(CarrierType.XMP).get(1).offset()).isEqualTo(file.length - uuidBox.length);
    }

    @Test
    void c2paBoxWithAnotherPurposeIsNotAStore() throws IOException {
        byte[] merkle = ByteBuffer.allocate(8 + 16 + 4 + 7 + 4).putInt(39).putInt(BoxTypes.UUID).put(BoxTypes.C2PA_UUID)
                .putInt(0).put("merkle\0".getBytes(StandardCharsets.US_ASCII)).putInt(0).array();
        byte[] file = SyntheticMp4.concat(SyntheticMp4.moovAtEnd(null), merkle);
        assertThat(handler.scan(MediaInput.of(file, "m.mp4"), context).carriers(CarrierType.JUMBF)).isEmpty();
    }

    @Test
    void sniffsMoviesNotStillImages() {
        assertThat(sniff(ftyp("isom"))).isTrue();
        assertThat(sniff(ftyp("qt  "))).isTrue();
        assertThat(sniff(ftyp("M4A "))).isTrue();
        assertThat(sniff(ftyp("heic"))).isFalse();
        assertThat(sniff(ftyp("avif"))).isFalse();
        byte[] oldQuickTime = ByteBuffer.allocate(12).putInt(100).putInt(BoxTypes.MOOV).array();
        assertThat(sniff(oldQuickTime)).isTrue();
        assertThat(sniff("GIF89a......".getBytes(StandardCharsets.US_ASCII))).isFalse();
    }

    private boolean sniff(byte[] head) {
        return handler.sniff(head, head.length, "f");
    }

    private static byte[] ftyp(String brand) {
        return ByteBuffer.allocate(12).putInt(24).putInt(BoxTypes.FTYP).putInt(FourCC.of(brand)).array();
    }
}
