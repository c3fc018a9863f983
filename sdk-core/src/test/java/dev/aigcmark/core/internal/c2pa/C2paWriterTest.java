package dev.aigcmark.core.internal.c2pa;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.label.DigitalSourceType;
import dev.aigcmark.core.mark.C2paManifest;
import dev.aigcmark.core.mark.SoftBinding;
import dev.aigcmark.core.report.StatusCodes;
import dev.aigcmark.core.report.TrustState;
import dev.aigcmark.testing.TestContexts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The writer through a PNG fixture embedding, signed with the reference's test keys: our validator and the
 * reference reader both call the output Trusted (test root as anchor) without a failure code.
 */
class C2paWriterTest {
    @TempDir
    Path tmp;

    static Path png(Path dir, String name) throws IOException {
        BufferedImage img = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 64; x++) {
                img.setRGB(x, y, (x * 4) << 16 | (y * 5) << 8 | (x ^ y));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        Path p = dir.resolve(name);
        Files.write(p, out.toByteArray());
        return p;
    }

    static SdkContext context() throws IOException {
        return TestContexts.builder().handlers(List.of(new PngFixtureHandler())).clock(ReferenceVectorsTest.PINNED)
                .trustAnchors(TestKeys.testAnchors()).build();
    }

    static C2paValidation validate(Path file) throws IOException {
        PngFixtureHandler h = new PngFixtureHandler();
        try (MediaInput in = MediaInput.of(file)) {
            var carrier = h.scan(in, context()).carriers("jumbf").get(0);
            return new C2paValidator(context()).validate(carrier, in);
        }
    }

    private Path mark(Path in, String key, byte[] watermark) throws Exception {
        Path out = tmp.resolve("out-" + key + "-" + in.getFileName());
        C2paWriter.Request req = C2paWriter.Request.of(TestKeys.signer(key)).withWatermark(watermark);
        try (MediaInput input = MediaInput.of(in)) {
            new C2paWriter(context()).write(new PngFixtureHandler(), input, out, req);
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"es256", "ps256", "ed25519", "es384"})
    void everySignerYieldsATrustedManifest(String key) throws Exception {
        Path out = mark(png(tmp, "in.png"), key, null);
        C2paValidation v = validate(out);
        assertThat(v.state()).as("%s", v.active()).isEqualTo(TrustState.TRUSTED);
        assertThat(v.activeFailureCodes()).isEmpty();
        assertThat(v.manifest().digitalSourceType()).isEqualTo(DigitalSourceType.TRAINED_ALGORITHMIC_MEDIA);
        assertThat(v.manifest().actions()).containsExactly("c2pa.created");
        assertThat(v.manifest().claimVersion()).isEqualTo(2);

        JsonNode ref = C2paPeer.read(out, TestKeys.testAnchorsPem());
        assertThat(ref.path("validation_state").asText()).as(ref.toString()).isEqualTo("Trusted");
        assertThat(C2paPeer.allFailures(ref)).isEmpty();
    }

    @Test
    void watermarkPayloadBecomesASoftBindingTheReferenceReads() throws Exception {
        byte[] payload = HexFormat.of().parseHex("a1b2c3d4e5f60718");
        Path out = mark(png(tmp, "wm.png"), "es256", payload);
        C2paValidation v = validate(out);
        assertThat(v.state()).isEqualTo(TrustState.TRUSTED);
        assertThat(v.manifest().actions()).containsExactly("c2pa.created", "c2pa.watermarked");
        assertThat(v.manifest().softBinding()).contains(new SoftBinding(C2paWriter.SOFT_BINDING_ALG, payload));
        assertThat(v.manifest().describe().get(C2paManifest.SOFT_BINDING))
                .isEqualTo(Map.of("alg", C2paWriter.SOFT_BINDING_ALG, "value", "a1b2c3d4e5f60718"));

        JsonNode ref = C2paPeer.read(out, TestKeys.testAnchorsPem());
        assertThat(ref.path("validation_state").asText()).as(ref.toString()).isEqualTo("Trusted");
        JsonNode manifest = ref.path("manifest_store").path("manifests").path(ref.path("active_manifest").asText());
        assertThat(manifest.toString()).contains("c2pa.watermarked", "c2pa.soft-binding", C2paWriter.SOFT_BINDING_ALG);
    }

    @Test
    void remarkingKeepsThePreviousManifestAsParent() throws Exception {
        Path first = mark(png(tmp, "twice.png"), "es256", null);
        Path second = mark(first, "ed25519", null);
        C2paValidation v = validate(second);
        assertThat(v.state()).as("%s %s", v.active(), v.ingredients()).isEqualTo(TrustState.TRUSTED);
        assertThat(v.ingredientFailureCodes()).isEmpty();
        assertThat(v.manifest().actions()).containsExactly("c2pa.opened");
        assertThat(v.ingredients()).anyMatch(s -> s.code().equals(StatusCodes.INGREDIENT_MANIFEST_VALIDATED));

        JsonNode ref = C2paPeer.read(second, TestKeys.testAnchorsPem());
        assertThat(ref.path("validation_state").asText()).as(ref.toString()).isEqualTo("Trusted");
        assertThat(C2paPeer.allFailures(ref)).isEmpty();
        assertThat(ref.path("manifest_store").path("manifests").size()).isEqualTo(2);
    }
}
