package dev.aigcmark.image.c2pa;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.Verifier;
import dev.aigcmark.core.c2pa.C2paPeer;
import dev.aigcmark.core.c2pa.C2paStatus;
import dev.aigcmark.core.c2pa.C2paWriter;
import dev.aigcmark.core.c2pa.TestIdentity;
import dev.aigcmark.core.c2pa.TestKeys;
import dev.aigcmark.core.mark.C2paManifest;
import dev.aigcmark.core.report.MarkFinding;
import dev.aigcmark.core.report.Status;
import dev.aigcmark.core.report.TrustState;
import dev.aigcmark.testing.ExternalTools;
import dev.aigcmark.testing.SharedFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * C2PA in the image formats the reference reads beyond JPEG, PNG and WebP: GIF (a {@code C2PA_GIF} application
 * extension, bound by a data hash) and HEIF/AVIF (a top-level C2PA {@code uuid} box, bound by a BMFF hash).
 * Files the reference signs get the reference's verdict from us, intact and with one content byte changed; GIFs
 * we sign are trusted by the reference.
 */
class C2paMoreImageFormatsTest {
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"gif", "heic", "avif"})
    void referenceSignedFilesGetTheReferencesVerdict(String extension) throws Exception {
        Path signed = referenceSigned(extension);
        SdkContext ctx = SdkContext.builder().trustAnchors(TestKeys.testAnchors()).build();
        MarkFinding intact = bothAgree(ctx, signed);
        assertThat(intact.state()).as("%s", intact.statuses()).isEqualTo(TrustState.TRUSTED);

        byte[] bytes = Files.readAllBytes(signed);
        bytes[bytes.length - 16] ^= 0x01; // image data: GIF's last LZW block, HEIF's mdat (the last box)
        Path tampered = tmp.resolve("tampered." + extension);
        Files.write(tampered, bytes);
        MarkFinding changed = bothAgree(ctx, tampered);
        assertThat(changed.state()).isEqualTo(TrustState.INVALID);
        assertThat(failures(changed)).containsExactly(extension.equals("gif")
                ? C2paStatus.DATA_HASH_MISMATCH : C2paStatus.BMFF_HASH_MISMATCH);
    }

    @Test
    void theReferenceTrustsTheManifestWeWriteIntoAGif(@TempDir Path home) throws Exception {
        TestIdentity dev = TestIdentity.create(home.resolve("aigc-home"));
        Path out = tmp.resolve("ours.gif");
        C2paWriter.Result r = MarkedImages.mark(dev.context(), "gif", MarkedImages.image(tmp, "gif"), out,
                C2paWriter.Request.of(dev.signer()));
        assertThat(r.placement().offset()).as("right after the screen descriptor and colour table").isGreaterThan(13);

        JsonNode reference = C2paPeer.read(out, dev.rootPem());
        assertThat(reference.path("validation_state").asText()).as(reference.toString()).isEqualTo("Trusted");
        assertThat(C2paPeer.allFailures(reference)).isEmpty();
        MarkFinding ours = c2pa(dev.context(), out);
        assertThat(ours.state()).as("%s", ours.statuses()).isEqualTo(TrustState.TRUSTED);
        assertThat(ImageIO.read(out.toFile())).as("still a GIF any decoder reads").isNotNull();
    }

    /** Our verdict and the reference's (test root as anchor) on {@code file}: same state, same failure codes. */
    private static MarkFinding bothAgree(SdkContext ctx, Path file) throws IOException {
        JsonNode reference = C2paPeer.read(file, SharedFiles.vectors("c2pa").resolve("test_cert_root_bundle.pem"));
        MarkFinding ours = c2pa(ctx, file);
        assertThat(ours.state().name()).as("state; ours %s, reference %s", ours.statuses(), reference)
                .isEqualTo(reference.path("validation_state").asText().toUpperCase(Locale.ROOT));
        assertThat(failures(ours)).as("failure codes").containsExactlyInAnyOrderElementsOf(C2paPeer.allFailures(reference));
        return ours;
    }

    private static MarkFinding c2pa(SdkContext ctx, Path file) throws IOException {
        List<MarkFinding> findings = new Verifier(ctx).verify(file).findings(C2paManifest.class);
        assertThat(findings).as("C2PA findings in %s", file).hasSize(1);
        return findings.get(0);
    }

    private static List<String> failures(MarkFinding f) {
        return f.statuses().stream().filter(Status::isFailure).map(Status::code).toList();
    }

    /** A fresh image (GIF through ImageIO, HEIC/AVIF through libheif) signed by the reference builder. */
    private Path referenceSigned(String extension) throws IOException {
        Path plain;
        if (extension.equals("gif")) {
            plain = MarkedImages.image(tmp, "gif");
        } else {
            ExternalTools.assumeTool("heif-enc");
            Path png = MarkedImages.image(tmp, "png");
            plain = tmp.resolve("plain." + extension);
            List<String> cmd = extension.equals("avif")
                    ? List.of("heif-enc", "-A", "-q", "60", png.toString(), "-o", plain.toString())
                    : List.of("heif-enc", "-q", "60", png.toString(), "-o", plain.toString());
            ExternalTools.run(cmd, tmp, 120).requireSuccess();
        }
        Path peer = C2paPeer.require();
        Path signed = tmp.resolve("signed." + extension);
        ExternalTools.run(List.of("node", "sign.mjs", plain.toString(), signed.toString(), "es256", "manifest-ai.json"),
                peer, 120).requireSuccess();
        return signed;
    }
}
