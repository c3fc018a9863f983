package dev.aigcmark.video.internal.format;

import dev.aigcmark.testing.TestSeed;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.io.UnreadableInputException;
import dev.aigcmark.core.report.StatusCodes;
import dev.aigcmark.core.spi.LabelEdit;
import dev.aigcmark.core.internal.bmff.Box;
import dev.aigcmark.core.internal.bmff.BoxTypes;
import dev.aigcmark.core.internal.bmff.MdtaMetadata;
import dev.aigcmark.video.testing.SyntheticMp4;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Damaged and hostile files: a clear error or a report entry, never another exception, a hang or a huge allocation. */
class Mp4HostileInputTest {
    private final Mp4Handler handler = new Mp4Handler();
    private final SdkContext context = SdkContext.builder().handlers(List.of(handler)).codecs(List.of()).build();

    @Test
    void randomCorruptionsGiveReportsOrUnreadableNeverCrashes() throws IOException {
        Box meta = MdtaMetadata.newMeta();
        MdtaMetadata m = MdtaMetadata.of(meta);
        m.put("AIGC", "{\"Label\":\"1\"}");
        m.toMeta();
        byte[] good = SyntheticMp4.fastStart(List.of(meta));
        Random random = TestSeed.random("Mp4HostileInputTest.edits");
        for (int round = 0; round < 3000; round++) {
            byte[] bad = good.clone();
            int edits = 1 + random.nextInt(4);
            for (int e = 0; e < edits; e++) {
                int at = random.nextInt(bad.length);
                switch (random.nextInt(3)) {
                    case 0 -> bad[at] = (byte) random.nextInt(256);
                    case 1 -> bad[at] = (byte) 0xFF;
                    default -> bad = Arrays.copyOf(bad, at + 8 < bad.length ? at + 8 : bad.length);
                }
            }
            byte[] input = bad;
            try {
                handler.scan(MediaInput.of(input, "bad"), context);
            } catch (UnreadableInputException expected) {
                // fine: cannot be read at all
            }
            try {
                handler.writeLabel(MediaInput.of(input, "bad"), new ByteArrayOutputStream(),
                        new LabelEdit(Mp4LabelWriteTest.label("x"), null), context);
            } catch (UnreadableInputException expected) {
                // fine: refuses to rewrite a file it cannot fully understand
            }
        }
    }

    @Test
    void sizePastTheEndIsAClearErrorForWritingAndATruncationForReading() throws IOException {
        byte[] file = SyntheticMp4.moovAtEnd(null);
        byte[] cut = Arrays.copyOf(file, file.length - 10);
        assertThat(handler.scan(MediaInput.of(cut, "cut"), context).problems())
                .anySatisfy(p -> assertThat(p.code()).isEqualTo(StatusCodes.ASSET_TRUNCATED));
        assertThatThrownBy(() -> handler.writeLabel(MediaInput.of(cut, "cut"), new ByteArrayOutputStream(),
                new LabelEdit(Mp4LabelWriteTest.label("x"), null), context))
                .isInstanceOf(UnreadableInputException.class).hasMessageContaining("moov");
    }

    @Test
    void deepNestingAndBoxFloodsStopAtTheLimits() throws IOException {
        Box inner = Box.leaf(BoxTypes.FREE, new byte[0]);
        for (int i = 0; i < 100; i++) {
            inner = Box.container(BoxTypes.UDTA, new byte[0], List.of(inner));
        }
        byte[] deep = SyntheticMp4.concat(SyntheticMp4.ftyp(), Box.container(BoxTypes.MOOV, new byte[0], List.of(inner)).toBytes());
        assertThat(handler.scan(MediaInput.of(deep, "deep"), context).problems())
                .anySatisfy(p -> assertThat(p.message()).contains("nested deeper"));

        ReadLimits tight = ReadLimits.defaults().toBuilder().maxInMemoryBytes(1 << 20).maxMetadataBytes(1 << 16)
                .maxXmlNodes(1000).maxBoxCount(50).maxPixels(1000).maxZipEntries(10).maxDecompressedBytes(1000).build();
        SdkContext small = context.toBuilder().limits(tight).build();
        byte[] flood = new byte[8 * 200];
        for (int i = 0; i < 200; i++) {
            ByteBuffer.wrap(flood, i * 8, 8).putInt(8).putInt(BoxTypes.FREE);
        }
        byte[] file = SyntheticMp4.concat(SyntheticMp4.ftyp(), flood);
        assertThatThrownBy(() -> handler.scan(MediaInput.of(file, "flood"), small))
                .isInstanceOf(UnreadableInputException.class).hasMessageContaining("limit");
    }

    @Test
    void declaredHugeMetadataIsNotAllocated() throws IOException {
        // A uuid XMP box declaring 3 GB with a 64-bit size in a file of a few hundred bytes.
        ByteBuffer b = ByteBuffer.allocate(32).putInt(1).putInt(BoxTypes.UUID).putLong(3L << 30).put(BoxTypes.XMP_UUID);
        byte[] file = SyntheticMp4.concat(SyntheticMp4.moovAtEnd(null), b.array());
        var container = handler.scan(MediaInput.of(file, "huge"), context);
        assertThat(container.problems()).anySatisfy(p -> assertThat(p.code()).isEqualTo(StatusCodes.ASSET_TRUNCATED));
        assertThat(container.carriers()).isEmpty();
    }
}
