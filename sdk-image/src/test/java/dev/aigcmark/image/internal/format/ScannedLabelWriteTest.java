package dev.aigcmark.image.internal.format;

import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.io.MediaOutput;
import dev.aigcmark.core.spi.Container;
import dev.aigcmark.core.spi.ContentDigest;
import dev.aigcmark.core.spi.ContentDigester;
import dev.aigcmark.core.spi.FormatHandler;
import dev.aigcmark.core.spi.LabelEdit;
import dev.aigcmark.core.spi.LabelWriter;
import dev.aigcmark.testing.CountingInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Labelling from the scan ({@code writeLabel(Container, ...)}, the Marker's metadata-only path): byte for byte the
 * output of the writer that reads the file again, signed over the digest a verifier computes; a JPEG is read once.
 */
class ScannedLabelWriteTest {
    static final SdkContext CTX = LabelRoundTripTest.CTX;
    static final LabelEdit EDIT = LabelRoundTripTest.EDIT;

    @TempDir
    static Path tmp;

    static Stream<Arguments> samples() throws Exception {
        return TestImages.samples(tmp);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("samples")
    void sameBytesAndDigestAsWritingFromTheFile(String id, String variant, byte[] file) throws Exception {
        FormatHandler handler = CTX.handler(id).orElseThrow();
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        ((LabelWriter) handler).writeLabel(MediaInput.of(file, "in"), again, EDIT, CTX);

        CountingInput in = new CountingInput(MediaInput.of(file, "in"));
        Container scanned = handler.scan(in, CTX);
        ContentDigest expected = handler instanceof ContentDigester d
                ? d.contentDigest(handler.scan(MediaInput.of(file, "in"), CTX)) : null;
        ContentDigest[] signedOver = new ContentDigest[1];
        ByteArrayOutputStream once = new ByteArrayOutputStream();
        in.reset();
        try (MediaOutput out = MediaOutput.of(once)) {
            ((LabelWriter) handler).writeLabel(scanned, in, out, d -> {
                signedOver[0] = d;
                return EDIT;
            }, CTX);
        }

        assertThat(once.toByteArray()).isEqualTo(again.toByteArray());
        assertThat(signedOver[0]).isEqualTo(expected);
        if (id.equals("jpeg")) {
            assertThat(in.count()).as("bytes read again after the scan").isZero();
        }
    }

    @Test
    void aDamagedJpegIsRefusedAsBefore() throws Exception {
        byte[] jpeg = TestImages.jpeg(64, 48, 0.9f);
        byte[] cut = java.util.Arrays.copyOf(jpeg, 40); // inside the header segments: no SOS
        FormatHandler handler = CTX.handler("jpeg").orElseThrow();
        Container scanned = handler.scan(MediaInput.of(cut, "in"), CTX);
        assertThatThrownBy(() -> ((LabelWriter) handler).writeLabel(MediaInput.of(cut, "in"),
                new ByteArrayOutputStream(), EDIT, CTX)).isInstanceOf(IOException.class)
                .satisfies(e -> assertThatThrownBy(() -> ((LabelWriter) handler).writeLabel(scanned,
                        MediaInput.of(cut, "in"), MediaOutput.of(new ByteArrayOutputStream()), d -> EDIT, CTX))
                        .isInstanceOf(e.getClass()).hasMessage(e.getMessage()));
    }
}
