package dev.aigcmark.video.internal.format;

import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.internal.bmff.Box;
import dev.aigcmark.core.internal.bmff.BoxHeader;
import dev.aigcmark.core.internal.bmff.BoxTypes;
import dev.aigcmark.core.internal.bmff.TopLevel;
import dev.aigcmark.core.internal.bmff.FourCC;
import dev.aigcmark.core.internal.xmp.XmpPacket;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.io.MediaOutput;
import dev.aigcmark.core.spi.Container;
import dev.aigcmark.core.spi.ContentDigest;
import dev.aigcmark.core.spi.LabelEdit;
import dev.aigcmark.testing.CountingInput;
import dev.aigcmark.testing.TestContexts;
import dev.aigcmark.video.testing.SyntheticMp4;
import dev.aigcmark.video.testing.TestMarks;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Labelling from the scan ({@code writeLabel(Container, ...)}, what the Marker does for a metadata-only mark): the
 * output is byte for byte the two-pass writer's, the label is signed over the digest the verifier computes, and
 * where every mdat precedes moov the sample data is read once, elsewhere twice (counted, not timed).
 */
class Mp4OnePassLabelTest {
    private static final String DST = "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia";
    private final Mp4Handler handler = new Mp4Handler();
    private final SdkContext context = TestContexts.builder().handlers(List.of(handler)).codecs(List.of()).build();

    static Stream<Arguments> layouts() throws IOException {
        byte[] ftyp = SyntheticMp4.ftyp();
        byte[] mdat = Box.leaf(BoxTypes.MDAT, SyntheticMp4.mdatPayload()).toBytes();
        byte[] xmp = XmpBoxes.uuidBox(XmpPacket.fresh("{\"Label\":\"3\"}", null));
        long moovSize = moov(0).size();
        byte[] moovAtEnd = SyntheticMp4.concat(ftyp, mdat, moov(ftyp.length + 8).toBytes());
        byte[] fastStart = SyntheticMp4.concat(ftyp, moov(ftyp.length + moovSize + 8).toBytes(), mdat);
        byte[] xmpBeforeSamples = SyntheticMp4.concat(ftyp, moov(ftyp.length + moovSize + xmp.length + 8).toBytes(),
                xmp, mdat);
        byte[] xmpBetween = SyntheticMp4.concat(ftyp, xmp, mdat, moov(ftyp.length + xmp.length + 8).toBytes());
        byte[] xmpAfter = SyntheticMp4.concat(moovAtEnd, xmp);
        byte[] twoMdats = SyntheticMp4.concat(ftyp, mdat, Box.leaf(FourCC.of("free"), new byte[16]).toBytes(),
                Box.leaf(BoxTypes.MDAT, new byte[300]).toBytes(), moov(ftyp.length + 8).toBytes());
        return Stream.of(
                Arguments.of("moov at the end", moovAtEnd, null, true),
                Arguments.of("moov at the end, XMP appended", moovAtEnd, DST, true),
                Arguments.of("moov at the end, XMP box after it replaced", xmpAfter, DST, true),
                Arguments.of("two mdat boxes and free space before moov", twoMdats, DST, true),
                Arguments.of("fast start", fastStart, null, false),
                Arguments.of("fast start, XMP appended", fastStart, DST, false),
                Arguments.of("XMP box before the samples", xmpBeforeSamples, DST, false),
                Arguments.of("XMP box before mdat, moov at the end", xmpBetween, null, false));
    }

    /** SyntheticMp4's movie with what the content digest needs of a track (a handler box). */
    static Box moov(long mdatPayloadOffset) {
        ByteBuffer stco = ByteBuffer.allocate(8 + 4 * SyntheticMp4.CHUNKS);
        stco.putInt(0).putInt(SyntheticMp4.CHUNKS);
        for (int i = 0; i < SyntheticMp4.CHUNKS; i++) {
            stco.putInt((int) (mdatPayloadOffset + (long) i * SyntheticMp4.CHUNK_SIZE));
        }
        Box stbl = Box.container(BoxTypes.STBL, new byte[0], List.of(
                Box.leaf(FourCC.of("stsd"), new byte[8]), Box.leaf(BoxTypes.STCO, stco.array())));
        Box minf = Box.container(BoxTypes.MINF, new byte[0], List.of(stbl));
        byte[] hdlr = new byte[24];
        ByteBuffer.wrap(hdlr).putInt(8, FourCC.of("vide"));
        Box mdia = Box.container(BoxTypes.MDIA, new byte[0], List.of(Box.leaf(FourCC.of("mdhd"), new byte[24]),
                Box.leaf(BoxTypes.HDLR, hdlr), minf));
        Box trak = Box.container(BoxTypes.TRAK, new byte[0], List.of(Box.leaf(FourCC.of("tkhd"), new byte[84]), mdia));
        return Box.container(BoxTypes.MOOV, new byte[0], List.of(Box.leaf(FourCC.of("mvhd"), new byte[100]), trak));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layouts")
    void sameBytesAsTheTwoPassWriterAndTheSamplesReadOnceWhereTheyComeFirst(String layout, byte[] file, String dst,
                                                                         boolean onePass) throws IOException {
        LabelEdit edit = new LabelEdit(TestMarks.label("one-pass"), dst);
        ByteArrayOutputStream twoPass = new ByteArrayOutputStream();
        handler.writeLabel(MediaInput.of(file, "in.mp4"), twoPass, edit, context);

        CountingInput in = new CountingInput(MediaInput.of(file, "in.mp4"));
        for (BoxHeader h : TopLevel.read(MediaInput.of(file, "in.mp4"), context.limits()).boxes()) {
            if (h.type() == BoxTypes.MDAT) {
                in.onlyWithin(h.payloadOffset(), h.end());
            }
        }
        Container scanned = handler.scan(in, context);
        ContentDigest expected = handler.contentDigest(handler.scan(MediaInput.of(file, "in.mp4"), context));
        ContentDigest[] signedOver = new ContentDigest[1];
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        in.reset();
        try (MediaOutput out = MediaOutput.of(bytes)) {
            handler.writeLabel(scanned, in, out, d -> {
                signedOver[0] = d;
                return edit;
            }, context);
        }

        assertThat(bytes.toByteArray()).isEqualTo(twoPass.toByteArray());
        assertThat(signedOver[0]).isEqualTo(expected);
        long samples = in.rangesLength();
        // Box headers are read 16 bytes at a time (a large size follows the type): a few bytes of payload with them.
        if (onePass) {
            assertThat(in.count()).as("sample bytes read while labelling").isBetween(samples, samples + 64);
        } else {
            assertThat(in.count()).as("sample bytes read while labelling").isGreaterThanOrEqualTo(2 * samples);
        }
    }
}
