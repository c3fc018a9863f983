package dev.aigcmark.image.internal.format;

import dev.aigcmark.core.label.LabelJson;
import dev.aigcmark.core.spi.LabelEdit;
import dev.aigcmark.image.internal.container.ExifLabel;
import dev.aigcmark.image.internal.container.TiffStructure;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link ExifLabel#withLabel} updates ImageDescription first and UserComment second. The second field was read
 * through the directory as {@link ExifLabel#find} saw it, before the first update cleared the old description's
 * bytes: where those bytes held the EXIF directory (or IFD0 itself), the second pass found no entry and threw
 * {@code NoSuchElementException} out of {@code mark}. Such a block is malformed: {@code withLabel} refuses it, and a
 * JPEG carrying it is marked with that EXIF block left as it was.
 */
class ExifLabelOverlapTest {
    private static final String OLD = "{\"AIGC\":{\"Label\":\"1\"}}";
    private static final String NEW = "{\"AIGC\":{\"Label\":\"1\",\"ContentProducer\":\"x\"}}";

    /**
     * A TIFF block whose IFD0 has ImageDescription and the EXIF pointer; the EXIF directory (one UserComment) lies
     * at {@code exifAt}, which may be inside the description's value.
     */
    private static byte[] block(ByteOrder order, int descriptionAt, int descriptionLength, int exifAt, int commentAt) {
        byte[] b = new byte[1200];
        ByteBuffer bb = ByteBuffer.wrap(b).order(order);
        bb.put(0, (byte) (order == ByteOrder.BIG_ENDIAN ? 'M' : 'I')).put(1, b[0]);
        bb.putShort(2, (short) 42).putInt(4, 8);
        bb.putShort(8, (short) 2);
        entry(bb, 10, 0x010E, 2, descriptionLength, descriptionAt);
        entry(bb, 22, TiffStructure.TAG_EXIF_IFD, 4, 1, exifAt);
        bb.putInt(34, 0);
        byte[] description = (OLD + "\0").getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(description, 0, b, descriptionAt, description.length);
        byte[] comment = ("ASCII\0\0\0" + OLD).getBytes(StandardCharsets.US_ASCII);
        bb.putShort(exifAt, (short) 1);
        entry(bb, exifAt + 2, TiffStructure.TAG_USER_COMMENT, 7, comment.length, commentAt);
        bb.putInt(exifAt + 14, 0);
        System.arraycopy(comment, 0, b, commentAt, comment.length);
        return b;
    }

    private static void entry(ByteBuffer bb, int at, int tag, int type, int count, int value) {
        bb.putShort(at, (short) tag).putShort(at + 2, (short) type).putInt(at + 4, count).putInt(at + 8, value);
    }

    @Test
    void bothFieldsApartAreUpdated() throws Exception {
        for (ByteOrder order : new ByteOrder[]{ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
            byte[] b = block(order, 40, 200, 300, 340);
            assertThat(ExifLabel.find(b, 0, b.length)).as(order.toString()).hasSize(2);
            byte[] out = ExifLabel.withLabel(b, 0, b.length, NEW);
            assertThat(ExifLabel.find(out, 0, out.length)).as(order.toString())
                    .extracting(ExifLabel.Found::text).containsExactly(NEW, NEW);
        }
    }

    @Test
    void anExifDirectoryInsideTheOldDescriptionIsRefusedAsMalformed() throws Exception {
        for (ByteOrder order : new ByteOrder[]{ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
            // the EXIF directory lies in the description's value, past the old text: find reads both labels
            byte[] b = block(order, 40, 200, 180, 340);
            assertThat(ExifLabel.find(b, 0, b.length)).as(order.toString()).hasSize(2);
            assertThatThrownBy(() -> ExifLabel.withLabel(b, 0, b.length, NEW)).as(order.toString())
                    .isInstanceOf(TiffStructure.MalformedException.class);
        }
    }

    @Test
    void aJpegWhoseExifFieldsOverlapIsMarkedWithItsExifLeftAsItWas() throws Exception {
        for (ByteOrder order : new ByteOrder[]{ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
            // the label a mark writes is longer than a short test text: the old description's room is wider
            byte[] tiff = block(order, 40, 1000, 900, 1080);
            assertThat(LabelJson.toWrappedJson(TestImages.LABEL).length()).isLessThan(850);
            byte[] exif = TestImages.concat("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1), tiff);
            byte[] j = TestImages.jpeg(32, 32, 0.8f);
            byte[] file = TestImages.insert(j, 20, TestImages.segment(0xE1, exif));
            byte[] marked = LabelRoundTripTest.mark("jpeg", file, new LabelEdit(TestImages.LABEL, null));
            assertThat(indexOf(marked, exif)).as(order.toString() + ": the EXIF block is kept").isPositive();
        }
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        for (int i = 0; i + needle.length <= hay.length; i++) {
            if (Arrays.equals(hay, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }
}
