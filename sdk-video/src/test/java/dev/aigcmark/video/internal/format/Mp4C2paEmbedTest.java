package dev.aigcmark.video.internal.format;

import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.spi.Carrier;
import dev.aigcmark.core.spi.CarrierType;
import dev.aigcmark.core.spi.Container;
import dev.aigcmark.core.spi.StorePlacement;
import dev.aigcmark.testing.ExternalTools;
import dev.aigcmark.testing.TestContexts;
import dev.aigcmark.video.testing.Boxes;
import dev.aigcmark.video.testing.Clips;
import dev.aigcmark.video.testing.SyntheticMp4;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The C2PA store box: placed after ftyp, read back as a JUMBF carrier spanning the whole box, replaced not duplicated. */
class Mp4C2paEmbedTest {
    private final Mp4Handler handler = new Mp4Handler();
    private final SdkContext context = TestContexts.builder().handlers(List.of(handler)).codecs(List.of()).build();

    static byte[] store(int size, int fill) {
        byte[] s = new byte[size];
        Arrays.fill(s, (byte) fill);
        return s;
    }

    byte[] embed(byte[] file, byte[] store) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StorePlacement placed = handler.writeStore(MediaInput.of(file, "in"), out, store, context);
        Container c = handler.scan(MediaInput.of(out.toByteArray(), "o"), context);
        assertThat(placed.offset()).isEqualTo(c.carriers(CarrierType.JUMBF).get(0).offset());
        assertThat(placed.length()).isEqualTo(c.carriers(CarrierType.JUMBF).get(0).length());
        assertThat(handler.dataHashBinding()).isFalse();
        return out.toByteArray();
    }

    @Test
    void storeGoesAfterFtypAndChunkOffsetsShift() throws IOException {
        for (byte[] in : List.of(SyntheticMp4.fastStart(null), SyntheticMp4.moovAtEnd(null))) {
            byte[] out = embed(in, store(300, 7));
            List<String> types = Boxes.topLevelTypes(MediaInput.of(out, "o"));
            assertThat(types.get(0)).isEqualTo("ftyp");
            assertThat(types.get(1)).isEqualTo("uuid");
            Mp4LabelWriteTest.assertChunksIntact(out);

            Container c = handler.scan(MediaInput.of(out, "o"), context);
            Carrier jumbf = c.carriers(CarrierType.JUMBF).get(0);
            assertThat(jumbf.data()).isEqualTo(store(300, 7));
            int ftypLength = SyntheticMp4.ftyp().length;
            assertThat(jumbf.offset()).isEqualTo(ftypLength);
            assertThat(jumbf.length()).isEqualTo(8 + 16 + 4 + 9 + 8 + 300);
            // The carrier's range is exactly the uuid box: removing it gives the input back, except shifted offsets.
            assertThat(out.length - jumbf.length()).isEqualTo(in.length);
        }
    }

    @Test
    void secondEmbedReplacesTheFirstAndSameSizeKeepsEveryOtherByte() throws IOException {
        byte[] once = embed(SyntheticMp4.fastStart(null), store(200, 1));
        byte[] twice = embed(once, store(200, 2));
        assertThat(twice).hasSameSizeAs(once);
        Container c = handler.scan(MediaInput.of(twice, "t"), context);
        assertThat(c.carriers(CarrierType.JUMBF)).singleElement()
                .satisfies(j -> assertThat(j.data()).isEqualTo(store(200, 2)));
        int boxEnd = (int) (c.carriers(CarrierType.JUMBF).get(0).offset() + c.carriers(CarrierType.JUMBF).get(0).length());
        assertThat(Arrays.copyOfRange(twice, boxEnd, twice.length)).isEqualTo(Arrays.copyOfRange(once, boxEnd, once.length));
        Mp4LabelWriteTest.assertChunksIntact(twice);
    }

    @Test
    void ffmpegStillDecodesAClipWithTheStore(@TempDir Path dir) throws IOException {
        ExternalTools.assumeTool("ffmpeg");
        Path in = Clips.make(dir, "c.mp4", "160x120", 0.8, Clips.H264_AAC, "-movflags", "+faststart");
        String before = Clips.frameChecksums(in);
        Path out = dir.resolve("c2pa.mp4");
        try (MediaInput mi = MediaInput.of(in); var os = Files.newOutputStream(out)) {
            handler.writeStore(mi, os, store(5000, 9), context);
        }
        assertThat(Clips.frameChecksums(out)).isEqualTo(before);
    }
}
