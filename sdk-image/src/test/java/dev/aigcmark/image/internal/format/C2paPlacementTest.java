package dev.aigcmark.image.internal.format;

import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.spi.C2paEmbedding;
import dev.aigcmark.core.spi.Carrier;
import dev.aigcmark.core.spi.CarrierType;
import dev.aigcmark.core.spi.StorePlacement;
import dev.aigcmark.image.internal.container.Bytes;
import dev.aigcmark.image.internal.container.JpegStructure;
import dev.aigcmark.testing.TestContexts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** C2PA stores land where each format puts them, the returned range is exactly their container, and re-writes replace. */
class C2paPlacementTest {
    static final SdkContext CTX = TestContexts.defaults();

    @TempDir
    static Path tmp;

    static Stream<Arguments> samples() throws Exception {
        return TestImages.samples(tmp).filter(a -> List.of("jpeg", "png", "webp").contains((String) a.get()[0]));
    }

    /** A JUMBF superbox with a c2pa description box and {@code padding} bytes of content, filled with {@code fill}. */
    static byte[] store(int padding, int fill) {
        byte[] label = "c2pa\0".getBytes(StandardCharsets.US_ASCII);
        byte[] uuid = {'c', '2', 'p', 'a', 0x00, 0x11, 0x00, 0x10, (byte) 0x80, 0x00, 0x00, (byte) 0xAA, 0x00, 0x38, (byte) 0x9B, 0x71};
        int jumd = 8 + 16 + 1 + label.length;
        int pad = 8 + padding;
        byte[] s = new byte[8 + jumd + pad];
        Bytes.put32be(s, 0, s.length);
        System.arraycopy(Bytes.ascii("jumb"), 0, s, 4, 4);
        Bytes.put32be(s, 8, jumd);
        System.arraycopy(Bytes.ascii("jumd"), 0, s, 12, 4);
        System.arraycopy(uuid, 0, s, 16, 16);
        s[32] = 0x03;
        System.arraycopy(label, 0, s, 33, label.length);
        Bytes.put32be(s, 8 + jumd, pad);
        System.arraycopy(Bytes.ascii("free"), 0, s, 12 + jumd, 4);
        Arrays.fill(s, 16 + jumd, s.length, (byte) fill);
        return s;
    }

    static byte[] write(String id, byte[] in, byte[] store, StorePlacement[] placed) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        placed[0] = ((C2paEmbedding) CTX.handler(id).orElseThrow()).writeStore(MediaInput.of(in, "in"), out, store, CTX);
        return out.toByteArray();
    }

    static List<Carrier> stores(String id, byte[] file) throws Exception {
        var c = CTX.handler(id).orElseThrow().scan(MediaInput.of(file, "f"), CTX);
        assertThat(c.problems()).noneMatch(s -> s.isFailure());
        return c.carriers(CarrierType.JUMBF);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("samples")
    void storeIsPlacedFoundAgainAndReplaced(String id, String variant, byte[] original) throws Exception {
        byte[] labelled = LabelRoundTripTest.mark(id, original, LabelRoundTripTest.EDIT);
        StorePlacement[] p = new StorePlacement[1];
        byte[] placeholder = store(5000, 0);
        byte[] withPlaceholder = write(id, labelled, placeholder, p);
        StorePlacement first = p[0];

        List<Carrier> found = stores(id, withPlaceholder);
        assertThat(found).hasSize(1);
        assertThat(found.get(0).data()).isEqualTo(placeholder);
        assertThat(found.get(0).offset()).isEqualTo(first.offset());
        assertThat(found.get(0).length()).isEqualTo(first.length());
        String head = new String(withPlaceholder, (int) first.offset(), 8, StandardCharsets.ISO_8859_1);
        switch (id) {
            case "jpeg" -> assertThat(head.charAt(0) == 0xFF && head.charAt(1) == 0xEB).isTrue();
            case "png" -> assertThat(head.substring(4)).isEqualTo("caBX");
            default -> assertThat(head.substring(0, 4)).isEqualTo("C2PA");
        }
        assertThat(first.offset() + first.length()).isLessThanOrEqualTo(withPlaceholder.length);

        // The final store, same size: everything outside the exclusion is identical, so the hash holds.
        byte[] real = store(5000, 0x5A);
        byte[] withReal = write(id, withPlaceholder, real, p);
        assertThat(p[0]).isEqualTo(first);
        assertThat(outside(withReal, first)).isEqualTo(outside(withPlaceholder, first));
        assertThat(stores(id, withReal)).singleElement().satisfies(c -> assertThat(c.data()).isEqualTo(real));

        assertThat(ImageData.of(id, withReal)).isEqualTo(ImageData.of(id, original));
        assertThat(LabelRoundTripTest.xmp(id, withReal)).hasSize(1);
        assertThat(LabelRoundTripTest.pixels(LabelRoundTripTest.decode(id, withReal)))
                .isEqualTo(LabelRoundTripTest.pixels(LabelRoundTripTest.decode(id, original)));
    }

    @Test
    void largeJpegStoreIsSplitIntoContiguousSegmentsWithRepeatedBoxHeader() throws Exception {
        byte[] jpeg = TestImages.richJpeg();
        byte[] big = store(200_000, 7);
        StorePlacement[] p = new StorePlacement[1];
        byte[] out = write("jpeg", jpeg, big, p);
        List<JpegStructure.Segment> app11 = new ArrayList<>();
        for (JpegStructure.Segment s : JpegStructure.parse(out, CTX.limits(), new ArrayList<>()).segments()) {
            if (s.marker() == 0xEB) {
                app11.add(s);
            }
        }
        assertThat(app11).hasSize(4);
        assertThat(app11.get(0).offset()).isEqualTo(p[0].offset());
        assertThat(app11.get(3).end()).isEqualTo(p[0].offset() + p[0].length());
        for (int i = 0; i < app11.size(); i++) {
            JpegStructure.Segment s = app11.get(i);
            assertThat(s.end() - s.dataOffset()).isLessThanOrEqualTo(65_533);
            assertThat(Bytes.u32be(out, s.dataOffset() + 4)).as("sequence number").isEqualTo(i + 1);
            assertThat(Arrays.copyOfRange(out, s.dataOffset() + 8, s.dataOffset() + 16)).isEqualTo(Arrays.copyOf(big, 8));
            if (i > 0) {
                assertThat(s.offset()).isEqualTo(app11.get(i - 1).end());
            }
        }
        assertThat(stores("jpeg", out)).singleElement().satisfies(c -> assertThat(c.data()).isEqualTo(big));
        // after JFIF and EXIF (APP0/APP1), before ICC (APP2)
        assertThat(out[(int) p[0].offset() + (int) p[0].length() + 1] & 0xFF).isEqualTo(0xE2);
    }

    static byte[] outside(byte[] f, StorePlacement p) {
        return TestImages.concat(Arrays.copyOf(f, (int) p.offset()), Arrays.copyOfRange(f, (int) (p.offset() + p.length()), f.length));
    }
}
