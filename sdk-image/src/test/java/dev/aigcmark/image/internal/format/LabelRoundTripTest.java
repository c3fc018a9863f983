package dev.aigcmark.image.internal.format;

import dev.aigcmark.core.label.PropagateId;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.label.DigitalSourceType;
import dev.aigcmark.core.label.LabelJson;
import dev.aigcmark.core.spi.Carrier;
import dev.aigcmark.core.spi.CarrierType;
import dev.aigcmark.core.spi.Container;
import dev.aigcmark.core.spi.FormatHandler;
import dev.aigcmark.core.spi.LabelEdit;
import dev.aigcmark.core.spi.LabelWriter;
import dev.aigcmark.core.internal.xmp.XmpPacket;
import dev.aigcmark.image.internal.container.Rasters;
import dev.aigcmark.testing.ExternalTools;
import dev.aigcmark.testing.TestContexts;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

import static org.assertj.core.api.Assertions.assertThat;

/** Per format: the label goes in losslessly, reads back exactly, and re-marking keeps exactly one. */
class LabelRoundTripTest {
    static final SdkContext CTX = TestContexts.defaults();
    static final LabelEdit EDIT = new LabelEdit(TestImages.LABEL, DigitalSourceType.TRAINED_ALGORITHMIC_MEDIA);

    @TempDir
    static Path tmp;

    static Stream<Arguments> samples() throws Exception {
        return TestImages.samples(tmp);
    }

    static FormatHandler handler(String id) {
        return CTX.handler(id).orElseThrow();
    }

    static byte[] mark(String id, byte[] in, LabelEdit edit) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ((LabelWriter) handler(id)).writeLabel(MediaInput.of(in, "in"), out, edit, CTX);
        return out.toByteArray();
    }

    static List<Carrier> xmp(String id, byte[] file) throws Exception {
        Container c = handler(id).scan(MediaInput.of(file, "out"), CTX);
        assertThat(c.problems()).noneMatch(s -> s.isFailure());
        return c.carriers(CarrierType.XMP);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("samples")
    void labelIsWrittenLosslesslyAndReadBack(String id, String variant, byte[] original) throws Exception {
        assertThat(handler(id).sniff(original, original.length, "no-extension")).isTrue();
        byte[] once = mark(id, original, EDIT);

        List<Carrier> carriers = xmp(id, once);
        assertThat(carriers).hasSize(1);
        XmpPacket p = XmpPacket.parse(carriers.get(0).data(), CTX.limits());
        assertThat(p.aigcLabelCount()).isEqualTo(1);
        assertThat(p.aigcLabelText()).contains(LabelJson.toBareJson(TestImages.LABEL));
        assertThat(p.digitalSourceType()).contains(DigitalSourceType.TRAINED_ALGORITHMIC_MEDIA);

        assertThat(ImageData.of(id, once)).isEqualTo(ImageData.of(id, original));
        assertThat(pixels(decode(id, once))).isEqualTo(pixels(decode(id, original)));

        byte[] twice = mark(id, once, EDIT);
        assertThat(xmp(id, twice)).hasSize(1);
        assertThat(twice).as("re-marking with the same label is a fixed point").isEqualTo(once);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("samples")
    void relabelUpdatesInPlaceAndKeepsOtherXmp(String id, String variant, byte[] original) throws Exception {
        byte[] once = mark(id, original, EDIT);
        var propagated = TestImages.LABEL.withPropagation("00119144030008867405X220001", PropagateId.of("p-123"));
        byte[] again = mark(id, once, new LabelEdit(propagated, null));
        List<Carrier> carriers = xmp(id, again);
        assertThat(carriers).hasSize(1);
        XmpPacket p = XmpPacket.parse(carriers.get(0).data(), CTX.limits());
        assertThat(p.aigcLabelCount()).isEqualTo(1);
        assertThat(p.aigcLabelText()).contains(LabelJson.toBareJson(propagated));
        assertThat(p.digitalSourceType()).as("a null DST leaves the existing one").contains(DigitalSourceType.TRAINED_ALGORITHMIC_MEDIA);
        assertThat(ImageData.of(id, again)).isEqualTo(ImageData.of(id, original));
        // A vendor's generic label (EXIF UserComment, PNG tEXt AIGC) is updated too: never two labels that disagree.
        for (Carrier generic : handler(id).scan(MediaInput.of(again, "again"), CTX).carriers(CarrierType.AIGC_JSON)) {
            assertThat(LabelJson.parse(generic.text()).label()).as(generic.location()).contains(propagated);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("samples")
    void inputFileIsNeverModified(String id, String variant, byte[] original) throws Exception {
        Path f = Files.write(tmp.resolve(id + "-" + variant.replace(' ', '_')), original);
        byte[] before = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f));
        try (MediaInput in = MediaInput.of(f)) {
            ((LabelWriter) handler(id)).writeLabel(in, new ByteArrayOutputStream(), EDIT, CTX);
        }
        assertThat(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f))).isEqualTo(before);
    }

    /** Decodes with ImageIO, or for WebP (no Java decoder here) with ffmpeg, which also proves the file is valid. */
    static BufferedImage decode(String id, byte[] file) throws Exception {
        if (!id.equals("webp")) {
            return Rasters.decode(file, CTX.limits());
        }
        Path in = Files.write(Files.createTempFile("decode", ".webp"), file);
        Path out = Path.of(in + ".png");
        try {
            ExternalTools.run("ffmpeg", "-y", "-loglevel", "error", "-i", in.toString(), out.toString()).requireSuccess();
            return ImageIO.read(out.toFile());
        } finally {
            Files.deleteIfExists(in);
            Files.deleteIfExists(out);
        }
    }

    static int[] pixels(BufferedImage img) {
        return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    }
}
