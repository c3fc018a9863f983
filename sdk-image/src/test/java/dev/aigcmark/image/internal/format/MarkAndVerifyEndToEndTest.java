package dev.aigcmark.image.internal.format;

import dev.aigcmark.core.MarkIntent;
import dev.aigcmark.core.MarkResult;
import dev.aigcmark.core.Marker;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.Verifier;
import dev.aigcmark.core.identity.PlatformIdentity;
import dev.aigcmark.core.mark.ImplicitLabel;
import dev.aigcmark.core.report.ExitCodes;
import dev.aigcmark.core.report.StatusCodes;
import dev.aigcmark.core.report.VerificationReport;
import dev.aigcmark.core.spi.CarrierType;
import dev.aigcmark.core.internal.xmp.XmpPacket;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.testing.DevelopmentContexts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole platform flow per image format: the Marker (visible label and watermark where the format can be
 * re-encoded, signed label, C2PA where supported) then the Verifier: exit code 0, a valid producer signature,
 * exactly one label; then a second platform marks as propagator and both signatures verify.
 */
class MarkAndVerifyEndToEndTest {
    @TempDir
    static Path tmp;
    static PlatformIdentity identity;
    static SdkContext ctx;

    @BeforeAll
    static void identity() throws Exception {
        ctx = DevelopmentContexts.marking(tmp.resolve("home"));
        identity = ctx.requireIdentity();
    }

    static Stream<Arguments> samples() throws Exception {
        return Stream.of(
                Arguments.of("jpeg", TestImages.encode(TestImages.textured(320, 240), "jpeg"), true),
                Arguments.of("png", TestImages.withTextChunks(TestImages.encode(TestImages.textured(320, 240), "png")), true),
                Arguments.of("webp", TestImages.webp(tmp, false, false), true),
                Arguments.of("gif", TestImages.gif(120, 90), false),
                Arguments.of("tiff", TestImages.tiff(120, 90, ByteOrder.BIG_ENDIAN), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void markedFilesVerifyWithAValidSignature(String id, byte[] original, boolean c2pa) throws Exception {
        Path in = Files.write(tmp.resolve("in." + id), original);
        Path out = tmp.resolve("out." + id);
        MarkResult r = new Marker(ctx).mark(in, out, MarkIntent.builder().c2pa(c2pa).build());
        assertThat(r.format()).isEqualTo(id);
        assertThat(Files.readAllBytes(in)).isEqualTo(original);

        VerificationReport report = new Verifier(ctx).verify(out);
        assertThat(ExitCodes.forReport(report)).as("report: %s", report.failureCodes()).isEqualTo(ExitCodes.VALID);
        assertThat(report.findings(ImplicitLabel.class)).singleElement()
                .satisfies(f -> assertThat(f.hasStatus(StatusCodes.SIG_PRODUCER_VALID)).isTrue());
        assertThat(oneLabel(id, out)).isTrue();

        Path again = tmp.resolve("propagated." + id);
        new Marker(ctx).mark(out, again, MarkIntent.builder().propagator(true).c2pa(c2pa).build());
        VerificationReport second = new Verifier(ctx).verify(again);
        assertThat(ExitCodes.forReport(second)).as("report: %s", second.failureCodes()).isEqualTo(ExitCodes.VALID);
        assertThat(second.findings(ImplicitLabel.class)).singleElement().satisfies(f -> {
            assertThat(f.hasStatus(StatusCodes.SIG_PRODUCER_VALID)).isTrue();
            assertThat(f.hasStatus(StatusCodes.SIG_PROPAGATOR_VALID)).isTrue();
        });
        assertThat(oneLabel(id, again)).isTrue();
    }

    static boolean oneLabel(String id, Path file) throws Exception {
        try (MediaInput in = MediaInput.of(file)) {
            List<byte[]> packets = ctx.handler(id).orElseThrow().scan(in, ctx).carriers(CarrierType.XMP).stream()
                    .map(c -> c.data()).toList();
            return packets.size() == 1 && XmpPacket.parse(packets.get(0), ctx.limits()).aigcLabelCount() == 1;
        }
    }
}
