package dev.aigcmark.image.c2pa;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.Verifier;
import dev.aigcmark.core.internal.c2pa.C2paPeer;
import dev.aigcmark.core.report.StatusCode;
import dev.aigcmark.core.report.StatusCodes;
import dev.aigcmark.core.internal.c2pa.C2paWriter;
import dev.aigcmark.core.internal.c2pa.Tamper;
import dev.aigcmark.core.internal.c2pa.TestIdentity;
import dev.aigcmark.core.internal.c2pa.TestKeys;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.spi.C2paEmbedding;
import dev.aigcmark.testing.SharedFiles;
import dev.aigcmark.core.label.DigitalSourceType;
import dev.aigcmark.core.mark.C2paManifest;
import dev.aigcmark.core.mark.SoftBinding;
import dev.aigcmark.core.report.MarkFinding;
import dev.aigcmark.core.report.TrustState;
import dev.aigcmark.core.report.VerificationReport;
import dev.aigcmark.core.spi.CarrierType;
import dev.aigcmark.testing.TestContexts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.imageio.ImageIO;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our manifests in JPEG, PNG and WebP, signed with the development identity, read by the C2PA reference
 * implementation (Trusted with our development root as anchor, Valid without, no failure code) and by our
 * own verifier through the real handlers; tampering is caught by both with the same code.
 */
class C2paInteropTest {
    private static final byte[] PAYLOAD = HexFormat.of().parseHex("0123456789abcdef");
    @TempDir
    static Path home;
    @TempDir
    Path tmp;
    private static TestIdentity devId;

    @BeforeAll
    static void identity() throws Exception {
        devId = TestIdentity.create(home.resolve("aigc-home"));
    }

    private static MarkFinding c2pa(VerificationReport r) {
        assertThat(r.findings(C2paManifest.class)).as("c2pa findings in %s", r.marks()).hasSize(1);
        return r.findings(C2paManifest.class).get(0);
    }

    @ParameterizedTest(name = "{0}, watermark={1}")
    @CsvSource({"jpeg,false", "jpeg,true", "png,false", "png,true", "webp,false", "webp,true"})
    void referenceTrustsOurManifest(String format, boolean watermark) throws Exception {
        SdkContext ctx = devId.context();
        Path out = tmp.resolve("out." + format);
        C2paWriter.Request req = C2paWriter.Request.of(devId.signer()).withWatermark(watermark ? PAYLOAD : null);
        MarkedImages.mark(ctx, format, MarkedImages.image(tmp, format), out, req);

        JsonNode trusted = C2paPeer.read(out, devId.rootPem());
        assertThat(trusted.path("validation_state").asText()).as(trusted.toString()).isEqualTo("Trusted");
        assertThat(C2paPeer.allFailures(trusted)).isEmpty();
        JsonNode untrusted = C2paPeer.read(out, null);
        assertThat(untrusted.path("validation_state").asText()).as(untrusted.toString()).isEqualTo("Valid");
        assertThat(C2paPeer.activeFailures(untrusted)).containsExactly(StatusCodes.SIGNING_CREDENTIAL_UNTRUSTED.id());

        VerificationReport ours = new Verifier(ctx).verify(out);
        MarkFinding f = c2pa(ours);
        assertThat(f.state()).as("%s", f.statuses()).isEqualTo(TrustState.TRUSTED);
        assertThat(ours.failureCodes()).isEmpty();
        C2paManifest m = (C2paManifest) f.mark();
        assertThat(m.digitalSourceType()).isEqualTo(DigitalSourceType.TRAINED_ALGORITHMIC_MEDIA);
        assertThat(f.signer()).isNotBlank();
        if (watermark) {
            assertThat(m.actions()).containsExactly("c2pa.created", "c2pa.watermarked");
            assertThat(m.softBinding()).map(SoftBinding::hex).contains("0123456789abcdef");
        }
        VerificationReport ourUntrusted = new Verifier(TestContexts.defaults()).verify(out);
        assertThat(c2pa(ourUntrusted).state()).isEqualTo(TrustState.VALID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jpeg", "png", "webp"})
    void tamperingIsCaughtByBothWithTheSameCode(String format) throws Exception {
        SdkContext ctx = devId.context();
        Path out = tmp.resolve("marked." + format);
        C2paWriter.Result r = MarkedImages.mark(ctx, format, MarkedImages.image(tmp, format), out, C2paWriter.Request.of(devId.signer()));
        byte[] bytes = Files.readAllBytes(out);
        byte[] store = ctx.handler(format).orElseThrow().scan(MediaInput.of(bytes, "marked"), ctx)
                .carriers(CarrierType.JUMBF).get(0).data();
        Tamper.Located located = Tamper.locate(bytes, (int) r.placement().offset() + MarkedImages.storeHeader(format), store);
        long storeEnd = r.placement().offset() + r.placement().length();
        int content = bytes.length - storeEnd > 32 ? bytes.length - 16 : (int) r.placement().offset() - 4;

        bothSay(ctx, format, Tamper.contentByte(bytes, content), StatusCodes.DATA_HASH_MISMATCH);
        bothSay(ctx, format, Tamper.assertionByte(located), StatusCodes.HASHED_URI_MISMATCH);
        bothSay(ctx, format, Tamper.signatureByte(located), StatusCodes.CLAIM_SIGNATURE_MISMATCH);
    }

    /**
     * A manifest store moved onto other content (issue 11, label transplant via C2PA): its hard binding covers
     * the bytes it was made for, so both readers report the data hash mismatch, and nothing else.
     */
    @ParameterizedTest
    @ValueSource(strings = {"jpeg", "png"})
    void aManifestMovedOntoOtherContentFailsItsHardBinding(String format) throws Exception {
        SdkContext ctx = devId.context();
        Path marked = tmp.resolve("marked." + format);
        MarkedImages.mark(ctx, format, MarkedImages.image(tmp, format), marked, C2paWriter.Request.of(devId.signer()));
        byte[] store = ctx.handler(format).orElseThrow().scan(MediaInput.of(Files.readAllBytes(marked), "marked"), ctx)
                .carriers(CarrierType.JUMBF).get(0).data();

        BufferedImage other = MarkedImages.gradient();
        other.setRGB(10, 10, 0xFFFFFF); // one pixel: other content, same size and layout
        Path otherFile = tmp.resolve("other." + format);
        ImageIO.write(other, format, otherFile.toFile());
        ByteArrayOutputStream moved = new ByteArrayOutputStream();
        try (MediaInput in = MediaInput.of(otherFile)) {
            ((C2paEmbedding) ctx.handler(format).orElseThrow()).writeStore(in, moved, store, ctx);
        }
        bothSay(ctx, format, moved.toByteArray(), StatusCodes.DATA_HASH_MISMATCH);
    }

    private void bothSay(SdkContext ctx, String format, byte[] tampered, StatusCode code) throws Exception {
        Path f = tmp.resolve("tampered-" + code + "." + format);
        Files.write(f, tampered);
        MarkFinding ours = c2pa(new Verifier(ctx).verify(f));
        assertThat(ours.state()).isEqualTo(TrustState.INVALID);
        assertThat(ours.statuses().stream().filter(s -> s.isFailure()).map(s -> s.code()).toList()).containsExactly(code);
        JsonNode ref = C2paPeer.read(f, devId.rootPem());
        assertThat(ref.path("validation_state").asText()).as(ref.toString()).isEqualTo("Invalid");
        assertThat(C2paPeer.activeFailures(ref)).containsExactly(code.id());
    }

    /**
     * A file the reference signed (trusted through the c2pa-rs test root) re-marked by us: its manifest stays
     * in the store as our parent ingredient, and both readers accept the chain of two signers.
     */
    @ParameterizedTest
    @ValueSource(strings = {"jpeg-ai-watermarked-es256.jpg", "png-ai-es256.png", "webp-ai-ed25519.webp"})
    void remarkingAReferenceSignedFileKeepsItsManifestAsParent(String vector) throws Exception {
        List<X509Certificate> anchors = new ArrayList<>(devId.roots());
        anchors.addAll(TestKeys.testAnchors());
        SdkContext ctx = TestContexts.builder().trustAnchors(anchors).build();
        String format = vector.endsWith(".jpg") ? "jpeg" : vector.substring(vector.lastIndexOf('.') + 1);
        Path out = tmp.resolve("remarked-" + vector);
        C2paWriter.Result r = MarkedImages.mark(ctx, format, SharedFiles.vectors("c2pa").resolve(vector), out,
                C2paWriter.Request.of(devId.signer()));
        assertThat(r.parentManifest()).isPresent();

        MarkFinding ours = c2pa(new Verifier(ctx).verify(out));
        assertThat(ours.state()).as("%s", ours.statuses()).isEqualTo(TrustState.TRUSTED);
        assertThat(((C2paManifest) ours.mark()).actions()).containsExactly("c2pa.opened");

        Path bundle = tmp.resolve("both-roots.pem");
        Files.writeString(bundle, Files.readString(devId.rootPem()) + Files.readString(TestKeys.testAnchorsPem()));
        JsonNode ref = C2paPeer.read(out, bundle);
        assertThat(ref.path("validation_state").asText()).as(ref.toString()).isEqualTo("Trusted");
        assertThat(C2paPeer.allFailures(ref)).isEmpty();
        assertThat(ref.path("manifest_store").path("manifests").size()).isEqualTo(2);
        assertThat(ref.path("manifest_store").path("manifests").path(ref.path("active_manifest").asText())
                .path("ingredients").toString()).contains("parentOf");
    }
}
