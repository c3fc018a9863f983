package dev.aigcmark.core.internal.ebml;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.zip.CRC32;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** EBML's variable-length integers, Void padding of any size, and trees that serialise back to their input. */
class EbmlTest {

    @Test
    void sizesRoundTripAtEveryWidthAndAllOnesMeansUnknown() {
        for (long v : new long[] {0, 1, 126, 127, 16_382, 16_383, 1L << 35, (1L << 56) - 2}) {
            for (int w = Ebml.sizeWidth(v); w <= 8; w++) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                Ebml.writeSize(out, v, w);
                byte[] b = out.toByteArray();
                assertThat(b).hasSize(w);
                assertThat(Ebml.readSize(b, 0, b.length)).containsExactly(v, w);
            }
        }
        assertThat(Ebml.readSize(new byte[] {(byte) 0xFF}, 0, 1)[0]).isEqualTo(Ebml.UNKNOWN_SIZE);
        assertThat(Ebml.readSize(new byte[] {0x01, (byte) 0xFF}, 0, 2)).as("cut short").isNull();
        assertThatThrownBy(() -> Ebml.writeSize(new ByteArrayOutputStream(), 127, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void voidFillsExactlyTheRoomAsked() throws Exception {
        for (int total = 2; total < 20_000; total += total < 300 ? 1 : 97) {
            byte[] v = Ebml.voidOf(total);
            assertThat(v).hasSize(total);
            EbmlNode n = EbmlNode.parse(v, 0, v.length, 4);
            assertThat(n.id()).isEqualTo(EbmlIds.VOID);
        }
        assertThatThrownBy(() -> Ebml.voidOf(1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anUnchangedTreeSerialisesToItsInputAndCrcIsRecomputed() throws Exception {
        EbmlNode simple = EbmlNode.master(EbmlIds.SIMPLE_TAG, List.of(EbmlNode.string(EbmlIds.TAG_NAME, "AIGC"),
                EbmlNode.string(EbmlIds.TAG_STRING, "{}")));
        EbmlNode tags = EbmlNode.master(EbmlIds.TAGS, List.of(EbmlNode.leaf(EbmlIds.CRC32, new byte[4]),
                EbmlNode.master(EbmlIds.TAG, List.of(EbmlNode.master(EbmlIds.TARGETS, List.of()), simple))));
        byte[] b = tags.toBytes();
        EbmlNode parsed = EbmlNode.parse(b, 0, b.length, 8);
        assertThat(parsed.toBytes()).isEqualTo(b);
        CRC32 crc = new CRC32();
        byte[] rest = parsed.children().get(1).toBytes();
        crc.update(rest);
        long stored = Ebml.readUint(reverse(parsed.children().get(0).data()), 0, 4);
        assertThat(stored).isEqualTo(crc.getValue());
        assertThatThrownBy(() -> EbmlNode.parse(b, 0, b.length - 1, 8)).isInstanceOf(EbmlFormatException.class);
    }

    private static byte[] reverse(byte[] b) {
        byte[] r = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            r[i] = b[b.length - 1 - i];
        }
        return r;
    }
}
