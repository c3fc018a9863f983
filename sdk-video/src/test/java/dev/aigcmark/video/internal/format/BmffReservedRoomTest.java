package dev.aigcmark.video.internal.format;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.internal.bmff.BmffRewriter;
import dev.aigcmark.core.internal.bmff.Box;
import dev.aigcmark.core.internal.bmff.BoxHeader;
import dev.aigcmark.core.internal.bmff.BoxTypes;
import dev.aigcmark.core.internal.bmff.FourCC;
import dev.aigcmark.core.internal.bmff.TopLevel;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.video.testing.Boxes;
import dev.aigcmark.video.testing.SyntheticMp4;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The reserving writer's two rewriters (review of session 15, N7): the boxes after moov are written by one (sized by
 * the placeholder label) before the label is signed, and the moov that fills the room comes from another (the signed
 * label's), whose chunk offsets follow its own layout. They must agree on it: a label rewrite that replaces or removes
 * a box the first one copied would put every chunk offset after that box astray, and is refused.
 */
class BmffReservedRoomTest {
    private static final String LABEL = "{\"Label\":\"1\",\"ContentProducer\":\"001191110102MACQD9K64010000\"}";

    /** ftyp, moov, an unknown uuid box, mdat: a box between moov and the samples. */
    private static byte[] movie() {
        byte[] ftyp = SyntheticMp4.ftyp();
        byte[] uuid = uuidBox(24);
        long moovSize = SyntheticMp4.moov(0, null).size();
        byte[] moov = SyntheticMp4.moov(ftyp.length + moovSize + uuid.length + 8, null).toBytes();
        return SyntheticMp4.concat(ftyp, moov, uuid, Box.leaf(BoxTypes.MDAT, SyntheticMp4.mdatPayload()).toBytes());
    }

    private static byte[] uuidBox(int payload) {
        byte[] p = new byte[16 + payload];
        p[0] = 0x42; // not the XMP or the C2PA uuid
        return Box.leaf(FourCC.of("uuid"), p).toBytes();
    }

    private static BmffRewriter labelled(TopLevel top) {
        return new BmffRewriter(top).editMoov(moov -> MoovLabels.write(moov, LABEL));
    }

    @Test
    void aLabelRewriteInTheWrittenLayoutFillsTheRoomAndEveryChunkOffsetHoldsItsChunk() throws IOException {
        TopLevel top = TopLevel.read(MediaInput.of(movie(), "in.mp4"), ReadLimits.defaults());
        long room = labelled(top).moovRoom() + 512;
        BmffRewriter written = labelled(top).reserveMoov(room);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long at = written.writeReservingMoov(Channels.newChannel(out));

        byte[] region = labelled(top).reserveMoov(room).moovRegion(written);
        byte[] file = out.toByteArray();
        System.arraycopy(region, 0, file, (int) at, region.length);
        List<Long> offsets = Boxes.chunkOffsets(Boxes.moov(MediaInput.of(file, "out.mp4")));
        for (int i = 0; i < SyntheticMp4.CHUNKS; i++) {
            assertThat(file[(int) (long) offsets.get(i)]).as("chunk %d", i).isEqualTo((byte) (i + 1));
        }
    }

    @Test
    void aLabelRewriteThatReplacesABoxTheWrittenLayoutCopiedIsRefused() throws IOException {
        TopLevel top = TopLevel.read(MediaInput.of(movie(), "in.mp4"), ReadLimits.defaults());
        BoxHeader uuid = top.boxes().stream().filter(h -> h.type() == FourCC.of("uuid")).findFirst().orElseThrow();
        long room = labelled(top).moovRoom() + 512;
        BmffRewriter written = labelled(top).reserveMoov(room);
        long at = written.writeReservingMoov(Channels.newChannel(new ByteArrayOutputStream()));
        BmffRewriter other = labelled(top).replaceTopLevel(uuid, uuidBox(64)).reserveMoov(room);

        assertThatThrownBy(() -> other.moovRegion(written)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("astray");
        // What filling the room unchecked wrote (session 15's writer): offsets 40 bytes past the samples written.
        long firstChunk = at + room + uuid.size() + 8;
        assertThat(Boxes.chunkOffsets(Boxes.moov(MediaInput.of(other.editedMoov(), "moov"))).get(0))
                .isEqualTo(firstChunk + 40);
        assertThat(Boxes.chunkOffsets(Boxes.moov(MediaInput.of(written.editedMoov(), "moov"))).get(0))
                .isEqualTo(firstChunk);
        assertThatThrownBy(() -> labelled(top).reserveMoov(room + 8).moovRegion(written))
                .as("another room").isInstanceOf(IllegalStateException.class);
    }
}
