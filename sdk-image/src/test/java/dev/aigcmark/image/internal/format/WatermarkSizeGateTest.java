package dev.aigcmark.image.internal.format;

import dev.aigcmark.core.MarkIntent;
import dev.aigcmark.core.MarkResult;
import dev.aigcmark.core.MarkStep;
import dev.aigcmark.core.MarkStep.Carrier;
import dev.aigcmark.core.Marker;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.Verifier;
import dev.aigcmark.core.mark.Watermark;
import dev.aigcmark.core.report.StatusCodes;
import dev.aigcmark.core.report.VerificationReport;
import dev.aigcmark.image.internal.container.Rasters;
import dev.aigcmark.image.internal.watermark.ImageWatermarker;
import dev.aigcmark.image.internal.watermark.WatermarkSizeSweep;
import dev.aigcmark.testing.DevelopmentContexts;
import dev.aigcmark.testing.TestSeed;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The marker puts our watermark only where it reads back: from {@link ImageWatermarker#MIN_SIDE} on it is embedded
 * and found for every payload; below it, it is left out, said so in the steps, not bound into the label, and the
 * verifier reports {@code wm.skipped.tooSmall}, so the verdict of a small picture does not depend on the payload
 * drawn. A palette picture keeps it only when the detector reads it back from the palette's colours.
 */
class WatermarkSizeGateTest {
    /** Payloads per size and format: each case draws its own ProduceID, so its own watermark payload. */
    private static final int PAYLOADS = 6;

    @TempDir
    static Path tmp;
    static SdkContext base;

    @BeforeAll
    static void identity() throws Exception {
        base = DevelopmentContexts.marking(tmp.resolve("home"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"jpeg", "png", "tiff"})
    void atTheSmallestAllowedSizeEveryPayloadIsEmbeddedAndFound(String format) throws Exception {
        Random random = TestSeed.random("WatermarkSizeGateTest.allowed." + format);
        int side = ImageWatermarker.MIN_SIDE;
        for (int i = 0; i < PAYLOADS; i++) {
            int other = side + (i % 3 == 0 ? 0 : side / 3);
            boolean landscape = i % 2 == 0;
            Marked m = mark(format, landscape ? other : side, landscape ? side : other, random, "allowed." + format + i);
            assertThat(m.result.steps()).as(m.name)
                    .contains(MarkStep.done(Carrier.CONTENT, "watermark"))
                    .noneMatch(s -> s.carrier() == Carrier.WATERMARK);
            assertThat(m.report.findings(Watermark.class)).as("%s: %s", m.name, m.report.diagnostics()).hasSize(1);
            assertThat(codes(m.report)).doesNotContain(StatusCodes.WM_SKIPPED_TOO_SMALL.id());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"jpeg", "png", "tiff", "gif"})
    void belowItTheWatermarkIsLeftOutAndTheReportSaysWhy(String format) throws Exception {
        Random random = TestSeed.random("WatermarkSizeGateTest.below." + format);
        int side = ImageWatermarker.MIN_SIDE - 1;
        int[][] sizes = {{side, side}, {side * 2, side}, {side, side * 16 / 9}, {64, 64}, {144, 112}, {48, 40}};
        for (int[] size : sizes) {
            Marked m = mark(format, size[0], size[1], random, "below." + format + size[0] + "x" + size[1]);
            assertThat(m.result.steps()).as(m.name)
                    .noneMatch(s -> s.carrier() == Carrier.CONTENT)
                    .anySatisfy(s -> {
                        assertThat(s.kind()).isEqualTo(MarkStep.Kind.NOT_SUPPORTED);
                        assertThat(s.carrier()).isEqualTo(Carrier.WATERMARK);
                    })
                    .filteredOn(s -> s.carrier() == Carrier.IMPLICIT_LABEL).singleElement()
                    .satisfies(s -> assertThat(s.detail()).as("the label is not bound to a watermark")
                            .doesNotContain("watermark"));
            assertThat(pixels(Files.readAllBytes(m.output))).as("%s: only the label was added, the pixels are the input's",
                    m.name).isEqualTo(pixels(m.input));
            assertThat(m.report.findings(Watermark.class)).as(m.name).isEmpty();
            assertThat(codes(m.report)).as(m.name).contains(StatusCodes.WM_SKIPPED_TOO_SMALL.id());
        }
    }

    /** A GIF maps the marked colours back to its palette; the marker claims the watermark exactly when it reads. */
    @Test
    void aPaletteKeepsTheWatermarkOnlyWhenItReadsBack() throws Exception {
        Random random = TestSeed.random("WatermarkSizeGateTest.palette");
        int side = ImageWatermarker.MIN_SIDE;
        for (int i = 0; i < PAYLOADS; i++) {
            Marked m = mark("gif", side + 40 * i, side, random, "palette" + i);
            boolean claimed = m.result.steps().contains(MarkStep.done(Carrier.CONTENT, "watermark"));
            assertThat(m.result.steps()).as(m.name).anySatisfy(s -> assertThat(s.carrier())
                    .isIn(claimed ? Carrier.CONTENT : Carrier.WATERMARK));
            assertThat(m.report.findings(Watermark.class)).as("%s: claimed %s", m.name, claimed)
                    .hasSize(claimed ? 1 : 0);
        }
    }

    private record Marked(String name, byte[] input, Path output, MarkResult result, VerificationReport report) {
    }

    /** Marks a generated picture (watermark only, no visible label) with a ProduceID of its own, and verifies it. */
    private static Marked mark(String format, int w, int h, Random random, String name) throws IOException {
        BufferedImage picture = WatermarkSizeSweep.image(w, h, random.nextLong(), random.nextBoolean() ? 24 : 6);
        byte[] input = WatermarkSizeSweep.encode(picture, format, 0.75f);
        String ext = format.equals("jpeg") ? "jpg" : format.equals("tiff") ? "tif" : format;
        Path in = Files.write(tmp.resolve(name + "." + ext), input);
        Path out = tmp.resolve(name + "-marked." + ext);
        SdkContext ctx = base.toBuilder().random(TestSeed.randomSource("WatermarkSizeGateTest." + name)).build();
        MarkResult result = new Marker(ctx).mark(in, out, MarkIntent.builder().explicitLabel(null).build());
        return new Marked(name + " (" + w + "x" + h + ")", input, out, result, new Verifier(ctx).verify(out));
    }

    private static int[] pixels(byte[] file) throws IOException {
        BufferedImage image = Rasters.decode(file, base.limits());
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }

    private static List<String> codes(VerificationReport report) {
        return report.diagnostics().stream().map(st -> st.code().id()).toList();
    }
}
