package dev.aigcmark.video.internal.format;

import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.internal.bmff.BmffFormatException;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.label.AigcLabel;
import dev.aigcmark.core.label.LabelJson;
import dev.aigcmark.core.spi.Carrier;
import dev.aigcmark.core.spi.CarrierType;
import dev.aigcmark.core.spi.Container;
import dev.aigcmark.core.spi.LabelEdit;
import dev.aigcmark.core.internal.bmff.Box;
import dev.aigcmark.core.internal.bmff.BoxTypes;
import dev.aigcmark.core.internal.bmff.FourCC;
import dev.aigcmark.core.internal.bmff.MdtaMetadata;
import dev.aigcmark.testing.TestContexts;
import dev.aigcmark.video.testing.Boxes;
import dev.aigcmark.video.testing.SyntheticMp4;
import dev.aigcmark.video.testing.TestMarks;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Label writing on synthetic files whose every chunk is recognisable: offsets, order, exactly one label. */
class Mp4LabelWriteTest {
    private final Mp4Handler handler = new Mp4Handler();
    private final SdkContext context = TestContexts.builder().handlers(List.of(handler)).codecs(List.of()).build();

    static AigcLabel label(String id) {
        return TestMarks.label(id);
    }

    byte[] write(byte[] file, AigcLabel label) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.writeLabel(MediaInput.of(file, "in.mp4"), out, new LabelEdit(label, null), context);
        return out.toByteArray();
    }

    List<Carrier> labels(byte[] file) throws IOException {
        Container c = handler.scan(MediaInput.of(file, "x.mp4"), context);
        assertThat(c.problems()).isEmpty();
        return c.carriers(CarrierType.AIGC_JSON);
    }

    /** Each chunk offset must point at bytes of its own chunk value (1..CHUNKS). */
    static void assertChunksIntact(byte[] file) throws IOException {
        List<Long> offsets = Boxes.chunkOffsets(Boxes.moov(MediaInput.of(file, "x")));
        assertThat(offsets).hasSize(SyntheticMp4.CHUNKS);
        for (int i = 0; i < offsets.size(); i++) {
            int at = Math.toIntExact(offsets.get(i));
            for (int k = 0; k < SyntheticMp4.CHUNK_SIZE; k++) {
                assertThat(file[at + k]).as("chunk %d byte %d", i, k).isEqualTo((byte) (i + 1));
            }
        }
    }

    @Test
    void fastStartStaysFastStartAndChunkOffsetsFollowTheGrownMoov() throws IOException {
        byte[] in = SyntheticMp4.fastStart(null);
        assertChunksIntact(in);
        byte[] out = write(in, label("id-1"));
        assertThat(Boxes.topLevelTypes(MediaInput.of(out, "o"))).containsExactly("ftyp", "moov", "mdat");
        assertThat(out.length).isGreaterThan(in.length);
        assertChunksIntact(out);
        assertThat(labels(out)).singleElement().satisfies(c -> {
            assertThat(c.location()).isEqualTo("moov/udta/meta/ilst");
            assertThat(c.text()).isEqualTo(LabelJson.toBareJson(label("id-1")));
        });
    }

    @Test
    void freeSpaceAfterMoovAbsorbsTheGrowthSoNoSampleMoves() throws IOException {
        byte[] ftyp = SyntheticMp4.ftyp();
        long moovSize = SyntheticMp4.moov(0, null).size();
        byte[] free = Box.leaf(BoxTypes.FREE, new byte[2000]).toBytes();
        Box moov = SyntheticMp4.moov(ftyp.length + moovSize + free.length + 8, null);
        byte[] in = SyntheticMp4.concat(ftyp, moov.toBytes(), free,
                Box.leaf(BoxTypes.MDAT, SyntheticMp4.mdatPayload()).toBytes());
        byte[] once = write(in, label("short"));
        byte[] twice = write(once, label("a-much-longer-content-identifier-0123456789"));
        for (byte[] out : List.of(once, twice)) {
            assertThat(out).hasSameSizeAs(in);
            assertThat(Boxes.topLevelTypes(MediaInput.of(out, "o"))).containsExactly("ftyp", "moov", "free", "mdat");
            assertThat(Boxes.chunkOffsets(Boxes.moov(MediaInput.of(out, "o"))))
                    .isEqualTo(Boxes.chunkOffsets(Boxes.moov(MediaInput.of(in, "i"))));
            assertChunksIntact(out);
        }
        assertThat(labels(twice)).singleElement().satisfies(c -> assertThat(c.text()).contains("a-much-longer"));
        // Too little room (an 8-byte free box, as ffmpeg's faststart leaves): offsets shift instead.
        byte[] small = Box.leaf(BoxTypes.FREE, new byte[0]).toBytes();
        Box moov2 = SyntheticMp4.moov(ftyp.length + moovSize + small.length + 8, null);
        byte[] in2 = SyntheticMp4.concat(ftyp, moov2.toBytes(), small,
                Box.leaf(BoxTypes.MDAT, SyntheticMp4.mdatPayload()).toBytes());
        byte[] out2 = write(in2, label("shifted"));
        assertThat(out2.length).isGreaterThan(in2.length);
        assertChunksIntact(out2);
    }

    @Test
    void moovAtTheEndStaysThereAndNoSampleMoves() throws IOException {
        byte[] in = SyntheticMp4.moovAtEnd(null);
        byte[] out = write(in, label("id-2"));
        assertThat(Boxes.topLevelTypes(MediaInput.of(out, "o"))).containsExactly("ftyp", "mdat", "moov");
        assertThat(Boxes.chunkOffsets(Boxes.moov(MediaInput.of(out, "o"))))
                .isEqualTo(Boxes.chunkOffsets(Boxes.moov(MediaInput.of(in, "i"))));
        int moovAt = in.length - (int) Boxes.moov(MediaInput.of(in, "i")).size();
        assertThat(Arrays.copyOf(out, moovAt)).isEqualTo(Arrays.copyOf(in, moovAt));
        assertChunksIntact(out);
    }

    @Test
    void relabellingUpdatesInPlaceKeepsOtherKeysAndLeavesExactlyOneLabel() throws IOException {
        Box meta = MdtaMetadata.newMeta();
        MdtaMetadata m = MdtaMetadata.of(meta);
        m.put("title", "hello");
        m.put("AIGC", "{\"Label\":\"3\"}");
        m.put("encoder", "Lavf");
        m.toMeta();
        byte[] in = SyntheticMp4.fastStart(List.of(meta));
        byte[] once = write(in, label("first"));
        byte[] twice = write(once, label("second"));

        assertThat(labels(twice)).singleElement()
                .satisfies(c -> assertThat(c.text()).isEqualTo(LabelJson.toBareJson(label("second"))));
        Box udta = Boxes.moov(MediaInput.of(twice, "t")).child(BoxTypes.UDTA);
        assertThat(udta.children(BoxTypes.META)).hasSize(1);
        MdtaMetadata after = MdtaMetadata.of(udta.child(BoxTypes.META));
        assertThat(after.values("title")).containsExactly("hello");
        assertThat(after.values("encoder")).containsExactly("Lavf");
        assertKeyOrder(udta.child(BoxTypes.META), "title", "AIGC", "encoder");
        assertChunksIntact(twice);
        // Same label again: same bytes (idempotent).
        assertThat(write(twice, label("second"))).isEqualTo(twice);
    }

    @Test
    void duplicateAndKeylessLabelsAreFoldedIntoOne() throws IOException {
        Box meta = MdtaMetadata.newMeta();
        byte[] keys = keysPayload("AIGC", "title", "AIGC");
        meta.children().set(1, Box.leaf(BoxTypes.KEYS, keys));
        Box ilst = meta.child(BoxTypes.ILST);
        ilst.children().add(Box.container(1, new byte[0], List.of(MdtaMetadata.dataBox("{\"Label\":\"2\"}"))));
        ilst.children().add(Box.container(2, new byte[0], List.of(MdtaMetadata.dataBox("t"))));
        ilst.children().add(Box.container(3, new byte[0], List.of(MdtaMetadata.dataBox("{\"Label\":\"3\"}"))));
        Box bare = Box.leaf(BoxTypes.AIGC, "{\"Label\":\"1\"}".getBytes(StandardCharsets.UTF_8));
        Box itunes = itunesMetaWithFreeformLabel();
        byte[] in = SyntheticMp4.moovAtEnd(List.of(meta, bare, itunes));
        assertThat(labels(in)).extracting(Carrier::location).containsExactly(
                "moov/udta/meta/ilst", "moov/udta/meta/ilst", "moov/udta/meta/ilst/---- (keyless, hdlr mdir)", "moov/udta/AIGC");

        byte[] out = write(in, label("one"));
        assertThat(labels(out)).singleElement().satisfies(c -> {
            assertThat(c.location()).isEqualTo("moov/udta/meta/ilst");
            assertThat(c.text()).contains("\"ProduceID\":\"one\"");
        });
        Box udta = Boxes.moov(MediaInput.of(out, "o")).child(BoxTypes.UDTA);
        assertThat(MdtaMetadata.of(udta.children(BoxTypes.META).get(0)).values("title")).containsExactly("t");
        // The iTunes meta keeps its other item.
        Box itunesAfter = udta.children(BoxTypes.META).get(1);
        assertThat(itunesAfter.child(BoxTypes.ILST).children()).extracting(Box::typeName).containsExactly("©too");
        assertChunksIntact(out);
    }

    @Test
    void labelUnderMoovMetaIsUpdatedWhereItIs() throws IOException {
        Box meta = MdtaMetadata.newMeta();
        MdtaMetadata m = MdtaMetadata.of(meta);
        m.put("AIGC", "{\"Label\":\"2\"}");
        m.toMeta();
        byte[] base = SyntheticMp4.moovAtEnd(null);
        Box moov = Boxes.moov(MediaInput.of(base, "b"));
        moov.children().add(meta);
        int moovAt = base.length - (int) Boxes.moov(MediaInput.of(base, "b")).size();
        byte[] in = SyntheticMp4.concat(Arrays.copyOf(base, moovAt), moov.toBytes());
        assertThat(labels(in)).extracting(Carrier::location).containsExactly("moov/meta/ilst");
        byte[] out = write(in, label("moved-not"));
        assertThat(labels(out)).singleElement().satisfies(c -> assertThat(c.location()).isEqualTo("moov/meta/ilst"));
    }

    @Test
    void quickTimeMetaWithoutVersionFieldAndUdtaTerminatorAreKept() throws IOException {
        // QuickTime: meta has no FullBox header; udta may end with a 32-bit zero.
        Box meta = MdtaMetadata.newMeta();
        MdtaMetadata.of(meta).toMeta();
        byte[] metaBytes = meta.toBytes();
        byte[] qtMeta = new byte[metaBytes.length - 4];
        System.arraycopy(metaBytes, 12, qtMeta, 8, metaBytes.length - 12);
        ByteBuffer.wrap(qtMeta).putInt(qtMeta.length).putInt(BoxTypes.META);
        byte[] udtaPayload = SyntheticMp4.concat(qtMeta, new byte[4]);
        byte[] udta = SyntheticMp4.concat(sizeType(8 + udtaPayload.length, "udta"), udtaPayload);
        byte[] base = SyntheticMp4.moovAtEnd(null);
        Box moov = Boxes.moov(MediaInput.of(base, "b"));
        int moovAt = base.length - (int) moov.size();
        byte[] moovPayload = SyntheticMp4.concat(Arrays.copyOfRange(moov.toBytes(), 8, (int) moov.size()), udta);
        byte[] in = SyntheticMp4.concat(Arrays.copyOf(base, moovAt),
                sizeType(8 + moovPayload.length, "moov"), moovPayload);

        byte[] noChange = write(in, label("x"));
        Box udtaAfter = Boxes.moov(MediaInput.of(noChange, "n")).child(BoxTypes.UDTA);
        assertThat(udtaAfter.children(BoxTypes.META)).hasSize(1);
        assertThat(udtaAfter.toBytes()).endsWith(0, 0, 0, 0);
        assertThat(labels(noChange)).singleElement().satisfies(c -> assertThat(c.text()).contains("\"x\""));
    }

    /**
     * A moov whose children do not parse is kept as opaque bytes; the label written into it went nowhere and the
     * write "succeeded" with no label in the output (VideoContainersFuzzTest#containers,
     * {@code VideoContainersFuzzTestInputs/containers/moov-children-unparseable.mp4}). It must be refused instead,
     * with or without a digital source type (which would add an XMP box beside the label, not instead of it).
     */
    @Test
    void aMoovWhoseBoxesDoNotParseIsRefusedNotSilentlyLeftUnlabelled() {
        byte[] damagedChild = ByteBuffer.allocate(16).putInt(-1).putInt(-1).putInt(-1).putInt(-1).array();
        byte[] moov = Box.leaf(BoxTypes.MOOV, SyntheticMp4.concat(Box.leaf(FourCC.of("mvhd"), new byte[100]).toBytes(),
                damagedChild)).toBytes();
        byte[] in = SyntheticMp4.concat(SyntheticMp4.ftyp(), moov, Box.leaf(BoxTypes.MDAT, new byte[64]).toBytes());
        for (String sourceType : new String[] {null, "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia"}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertThatThrownBy(() -> handler.writeLabel(MediaInput.of(in, "in.mp4"), out,
                    new LabelEdit(label("id-1"), sourceType), context))
                    .isInstanceOf(BmffFormatException.class)
                    .hasMessageContaining("moov is damaged");
            assertThat(out.size()).as("nothing written").isZero();
        }
    }

    static void assertKeyOrder(Box meta, String... keys) {
        byte[] p = meta.child(BoxTypes.KEYS).payload();
        ByteBuffer b = ByteBuffer.wrap(p);
        List<String> names = new ArrayList<>();
        int pos = 8;
        for (int i = 0; i < b.getInt(4); i++) {
            int size = b.getInt(pos);
            names.add(new String(p, pos + 8, size - 8, StandardCharsets.UTF_8));
            pos += size;
        }
        assertThat(names).containsExactly(keys);
    }

    static byte[] keysPayload(String... names) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[4]);
        out.writeBytes(ByteBuffer.allocate(4).putInt(names.length).array());
        for (String n : names) {
            byte[] b = n.getBytes(StandardCharsets.UTF_8);
            out.writeBytes(ByteBuffer.allocate(8).putInt(8 + b.length).putInt(BoxTypes.MDTA).array());
            out.writeBytes(b);
        }
        return out.toByteArray();
    }

    static Box itunesMetaWithFreeformLabel() {
        byte[] hdlr = new byte[25];
        ByteBuffer.wrap(hdlr).putInt(8, FourCC.of("mdir"));
        Box mean = Box.leaf(BoxTypes.MEAN, SyntheticMp4.concat(new byte[4], "com.apple.iTunes".getBytes(StandardCharsets.UTF_8)));
        Box name = Box.leaf(BoxTypes.NAME, SyntheticMp4.concat(new byte[4], "AIGC".getBytes(StandardCharsets.UTF_8)));
        Box freeform = Box.container(BoxTypes.FREEFORM, new byte[0], List.of(mean, name, MdtaMetadata.dataBox("{\"Label\":\"1\"}")));
        Box too = Box.container(FourCC.of("\u00a9too"), new byte[0], List.of(MdtaMetadata.dataBox("Lavf")));
        Box ilst = Box.container(BoxTypes.ILST, new byte[0], List.of(freeform, too));
        return Box.container(BoxTypes.META, new byte[4], List.of(Box.leaf(BoxTypes.HDLR, hdlr), ilst));
    }

    static byte[] sizeType(int size, String type) {
        return ByteBuffer.allocate(8).putInt(size).putInt(FourCC.of(type)).array();
    }
}
