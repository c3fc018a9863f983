package dev.aigcmark.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aigcmark.core.report.ExitCodes;
import dev.aigcmark.core.report.StatusCode;
import dev.aigcmark.core.report.StatusCodes;
import dev.aigcmark.testing.ExternalTools;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mutual recognition end to end, through the CLI only, between two production identities: platform A marks an
 * image, a video, a PDF, Markdown, a DOCX and a WAV and exports its signed entry; platform B verifies them as valid but
 * untrusted, imports A's entry and then verifies each as TRUSTED naming A; copies stripped of their metadata and
 * re-encoded by real tools (ffmpeg JPEG at 1080 px, libx264 CRF 28, PDF and DOCX metadata removed, Markdown front
 * matter cut, the WAV rewritten by ffmpeg with its samples only) are still recognised as A's by the watermark or text
 * mark; B propagates A's files and A verifies
 * both signatures; an entry forged with A's name and code but other keys makes nothing TRUSTED, and B, which
 * knows A, refuses to import it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MutualRecognitionTest {
    static final String CODE_A = "001191110102MACQD9K64010000";
    static final String CODE_B = "001191110102MACQD9K64020000";
    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> SAMPLES = List.of("picture.jpg", "clip.mp4", "report.pdf", "note.md", "memo.docx", "noise.wav");

    @TempDir
    static Path dir;
    static Path homeA;
    static Path homeB;
    static Path entryA;
    static Path entryB;
    static Path markedA;

    @BeforeAll
    static void twoPlatformsAndAsMarks() throws IOException {
        ExternalTools.assumeTool("ffmpeg");
        homeA = dir.resolve("home-a");
        homeB = dir.resolve("home-b");
        ok(CliRun.run("keys", "init", "--home", homeA.toString(), "--platform", "Platform A", "--producer", CODE_A));
        ok(CliRun.run("keys", "init", "--home", homeB.toString(), "--platform", "Platform B", "--producer", CODE_B,
                "--algorithm", "ed25519"));
        entryA = dir.resolve("platform-a.json");
        entryB = dir.resolve("platform-b.json");
        ok(CliRun.run("keys", "export", "--home", homeA.toString(), "-o", entryA.toString()));
        ok(CliRun.run("keys", "export", "--home", homeB.toString(), "-o", entryB.toString()));

        Path originals = Files.createDirectories(dir.resolve("originals"));
        writeSamples(originals);
        markedA = Files.createDirectories(dir.resolve("marked-a"));
        for (String name : SAMPLES) {
            ok(CliRun.run("mark", "--home", homeA.toString(), originals.resolve(name).toString(),
                    "-o", markedA.resolve(name).toString()));
        }
    }

    @Test
    @Order(1)
    void withoutTheImportBSaysValidButUntrusted() throws IOException {
        for (String name : SAMPLES) {
            JsonNode report = verify(homeB, markedA.resolve(name));
            assertThat(report.get("state").asText()).as(name).isEqualTo("VALID");
            assertThat(codes(label(report))).as(name).contains(StatusCodes.SIG_PRODUCER_VALID, StatusCodes.SIGNER_UNTRUSTED);
        }
    }

    @Test
    @Order(2)
    void afterTheImportEveryFileIsTrustedAndNamesA() throws IOException {
        CliRun imported = CliRun.run("keys", "import", "--home", homeB.toString(), entryA.toString());
        ok(imported);
        assertThat(imported.out()).contains("added platform-a (Platform A)").contains("fingerprint sha256:")
                .contains("signed by sha256:");
        for (String name : SAMPLES) {
            JsonNode report = verify(homeB, markedA.resolve(name));
            assertThat(report.get("state").asText()).as(name).isEqualTo("TRUSTED");
            assertThat(label(report).get("signer").asText()).as(name).isEqualTo("producer: Platform A");
            assertThat(codes(label(report))).as(name).contains(StatusCodes.SIGNER_TRUSTED);
            JsonNode watermark = mark(report, "watermark");
            assertThat(watermark).as(name + ": our watermark or text mark").isNotNull();
            assertThat(watermark.get("state").asText()).as(name).isEqualTo("TRUSTED");
            assertThat(watermark.get("signer").asText()).as(name).isEqualTo("Platform A");
            assertThat(codes(report.get("crossChecks"))).as(name)
                    .contains(StatusCodes.XREF_WATERMARK_LABEL_SAME_PLATFORM, StatusCodes.XREF_WATERMARK_SERIAL_MATCH);
        }
    }

    @Test
    @Order(3)
    void strippedAndReencodedCopiesAreStillRecognisedAsAs() throws IOException {
        Path stripped = Files.createDirectories(dir.resolve("stripped"));
        ExternalTools.run(List.of("ffmpeg", "-v", "error", "-y", "-i", markedA.resolve("picture.jpg").toString(),
                "-vf", "scale=-2:1080", "-map_metadata", "-1", "-q:v", "5", stripped.resolve("picture.jpg").toString()),
                null, 120).requireSuccess();
        ExternalTools.run(List.of("ffmpeg", "-v", "error", "-y", "-i", markedA.resolve("clip.mp4").toString(),
                "-map_metadata", "-1", "-c:v", "libx264", "-crf", "28", "-pix_fmt", "yuv420p",
                stripped.resolve("clip.mp4").toString()), null, 300).requireSuccess();
        stripPdf(markedA.resolve("report.pdf"), stripped.resolve("report.pdf"));
        stripDocx(markedA.resolve("memo.docx"), stripped.resolve("memo.docx"));
        String md = Files.readString(markedA.resolve("note.md"), StandardCharsets.UTF_8);
        Files.writeString(stripped.resolve("note.md"), md.substring(md.indexOf("\n---\n", 4) + 5), StandardCharsets.UTF_8);
        // ffmpeg rewrites the WAV with its samples only (the AIGC chunk is gone); lossy codecs on audio are
        // AudioWatermarkTest's and benchmarks/audio-robustness.sh's
        ExternalTools.run(List.of("ffmpeg", "-v", "error", "-y", "-i", markedA.resolve("noise.wav").toString(),
                "-map_metadata", "-1", "-c:a", "pcm_s16le", stripped.resolve("noise.wav").toString()), null, 120)
                .requireSuccess();

        for (String name : SAMPLES) {
            JsonNode report = verify(homeB, stripped.resolve(name));
            assertThat(mark(report, "implicitLabel")).as(name + ": the label is gone").isNull();
            JsonNode watermark = mark(report, "watermark");
            assertThat(watermark).as(name + ": the watermark survived").isNotNull();
            assertThat(watermark.get("signer").asText()).as(name).isEqualTo("Platform A");
            assertThat(watermark.get("state").asText()).as(name).isEqualTo("TRUSTED");
            assertThat(codes(report.get("crossChecks"))).as(name).contains(StatusCodes.XREF_STRIPPED_WATERMARK);
            assertThat(report.get("effectiveLabel").asText()).as(name + ": traces only: suspected").isEqualTo("3");
        }
    }

    @Test
    @Order(4)
    void bPropagatesAndAVerifiesBothSignatures() throws IOException {
        ok(CliRun.run("keys", "import", "--home", homeA.toString(), entryB.toString()));
        Path propagated = Files.createDirectories(dir.resolve("propagated-b"));
        for (String name : SAMPLES) {
            CliRun r = CliRun.run("propagate", "--home", homeB.toString(), "--json", markedA.resolve(name).toString(),
                    "-o", propagated.resolve(name).toString());
            ok(r);
            JsonNode result = JSON.readTree(r.out());
            assertThat(result.get("verdict").get("label").asText()).as(name).isEqualTo("1");
            assertThat(result.get("verdict").get("zh").asText()).contains("人工智能生成");

            JsonNode report = verify(homeA, propagated.resolve(name));
            assertThat(report.get("state").asText()).as(name).isEqualTo("TRUSTED");
            JsonNode label = label(report);
            assertThat(label.get("fields").get("ContentProducer").asText()).isEqualTo(CODE_A);
            assertThat(label.get("fields").get("ContentPropagator").asText()).isEqualTo(CODE_B);
            assertThat(label.get("fields").get("PropagateID").asText()).as("a PropagateID of its own")
                    .isNotEqualTo(label.get("fields").get("ProduceID").asText());
            assertThat(codes(label)).as(name).contains(StatusCodes.SIG_PRODUCER_VALID, StatusCodes.SIG_PROPAGATOR_VALID);
            assertThat(codes(label).stream().filter(StatusCodes.SIGNER_TRUSTED::equals)).as(name).hasSize(2);
            assertThat(label.get("signer").asText()).isEqualTo("producer: Platform A; propagator: Platform B");
        }
    }

    @Test
    @Order(5)
    void aForgedEntryWithAsNameButOtherKeysMakesNothingTrusted() throws IOException {
        Path homeForger = dir.resolve("home-forger");
        ok(CliRun.run("keys", "init", "--home", homeForger.toString(), "--platform", "Platform A", "--producer", CODE_A));
        Path forged = dir.resolve("forged-a.json");
        ok(CliRun.run("keys", "export", "--home", homeForger.toString(), "-o", forged.toString()));

        CliRun refused = CliRun.run("keys", "import", "--home", homeB.toString(), forged.toString());
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCodes.FAILED);
        assertThat(refused.err()).contains("refused").contains("--replace");

        Path homeC = dir.resolve("home-c");
        ok(CliRun.run("keys", "init", "--home", homeC.toString(), "--platform", "Platform C",
                "--producer", "001191110102MACQD9K64010003"));
        ok(CliRun.run("keys", "import", "--home", homeC.toString(), forged.toString()));
        for (String name : SAMPLES) {
            JsonNode report = verify(homeC, markedA.resolve(name));
            assertThat(report.get("state").asText()).as(name).isNotEqualTo("TRUSTED");
            for (JsonNode m : report.get("marks")) {
                assertThat(m.get("state").asText()).as(name + " " + m.get("kind")).isNotEqualTo("TRUSTED");
            }
        }
    }

    // --- helpers -----------------------------------------------------------------------------------------

    static void ok(CliRun r) {
        assertThat(r.exitCode()).as(r.toString()).isZero();
    }

    static JsonNode verify(Path home, Path file) throws IOException {
        CliRun r = CliRun.run("verify", "--jsonl", "--home", home.toString(), file.toString());
        String first = r.out().lines().findFirst().orElseThrow(() -> new AssertionError(r.toString()));
        ReportSchema.assertValid(first);
        return JSON.readTree(first);
    }

    static JsonNode mark(JsonNode report, String kind) {
        for (JsonNode m : report.get("marks")) {
            if (m.get("kind").asText().equals(kind) && (!kind.equals("watermark")
                    || m.get("scheme").asText().startsWith("aigcmark."))) {
                return m;
            }
        }
        return null;
    }

    static JsonNode label(JsonNode report) {
        JsonNode label = mark(report, "implicitLabel");
        assertThat(label).as(report.get("file").asText() + ": implicit label").isNotNull();
        return label;
    }

    /** The codes a JSON report lists, read back into the registry's types (an unknown spelling stays unregistered). */
    static List<StatusCode> codes(JsonNode withStatus) {
        JsonNode list = withStatus.has("status") ? withStatus.get("status") : withStatus;
        List<StatusCode> codes = new ArrayList<>();
        list.forEach(s -> codes.add(StatusCodes.parse(s.get("code").asText())));
        return codes;
    }

    static void writeSamples(Path dir) throws IOException {
        ImageIO.write(SamplePicture.of(1920, 1280, 0), "jpeg", dir.resolve("picture.jpg").toFile());
        ExternalTools.run(List.of("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "mandelbrot=size=640x360:rate=25",
                "-t", "2", "-c:v", "libx264", "-crf", "18", "-pix_fmt", "yuv420p", dir.resolve("clip.mp4").toString()),
                null, 120).requireSuccess();
        DemoSamples.PDF.write(dir.resolve("report.pdf"));
        DemoSamples.MARKDOWN.write(dir.resolve("note.md"));
        DemoSamples.DOCX.write(dir.resolve("memo.docx"));
        ExternalTools.run(List.of("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
                "anoisesrc=color=white:amplitude=0.3:seed=5:sample_rate=44100", "-t", "20", "-ac", "1",
                "-c:a", "pcm_s16le", dir.resolve("noise.wav").toString()), null, 120).requireSuccess();
    }

    /** Removes the PDF's /AIGC entry and its XMP, and saves it whole (no incremental update keeping the old). */
    static void stripPdf(Path in, Path out) throws IOException {
        try (PDDocument doc = Loader.loadPDF(in.toFile())) {
            doc.getDocumentInformation().getCOSObject().removeItem(COSName.getPDFName("AIGC"));
            doc.getDocumentCatalog().setMetadata(null);
            doc.save(out.toFile());
        }
    }

    /** Copies the package without docProps/custom.xml (the GB 45438 property) and the references to it. */
    static void stripDocx(Path in, Path out) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (InputStream is = Files.newInputStream(in); ZipInputStream zip = new ZipInputStream(is)) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                entries.put(e.getName(), zip.readAllBytes());
            }
        }
        assertThat(entries).containsKey("docProps/custom.xml");
        entries.remove("docProps/custom.xml");
        entries.computeIfPresent("_rels/.rels", (k, v) -> new String(v, StandardCharsets.UTF_8)
                .replaceAll("<Relationship [^>]*docProps/custom\\.xml\"[^>]*/>", "").getBytes(StandardCharsets.UTF_8));
        entries.computeIfPresent("[Content_Types].xml", (k, v) -> new String(v, StandardCharsets.UTF_8)
                .replaceAll("<Override [^>]*/docProps/custom\\.xml\"[^>]*/>", "").getBytes(StandardCharsets.UTF_8));
        try (OutputStream os = Files.newOutputStream(out); ZipOutputStream zip = new ZipOutputStream(os)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
    }
}
