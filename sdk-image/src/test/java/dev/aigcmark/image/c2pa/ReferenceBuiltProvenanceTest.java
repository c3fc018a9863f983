package dev.aigcmark.image.c2pa;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.Verifier;
import dev.aigcmark.core.internal.c2pa.C2paPeer;
import dev.aigcmark.core.report.StatusCodes;
import dev.aigcmark.core.internal.c2pa.ReferenceVerdicts;
import dev.aigcmark.core.internal.c2pa.TestKeys;
import dev.aigcmark.core.label.DigitalSourceType;
import dev.aigcmark.core.label.LabelValue;
import dev.aigcmark.core.mark.C2paManifest;
import dev.aigcmark.core.report.MarkFinding;
import dev.aigcmark.core.report.TrustState;
import dev.aigcmark.core.report.VerificationReport;
import dev.aigcmark.testing.SharedFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Provenance as real readers meet it, built with the C2PA reference builder (its test keys) and judged by our
 * verifier and, where it can read the file, the reference reader: a conversion of an AI-generated parent (as
 * ChatGPT pictures are) and a capture with an AI-generated component are both AI-generated (Label 1, not 3);
 * a manifest beside its asset ({@code .c2pa} sidecar); a manifest the asset only references (XMP
 * {@code dcterms:provenance}): inaccessible offline, validated when fetching is allowed.
 */
class ReferenceBuiltProvenanceTest {
    @TempDir
    static Path dir;
    static Path script;
    static Path aiParent;
    static Path capture;

    @BeforeAll
    static void inputs() throws Exception {
        SharedFiles.assumePresent();
        script = Path.of(ReferenceBuiltProvenanceTest.class.getResource("/c2pa/reference-builder.mjs").toURI());
        aiParent = SharedFiles.vectors("c2pa").resolve("jpeg-ai-ps256.jpg");
        capture = MarkedImages.image(dir, "jpeg");
    }

    /** Runs the reference builder; returns its last argument (the file it wrote last). */
    private static Path build(String mode, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("--certs=" + TestKeys.dir(), mode));
        all.addAll(List.of(args));
        C2paPeer.runScript(script, all);
        return Path.of(args[args.length - 1]);
    }

    private static VerificationReport verify(Path file, boolean fetch) throws Exception {
        SdkContext context = ReferenceVerdicts.context().toBuilder().fetchRemoteManifests(fetch).build();
        return new Verifier(context).verify(file);
    }

    private static MarkFinding c2pa(VerificationReport r) {
        return r.findings(C2paManifest.class).stream().findFirst().orElseThrow(() -> new AssertionError("no C2PA finding: " + r.marks()));
    }

    @Test
    void aConversionOfAnAiPictureIsAiGenerated() throws Exception {
        Path out = build("parent", aiParent.toString(), capture.toString(), dir.resolve("converted.jpg").toString());
        VerificationReport r = verify(out, false);
        C2paManifest m = (C2paManifest) c2pa(r).mark();
        assertThat(c2pa(r).state()).as("%s", c2pa(r).statuses()).isEqualTo(TrustState.TRUSTED);
        assertThat(m.digitalSourceType()).as("the conversion itself declares no source").isNull();
        assertThat(m.inheritedSourceType()).isEqualTo(DigitalSourceType.TRAINED_ALGORITHMIC_MEDIA);
        assertThat(r.effectiveLabel()).contains(LabelValue.AI_GENERATED);

        JsonNode ref = C2paPeer.read(out, TestKeys.testAnchorsPem());
        assertThat(ref.path("validation_state").asText()).as(ref.toString()).isEqualTo("Trusted");
    }

    @Test
    void aCaptureWithAnAiComponentIsAComposite() throws Exception {
        Path out = build("component", aiParent.toString(), capture.toString(), dir.resolve("composite.jpg").toString());
        VerificationReport r = verify(out, false);
        C2paManifest m = (C2paManifest) c2pa(r).mark();
        assertThat(c2pa(r).state()).as("%s", c2pa(r).statuses()).isEqualTo(TrustState.TRUSTED);
        assertThat(m.digitalSourceType()).isEqualTo(DigitalSourceType.DIGITAL_CAPTURE);
        assertThat(m.effectiveSourceType()).isEqualTo(DigitalSourceType.COMPOSITE_WITH_TRAINED_ALGORITHMIC_MEDIA);
        assertThat(r.effectiveLabel()).contains(LabelValue.AI_GENERATED);

        JsonNode ref = C2paPeer.read(out, TestKeys.testAnchorsPem());
        assertThat(ref.path("validation_state").asText()).as(ref.toString()).isEqualTo("Trusted");
    }

    @Test
    void aSidecarManifestBindsTheAssetBesideIt() throws Exception {
        Path asset = dir.resolve("beside.jpg");
        build("sidecar", capture.toString(), asset.toString(), dir.resolve("beside.c2pa").toString());
        assertThat(Files.readAllBytes(asset)).as("the asset itself is untouched").isEqualTo(Files.readAllBytes(capture));
        VerificationReport r = verify(asset, false);
        assertThat(c2pa(r).state()).as("%s", c2pa(r).statuses()).isEqualTo(TrustState.TRUSTED);
        assertThat(((C2paManifest) c2pa(r).mark()).carrier()).startsWith("sidecar");

        byte[] changed = Files.readAllBytes(asset);
        changed[changed.length - 10] ^= 1;
        Path other = Files.write(dir.resolve("changed.jpg"), changed);
        Files.copy(dir.resolve("beside.c2pa"), dir.resolve("changed.c2pa"));
        assertThat(c2pa(verify(other, false)).statuses()).anyMatch(s -> s.code().equals(StatusCodes.DATA_HASH_MISMATCH));

        // The reference's reader has no sidecar lookup; the manifest read alone validates but cannot bind.
        JsonNode ref = C2paPeer.read(dir.resolve("beside.c2pa"), TestKeys.testAnchorsPem());
        assertThat(ref.toString()).contains(StatusCodes.CLAIM_SIGNATURE_VALIDATED.id());
    }

    @Test
    void aRemoteManifestIsInaccessibleOfflineAndValidatedWhenFetched() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/manifest.c2pa";
            Path served = dir.resolve("served.bin");
            Path asset = dir.resolve("referencing.jpg");
            build("remote", capture.toString(), asset.toString(), url, served.toString());
            byte[] manifest = Files.readAllBytes(served);
            server.createContext("/manifest.c2pa", exchange -> {
                exchange.sendResponseHeaders(200, manifest.length);
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(manifest);
                }
            });
            server.start();

            MarkFinding offline = c2pa(verify(asset, false));
            assertThat(offline.state()).isEqualTo(TrustState.INVALID);
            assertThat(offline.statuses()).extracting(s -> s.code()).containsExactly(StatusCodes.MANIFEST_INACCESSIBLE);
            JsonNode ref = C2paPeer.read(asset, TestKeys.testAnchorsPem());
            assertThat(ref.path("error").asText()).as("the reference refuses to fetch too").contains("RemoteManifest");

            MarkFinding fetched = c2pa(verify(asset, true));
            assertThat(fetched.state()).as("%s", fetched.statuses()).isEqualTo(TrustState.TRUSTED);
            assertThat(((C2paManifest) fetched.mark()).carrier()).isEqualTo("remote " + url);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aRemoteManifestThatCannotBeFetchedIsInaccessible() throws Exception {
        Path asset = dir.resolve("gone.jpg");
        build("remote", capture.toString(), asset.toString(), "http://127.0.0.1:9/nothing.c2pa", dir.resolve("unused.bin").toString());
        MarkFinding f = c2pa(verify(asset, true));
        assertThat(f.state()).isEqualTo(TrustState.INVALID);
        assertThat(f.statuses()).singleElement().satisfies(s -> {
            assertThat(s.code()).isEqualTo(StatusCodes.MANIFEST_INACCESSIBLE);
            assertThat(s.message()).contains("could not be fetched");
        });
    }
}
