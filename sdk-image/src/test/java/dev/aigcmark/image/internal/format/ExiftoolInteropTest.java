package dev.aigcmark.image.internal.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aigcmark.core.label.DigitalSourceType;
import dev.aigcmark.core.label.LabelJson;
import dev.aigcmark.testing.ExternalTools;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** exiftool, an independent reader, sees exactly our label and source type in every format. */
class ExiftoolInteropTest {
    @TempDir
    static Path tmp;

    static Stream<Arguments> samples() throws Exception {
        return TestImages.samples(tmp);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("samples")
    void exiftoolReadsTheLabelAndSourceType(String id, String variant, byte[] original) throws Exception {
        ExternalTools.assumeTool("exiftool");
        Path config = Path.of(ExiftoolInteropTest.class.getResource("/exiftool-tc260.config").toURI());
        byte[] marked = LabelRoundTripTest.mark(id, LabelRoundTripTest.mark(id, original, LabelRoundTripTest.EDIT),
                LabelRoundTripTest.EDIT);
        Path f = Files.write(tmp.resolve("marked-" + variant.replace(' ', '_') + "." + id), marked);

        Path o = Files.write(tmp.resolve("original-" + variant.replace(' ', '_') + "." + id), original);
        JsonNode tags = exiftool(config, f);
        JsonNode before = exiftool(config, o);
        assertThat(tags.path("XMP-TC260:AIGC").asText()).isEqualTo(LabelJson.toBareJson(TestImages.LABEL));
        assertThat(tags.path("XMP-iptcExt:DigitalSourceType").asText()).isEqualTo(DigitalSourceType.TRAINED_ALGORITHMIC_MEDIA);
        assertThat(tags.path("ExifTool:Warning")).as("exiftool warns about our output: %s", tags)
                .isEqualTo(before.path("ExifTool:Warning"));
    }

    static JsonNode exiftool(Path config, Path file) throws Exception {
        var r = ExternalTools.run("exiftool", "-config", config.toString(), "-j", "-n", "-G1", "-a",
                "-XMP-TC260:all", "-XMP-iptcExt:all", "-Warning", file.toString()).requireSuccess();
        return new ObjectMapper().readTree(r.stdout()).get(0);
    }
}
