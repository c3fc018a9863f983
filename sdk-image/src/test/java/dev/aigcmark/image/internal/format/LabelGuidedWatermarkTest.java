package dev.aigcmark.image.internal.format;

import dev.aigcmark.core.MarkIntent;
import dev.aigcmark.core.Marker;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.Verifier;
import dev.aigcmark.core.internal.watermark.WatermarkTrust;
import dev.aigcmark.core.mark.ImplicitLabel;
import dev.aigcmark.core.mark.Watermark;
import dev.aigcmark.core.report.StatusCodes;
import dev.aigcmark.core.report.VerificationReport;
import dev.aigcmark.image.internal.watermark.AigcWatermarkCodec;
import dev.aigcmark.image.internal.watermark.Detection;
import dev.aigcmark.image.internal.watermark.ImageWatermarker;
import dev.aigcmark.testing.DevelopmentContexts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Through the Marker and the Verifier: a label found in the metadata makes the watermark codec try its platform's key
 * at the identity geometry first; the report must say what the full search says about the same pixels, on a marked
 * file, its label-stripped re-encode, a label transplanted onto it (another ProduceID: serial mismatch), a labelled
 * file with no watermark, and a labelled crop of the marked pixels (the identity geometry misses; the search finds it).
 */
class LabelGuidedWatermarkTest {
    @TempDir
    static Path tmp;
    static SdkContext ctx;
    static Path marked;

    @BeforeAll
    static void mark() throws IOException {
        ctx = DevelopmentContexts.marking(tmp.resolve("home"));
        Path original = Files.write(tmp.resolve("original.jpg"), TestImages.jpeg(TestImages.textured(800, 600), 0.92f));
        marked = tmp.resolve("marked.jpg");
        new Marker(ctx).mark(original, marked, MarkIntent.builder().build());
    }

    @Test
    void markedFile() throws IOException {
        VerificationReport r = verifyLikeTheFullSearch(marked, true);
        assertThat(r.findings(ImplicitLabel.class)).hasSize(1);
        assertThat(r.crossChecks()).anyMatch(s -> s.code() == StatusCodes.XREF_WATERMARK_SERIAL_MATCH);
    }

    @Test
    void strippedReencode() throws IOException {
        Path stripped = Files.write(tmp.resolve("stripped.jpg"), TestImages.jpeg(ImageIO.read(marked.toFile()), 0.85f));
        VerificationReport r = verifyLikeTheFullSearch(stripped, true);
        assertThat(r.findings(ImplicitLabel.class)).isEmpty();
    }

    @Test
    void transplantedLabel() throws IOException {
        Path stripped = Files.write(tmp.resolve("pixels.jpg"), TestImages.jpeg(ImageIO.read(marked.toFile()), 0.9f));
        Path relabelled = labelOnly(stripped, "transplanted.jpg");
        VerificationReport r = verifyLikeTheFullSearch(relabelled, true);
        assertThat(r.crossChecks()).anyMatch(s -> s.code() == StatusCodes.XREF_WATERMARK_SERIAL_MISMATCH);
    }

    @Test
    void labelledWithoutWatermark() throws IOException {
        Path plain = Files.write(tmp.resolve("plain.jpg"), TestImages.jpeg(TestImages.textured(800, 600), 0.9f));
        VerificationReport r = verifyLikeTheFullSearch(labelOnly(plain, "label-only.jpg"), false);
        assertThat(r.findings(ImplicitLabel.class)).hasSize(1);
    }

    @Test
    void labelledCrop() throws IOException {
        BufferedImage full = ImageIO.read(marked.toFile());
        BufferedImage crop = full.getSubimage(101, 77, 640, 480);
        Path cropped = Files.write(tmp.resolve("crop.jpg"), TestImages.jpeg(crop, 0.92f));
        VerificationReport r = verifyLikeTheFullSearch(labelOnly(cropped, "crop-labelled.jpg"), true);
        assertThat(r.findings(ImplicitLabel.class)).hasSize(1);
    }

    private static Path labelOnly(Path in, String name) throws IOException {
        Path out = tmp.resolve(name);
        new Marker(ctx).mark(in, out, MarkIntent.builder().watermark(false).build());
        return out;
    }

    /** The report's watermark payload equals the full search's on the decoded pixels (and is there iff expected). */
    private static VerificationReport verifyLikeTheFullSearch(Path file, boolean watermarked) throws IOException {
        VerificationReport report = new Verifier(ctx).verify(file);
        Optional<String> reported = report.findings(Watermark.class).stream().map(f -> (Watermark) f.mark())
                .filter(w -> w.scheme().equals(AigcWatermarkCodec.SCHEME)).map(Watermark::payloadHex).findFirst();
        BufferedImage pixels = ImageIO.read(new ByteArrayInputStream(Files.readAllBytes(file)));
        Detection full = ImageWatermarker.detect(pixels, WatermarkTrust.detectionKeys(ctx));
        Optional<String> searched = full.payload().map(p -> HexFormat.of().formatHex(p.toBytes()));
        assertThat(reported).as("watermark in the report of %s", file.getFileName()).isEqualTo(searched);
        assertThat(reported.isPresent()).as("watermark found in %s", file.getFileName()).isEqualTo(watermarked);
        return report;
    }
}
