package dev.aigcmark.video.c2pa;

import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.internal.c2pa.C2paWriter;
import dev.aigcmark.core.internal.c2pa.TestIdentity;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.internal.c2pa.C2paPeer;
import dev.aigcmark.core.report.StatusCodes;
import dev.aigcmark.core.internal.c2pa.ReferenceVerdicts;
import dev.aigcmark.core.internal.c2pa.TestKeys;
import dev.aigcmark.core.report.MarkFinding;
import dev.aigcmark.core.report.Status;
import dev.aigcmark.core.report.TrustState;
import dev.aigcmark.testing.ExternalTools;
import dev.aigcmark.testing.TestContexts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An AVI the reference signed (its store in a {@code C2PA} chunk of the RIFF, bound by a data hash) gets the
 * reference's verdict from us, intact and with one frame byte changed; an AVI we sign is Trusted by the reference.
 */
class AviC2paTest {
    @TempDir
    Path tmp;

    private Path plainAvi() {
        ExternalTools.assumeTool("ffmpeg");
        Path plain = tmp.resolve("plain.avi");
        ExternalTools.run(List.of("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc=d=0.4:s=96x64:r=10",
                "-c:v", "mjpeg", plain.toString()), tmp, 120).requireSuccess();
        return plain;
    }

    @Test
    void theReferenceTrustsTheManifestWeWriteIntoAnAvi(@TempDir Path home) throws Exception {
        Path plain = plainAvi();
        TestIdentity dev = TestIdentity.create(home.resolve("aigc-home"));
        Path out = tmp.resolve("ours.avi");
        try (MediaInput in = MediaInput.of(plain)) {
            new C2paWriter(dev.context()).write(dev.context().handler("avi").orElseThrow(), in, out,
                    C2paWriter.Request.of(dev.signer()));
        }
        dev.assertBothTrust(out);
        ExternalTools.run(List.of("ffmpeg", "-v", "error", "-i", out.toString(), "-f", "null", "-"), tmp, 120)
                .requireSuccess(); // every frame still decodes
    }

    @Test
    void aReferenceSignedAviGetsTheReferencesVerdict() throws Exception {
        Path plain = plainAvi();
        Path signed = tmp.resolve("signed.avi");
        C2paPeer.sign(plain, signed, "video/avi");
        SdkContext ctx = TestContexts.builder().trustAnchors(TestKeys.testAnchors()).build();
        MarkFinding intact = ReferenceVerdicts.assertSameAsReference(ctx, signed);
        assertThat(intact.state()).as("%s", intact.statuses()).isEqualTo(TrustState.TRUSTED);

        byte[] bytes = Files.readAllBytes(signed);
        int movi = new String(bytes, StandardCharsets.ISO_8859_1).indexOf("movi");
        bytes[movi + 400] ^= 0x01; // inside the first frame
        Path tampered = tmp.resolve("tampered.avi");
        Files.write(tampered, bytes);
        MarkFinding changed = ReferenceVerdicts.assertSameAsReference(ctx, tampered);
        assertThat(changed.statuses().stream().filter(Status::isFailure).map(Status::code).toList())
                .containsExactly(StatusCodes.DATA_HASH_MISMATCH);
    }
}
