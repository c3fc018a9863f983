package dev.aigcmark.image.c2pa;

import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.internal.c2pa.C2paPeer;
import dev.aigcmark.core.report.StatusCodes;
import dev.aigcmark.core.internal.c2pa.C2paWriter;
import dev.aigcmark.core.internal.c2pa.ReferenceVerdicts;
import dev.aigcmark.core.internal.c2pa.TestIdentity;
import dev.aigcmark.core.internal.c2pa.TestKeys;
import dev.aigcmark.core.report.MarkFinding;
import dev.aigcmark.core.report.Status;
import dev.aigcmark.core.report.TrustState;
import dev.aigcmark.testing.ExternalTools;
import dev.aigcmark.testing.TestContexts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * C2PA in the image formats the reference reads beyond JPEG, PNG and WebP: GIF (a {@code C2PA_GIF} application
 * extension, bound by a data hash), TIFF (IFD0 tag 52545, data hash) and HEIF/AVIF (a top-level C2PA {@code uuid}
 * box, bound by a BMFF hash). Files the reference signs get the reference's verdict from us, intact and with one
 * image byte changed; GIFs we sign are trusted by the reference.
 */
class C2paMoreImageFormatsTest {
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @CsvSource({"gif,image/gif", "tif,image/tiff", "heic,image/heic", "avif,image/avif"})
    void referenceSignedFilesGetTheReferencesVerdict(String extension, String mime) throws Exception {
        Path signed = tmp.resolve("signed." + extension);
        C2paPeer.sign(plain(extension), signed, mime);
        SdkContext ctx = TestContexts.builder().trustAnchors(TestKeys.testAnchors()).build();
        MarkFinding intact = ReferenceVerdicts.assertSameAsReference(ctx, signed);
        assertThat(intact.state()).as("%s", intact.statuses()).isEqualTo(TrustState.TRUSTED);

        byte[] bytes = Files.readAllBytes(signed);
        // An image byte: GIF's last LZW block and HEIF's mdat (the last box) end the file; the reference appends
        // TIFF's manifest at the end, after the strips of the original.
        int at = extension.equals("tif") ? storeStart(bytes) / 2 : bytes.length - 16;
        bytes[at] ^= 0x01;
        Path tampered = tmp.resolve("tampered." + extension);
        Files.write(tampered, bytes);
        MarkFinding changed = ReferenceVerdicts.assertSameAsReference(ctx, tampered);
        assertThat(changed.state()).isEqualTo(TrustState.INVALID);
        assertThat(changed.statuses().stream().filter(Status::isFailure).map(Status::code).toList())
                .containsExactly(extension.startsWith("he") || extension.equals("avif")
                        ? StatusCodes.BMFF_HASH_MISMATCH : StatusCodes.DATA_HASH_MISMATCH);
    }

    @Test
    void theReferenceTrustsTheManifestWeWriteIntoAGif(@TempDir Path home) throws Exception {
        TestIdentity dev = TestIdentity.create(home.resolve("aigc-home"));
        Path out = tmp.resolve("ours.gif");
        C2paWriter.Result r = MarkedImages.mark(dev.context(), "gif", MarkedImages.image(tmp, "gif"), out,
                C2paWriter.Request.of(dev.signer()));
        assertThat(r.placement().offset()).as("right after the screen descriptor and colour table").isGreaterThan(13);

        dev.assertBothTrust(out);
        assertThat(ImageIO.read(out.toFile())).as("still a GIF any decoder reads").isNotNull();
    }

    /** Where the manifest store (the first JUMBF box) begins. */
    private static int storeStart(byte[] b) {
        int at = new String(b, StandardCharsets.ISO_8859_1).indexOf("jumb");
        assertThat(at).as("a JUMBF box").isGreaterThan(4);
        return at - 4;
    }

    /** A fresh image: GIF and TIFF through ImageIO, HEIC and AVIF through libheif. */
    private Path plain(String extension) throws IOException {
        if (extension.equals("gif")) {
            return MarkedImages.image(tmp, "gif");
        }
        if (extension.equals("tif")) {
            return MarkedImages.image(tmp, "tiff");
        }
        ExternalTools.assumeTool("heif-enc");
        Path png = MarkedImages.image(tmp, "png");
        Path plain = tmp.resolve("plain." + extension);
        List<String> cmd = extension.equals("avif")
                ? List.of("heif-enc", "-A", "-q", "60", png.toString(), "-o", plain.toString())
                : List.of("heif-enc", "-q", "60", png.toString(), "-o", plain.toString());
        ExternalTools.run(cmd, tmp, 120).requireSuccess();
        return plain;
    }
}
