package dev.aigcmark.image.internal.watermark;

import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.Verifier;
import dev.aigcmark.core.identity.WatermarkKey;
import dev.aigcmark.core.mark.Watermark;
import dev.aigcmark.core.report.MarkFinding;
import dev.aigcmark.core.report.StatusCodes;
import dev.aigcmark.core.report.TrustState;
import dev.aigcmark.core.report.VerificationReport;
import dev.aigcmark.core.trust.TrustRegistry;
import dev.aigcmark.core.trust.TrustedPlatform;
import dev.aigcmark.core.internal.watermark.WatermarkPayload;
import dev.aigcmark.testing.TestContexts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Through the real Verifier and PNG handler: issuer named from the registry, trust state, stripped-label cross-check. */
class AigcWatermarkCodecTest {
    static final WatermarkKey KEY = new WatermarkKey(0x0B0B, "codec-test-watermark-key".getBytes(StandardCharsets.US_ASCII));
    static final WatermarkKey OTHER = new WatermarkKey(0x0C0C, "another-platforms-key-000".getBytes(StandardCharsets.US_ASCII));

    @TempDir
    Path dir;

    static TrustedPlatform platform(String id, String name, WatermarkKey key, boolean development) {
        return new TrustedPlatform(id, name, List.of(), List.of(), List.of(), Optional.of(key), development);
    }

    Path markedPng(long serial) throws IOException {
        BufferedImage marked = ImageWatermarker.embed(TestImages.generate(4, 512, 384), KEY, WatermarkPayload.of(KEY, serial).toBytes());
        Path file = dir.resolve("marked-" + serial + ".png");
        ImageIO.write(marked, "png", file.toFile());
        return file;
    }

    @Test
    void registeredIssuerIsTrustedAndStrippedLabelIsFlagged() throws IOException {
        SdkContext ctx = TestContexts.builder().trust(new TrustRegistry(List.of(
                platform("other", "Other Platform", OTHER, false), platform("example", "Example Video", KEY, false)))).build();
        VerificationReport report = new Verifier(ctx).verify(markedPng(4242));
        List<MarkFinding> found = report.findings(Watermark.class).stream()
                .filter(f -> ((Watermark) f.mark()).scheme().equals(AigcWatermarkCodec.SCHEME)).toList();
        assertThat(found).hasSize(1);
        MarkFinding f = found.get(0);
        assertThat(f.state()).isEqualTo(TrustState.TRUSTED);
        assertThat(f.signer()).isEqualTo("Example Video");
        Watermark w = (Watermark) f.mark();
        assertThat(w.payloadHex()).isEqualTo(WatermarkPayload.of(KEY, 4242).hex());
        assertThat(w.details()).containsEntry("issuerId", 0x0B0B).containsKeys("shiftX", "shiftY", "period", "rotation", "aspect", "mirrored", "pnr");
        assertThat(report.crossChecks()).anySatisfy(s -> {
            assertThat(s.code()).isEqualTo(StatusCodes.XREF_STRIPPED_WATERMARK);
            assertThat(s.message()).contains("Example Video");
        });
    }

    @Test
    void developmentPlatformIsOnlyValid() throws IOException {
        SdkContext ctx = TestContexts.builder().trust(new TrustRegistry(List.of(platform("dev", "Dev Box", KEY, true)))).build();
        VerificationReport report = new Verifier(ctx).verify(markedPng(7));
        assertThat(report.findings(Watermark.class)).singleElement()
                .satisfies(f -> assertThat(f.state()).isEqualTo(TrustState.VALID));
    }

    @Test
    void unknownKeyFindsNothing() throws IOException {
        SdkContext ctx = TestContexts.builder().trust(new TrustRegistry(List.of(platform("other", "Other", OTHER, false)))).build();
        VerificationReport report = new Verifier(ctx).verify(markedPng(8));
        assertThat(report.findings(Watermark.class)).isEmpty();
        assertThat(report.crossChecks()).noneMatch(s -> s.code().equals(StatusCodes.XREF_STRIPPED_WATERMARK));
    }
}
