package dev.aigcmark.image.internal.format;

import dev.aigcmark.core.MarkIntent;
import dev.aigcmark.core.MarkResult;
import dev.aigcmark.core.MarkStep;
import dev.aigcmark.core.MarkStep.Carrier;
import dev.aigcmark.core.Marker;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.Verifier;
import dev.aigcmark.core.mark.ImplicitLabel;
import dev.aigcmark.core.mark.Watermark;
import dev.aigcmark.core.report.ExitCodes;
import dev.aigcmark.core.report.StatusCodes;
import dev.aigcmark.core.report.VerificationReport;
import dev.aigcmark.image.internal.container.Rasters;
import dev.aigcmark.image.internal.watermark.AigcWatermarkCodec;
import dev.aigcmark.testing.DevelopmentContexts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.awt.image.BufferedImage;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** What the Marker says it did to the content, per format, and that it is true (pixels, watermark, signature). */
class MarkerContentStepsTest {
    @TempDir
    static Path tmp;
    static SdkContext ctx;

    @BeforeAll
    static void identity() throws Exception {
        ctx = DevelopmentContexts.marking(tmp.resolve("home"));
    }

    MarkResult mark(String name, byte[] original) throws Exception {
        Path in = Files.write(tmp.resolve(name), original);
        MarkResult r = new Marker(ctx).mark(in, tmp.resolve("marked-" + name), MarkIntent.builder().build());
        assertThat(Files.readAllBytes(in)).as("input untouched").isEqualTo(original);
        return r;
    }

    @ParameterizedTest
    @ValueSource(strings = {"tiff", "gif"})
    void tiffAndGifNowGetTheVisibleLabelAndWatermark(String id) throws Exception {
        BufferedImage picture = TestImages.textured(512, 384);
        byte[] original = id.equals("tiff") ? TiffGifContentMarkingTest.tiff(picture, ByteOrder.BIG_ENDIAN, "LZW")
                : TestImages.encode(picture, "gif");
        MarkResult r = mark("in." + id, original);
        // GIF: the palette keeps the watermark only for some pictures and payloads; the marker claims it exactly
        // when it reads back (WatermarkSizeGateTest), else says it was left out
        boolean watermarked = r.steps().contains(MarkStep.done(Carrier.CONTENT, "explicit label 'AI生成' + watermark"));
        assertThat(r.steps()).contains(watermarked ? MarkStep.done(Carrier.CONTENT, "explicit label 'AI生成' + watermark")
                : MarkStep.done(Carrier.CONTENT, "explicit label 'AI生成'"));
        assertThat(r.steps()).filteredOn(s -> s.kind() == MarkStep.Kind.NOT_SUPPORTED)
                .allSatisfy(s -> assertThat(s.carrier()).isEqualTo(Carrier.WATERMARK))
                .hasSize(watermarked ? 0 : 1);
        assertThat(watermarked || id.equals("gif")).as("a lossless TIFF always keeps the watermark").isTrue();
        Path out = tmp.resolve("marked-in." + id);
        double[] c = ContentMarkingTest.change(Rasters.decode(original, ctx.limits()),
                Rasters.decode(Files.readAllBytes(out), ctx.limits()));
        assertThat(c[1]).as("visible label in the bottom-right corner").isGreaterThan(10.0);

        if (id.equals("tiff")) {
            assertThat(new String(Files.readAllBytes(out), StandardCharsets.ISO_8859_1))
                    .as("the other tool's XMP property kept beside the label").contains("<dc:format>image/tiff</dc:format>");
        }
        VerificationReport report = new Verifier(ctx).verify(out);
        assertThat(ExitCodes.forReport(report)).as("report: %s", report.failureCodes()).isEqualTo(ExitCodes.VALID);
        assertThat(report.findings(Watermark.class)).as("found exactly when claimed").hasSize(watermarked ? 1 : 0)
                .allSatisfy(f -> assertThat(((Watermark) f.mark()).scheme()).isEqualTo(AigcWatermarkCodec.SCHEME));
    }

    @Test
    void webpStillSaysContentIsNotSupported() throws Exception {
        MarkResult r = mark("in.webp", TestImages.webp(tmp, true, false));
        assertThat(r.steps()).filteredOn(s -> s.carrier() == Carrier.CONTENT).singleElement()
                .satisfies(s -> assertThat(s.kind()).isEqualTo(MarkStep.Kind.NOT_SUPPORTED));
        assertThat(r.steps()).filteredOn(s -> s.carrier() == Carrier.IMPLICIT_LABEL)
                .singleElement().satisfies(s -> assertThat(s.kind()).isEqualTo(MarkStep.Kind.DONE));
    }

    @Test
    void animatedGifStillGetsItsSignedLabelAndSaysTheContentWasNotMarked() throws Exception {
        MarkResult r = mark("anim.gif", TestImages.sequence("gif", 3));
        assertThat(r.steps()).filteredOn(s -> s.carrier() == Carrier.CONTENT).singleElement().satisfies(step -> {
            assertThat(step.kind()).isEqualTo(MarkStep.Kind.NOT_SUPPORTED);
            assertThat(step.detail()).contains("animated GIF (3 frames)");
        });
        VerificationReport report = new Verifier(ctx).verify(tmp.resolve("marked-anim.gif"));
        assertThat(report.findings(ImplicitLabel.class)).singleElement()
                .satisfies(f -> assertThat(f.hasStatus(StatusCodes.SIG_PRODUCER_VALID)).isTrue());
    }
}
