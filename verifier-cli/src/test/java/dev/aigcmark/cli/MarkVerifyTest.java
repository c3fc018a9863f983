package dev.aigcmark.cli;

import dev.aigcmark.testing.TestSeed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aigcmark.core.crypto.Keys;
import dev.aigcmark.core.crypto.Pem;
import dev.aigcmark.core.crypto.SignatureAlgorithm;
import dev.aigcmark.core.label.AigcLabel;
import dev.aigcmark.core.report.ExitCodes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** mark, then verify, on Markdown: the end-to-end contract of the CLI, run in-process with a temporary home. */
class MarkVerifyTest {
    private static final SecureRandom RANDOM = TestSeed.secureRandom("MarkVerifyTest");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SM2_SM3 = "1.2.156.10197.1.501";

    @TempDir
    Path dir;
    Path home;
    Path input;

    @BeforeEach
    void setUp() throws Exception {
        home = dir.resolve("home");
        input = dir.resolve("note.md");
        Files.writeString(input, "---\ntitle: Tides\n---\n# Tides\n\nThe moon pulls the oceans.\n", StandardCharsets.UTF_8);
    }

    private CliRun cli(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--home");
        all.add(home.toString());
        return CliRun.run(all.toArray(String[]::new));
    }

    private Path marked() {
        Path out = dir.resolve("note.marked.md");
        CliRun r = cli("mark", input.toString(), "-o", out.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return out;
    }

    private static JsonNode onlyReport(CliRun r) throws Exception {
        JsonNode json = JSON.readTree(r.out());
        assertThat(json.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(json.get("reports")).hasSize(1);
        return json.get("reports").get(0);
    }

    private static JsonNode implicitLabel(JsonNode report) {
        for (JsonNode m : report.get("marks")) {
            if (m.get("kind").asText().equals("implicitLabel")) {
                return m;
            }
        }
        throw new AssertionError("no implicit label in " + report.toPrettyString());
    }

    private static List<String> codes(JsonNode statuses) {
        List<String> codes = new ArrayList<>();
        statuses.forEach(s -> codes.add(s.get("code").asText()));
        return codes;
    }

    @Test
    void markThenVerifyGivesTheSevenFieldsAndAValidSm2Signature() throws Exception {
        byte[] before = Files.readAllBytes(input);
        Path out = marked();
        assertThat(Files.readAllBytes(input)).as("input untouched without --in-place").isEqualTo(before);

        CliRun r = cli("verify", "--json", out.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.VALID);
        JsonNode report = onlyReport(r);
        assertThat(report.get("state").asText()).as("a development identity is never TRUSTED").isEqualTo("VALID");
        JsonNode label = implicitLabel(report);
        JsonNode fields = label.get("fields");
        List<String> keys = new ArrayList<>();
        fields.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactlyElementsOf(AigcLabel.KEYS);
        assertThat(fields.get("Label").asText()).isEqualTo("1");
        assertThat(fields.get("ReservedCode1").asText()).contains(SM2_SM3);
        assertThat(codes(label.get("status"))).contains("sig.producer.valid", "sig.signer.development");
    }

    @Test
    void flippingOneCharacterOfProduceIdFailsTheSignature() throws Exception {
        Path out = marked();
        String produceId = implicitLabel(onlyReport(cli("verify", "--json", out.toString())))
                .get("fields").get("ProduceID").asText();
        String text = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(text).contains(produceId);
        char c = produceId.charAt(0);
        String forged = (c == 'a' ? 'b' : 'a') + produceId.substring(1);
        Files.writeString(out, text.replace(produceId, forged), StandardCharsets.UTF_8);

        CliRun r = cli("verify", "--json", out.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.FAILED);
        JsonNode report = onlyReport(r);
        assertThat(report.get("state").asText()).isEqualTo("INVALID");
        assertThat(codes(implicitLabel(report).get("status"))).contains("sig.producer.mismatch");

        CliRun text2 = cli("verify", out.toString());
        assertThat(text2.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(text2.out()).contains("INVALID").contains("sig.producer.mismatch").contains("summary: 1 file");
    }

    @Test
    void fileWithoutMarksGivesThree() {
        CliRun r = cli("verify", input.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.NO_MARKS);
        assertThat(r.out()).contains("NONE").contains("summary: 1 file, 1 NONE; exit 3");
    }

    /**
     * Verifying reads this platform's identity (its keys, BouncyCastle) only when a mark is checked against the
     * trust registry: a file without marks verifies even when the identity's key files are gone, and a marked
     * file then names the missing key file in its report and on stderr, and the run fails as unreadable (4).
     */
    @Test
    void theOwnTrustEntryIsReadOnlyWhenAMarkNeedsIt() throws Exception {
        Path out = marked();
        try (var files = Files.list(home)) {
            for (Path key : files.filter(f -> f.getFileName().toString().endsWith("-label.key.pem")).toList()) {
                Files.delete(key);
            }
        }

        CliRun unmarked = cli("verify", input.toString());
        assertThat(unmarked.exitCode()).as(unmarked.toString()).isEqualTo(ExitCodes.NO_MARKS);
        assertThat(unmarked.out()).doesNotContain("identity").contains("summary: 1 file, 1 NONE; exit 3");

        CliRun labelled = cli("verify", out.toString());
        assertThat(labelled.exitCode()).as(labelled.toString()).isEqualTo(ExitCodes.UNREADABLE);
        assertThat(labelled.out()).contains("asset.codecFailed").contains("-label.key.pem").contains("is missing");
        assertThat(labelled.err()).contains("-label.key.pem").contains("own trust entry");
    }

    @Test
    void folderGivesOneReportPerFileInSortedOrderAndTheWorstCode() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("batch/sub"));
        Path good = marked();
        Files.copy(good, folder.resolve("b-good.md"));
        Files.copy(input, folder.getParent().resolve("c-plain.md"));
        Files.write(folder.getParent().resolve("a-blob.md"), new byte[] {0, 1, 2, (byte) 0xFF, (byte) 0xFE, 0, 0, 7});

        CliRun r = cli("verify", "--json", folder.getParent().toString());
        JsonNode json = JSON.readTree(r.out());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.UNREADABLE);
        assertThat(json.get("exitCode").asInt()).isEqualTo(ExitCodes.UNREADABLE);
        List<String> files = new ArrayList<>();
        json.get("reports").forEach(rep -> files.add(Path.of(rep.get("file").asText()).getFileName().toString()));
        assertThat(files).containsExactly("a-blob.md", "c-plain.md", "b-good.md");
        assertThat(json.get("summary").get("VALID").asInt()).isEqualTo(1);
        assertThat(json.get("summary").get("NONE").asInt()).isEqualTo(1);
        assertThat(json.get("summary").get("UNREADABLE").asInt()).isEqualTo(1);

        // A forged file among them dominates: a failed check is worse than an unreadable file.
        String text = Files.readString(good);
        Files.writeString(folder.resolve("d-forged.md"), text.replace("Label: \"1\"", "Label: \"3\"")
                .replace("\"Label\":\"1\"", "\"Label\":\"3\""));
        CliRun worst = cli("verify", folder.getParent().toString());
        assertThat(worst.exitCode()).as(worst.toString()).isEqualTo(ExitCodes.FAILED);
        assertThat(worst.out()).contains("summary: 4 files, 1 NONE, 1 INVALID, 1 VALID, 1 UNREADABLE; exit 1");
    }

    @Test
    void requireFailsAFileWithoutTheRequiredMark() throws Exception {
        Path out = marked();
        CliRun r = cli("verify", "--require", "c2pa", "--json", out.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.FAILED);
        assertThat(codes(onlyReport(r).get("diagnostics"))).contains("require.c2pa.missing");
        assertThat(onlyReport(r).get("exitCode").asInt()).as("the file's code agrees with the batch's").isEqualTo(1);
        assertThat(cli("verify", "--require", "label", out.toString()).exitCode()).isEqualTo(ExitCodes.VALID);
        assertThat(cli("verify", "--require", "label", input.toString()).exitCode()).isEqualTo(ExitCodes.FAILED);
    }

    @Test
    void outputEqualToInputIsRefusedWithoutInPlace() throws Exception {
        byte[] before = Files.readAllBytes(input);
        CliRun r = cli("mark", input.toString(), "-o", dir.resolve("./note.md").toString());
        assertThat(r.exitCode()).as("an output error, not a usage error: " + r).isEqualTo(ExitCodes.OUTPUT);
        assertThat(r.err()).contains("--in-place");
        assertThat(cli("mark", input.toString()).exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(cli("mark", input.toString(), "-o", dir.toString()).exitCode()).as("OUT is a folder")
                .isEqualTo(ExitCodes.USAGE);
        assertThat(Files.readAllBytes(input)).isEqualTo(before);
    }

    @Test
    void inPlaceReplacesTheInputWithAMarkedFile() {
        CliRun r = cli("mark", input.toString(), "--in-place");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(cli("verify", input.toString()).exitCode()).isEqualTo(ExitCodes.VALID);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no temporary file left behind")
                    .noneMatch(n -> n.endsWith(".part"));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertThat(cli("mark", input.toString(), "-o", dir.resolve("o.md").toString(), "--label", "4").exitCode())
                .isEqualTo(ExitCodes.USAGE);
        assertThat(cli("mark", input.toString(), "-o", dir.resolve("o.md").toString(), "--explicit", "AI").exitCode())
                .as("wording without the generation element").isEqualTo(ExitCodes.USAGE);
        assertThat(cli("mark", input.toString(), "-o", dir.resolve("o.md").toString(), "--producer", "123").exitCode())
                .isEqualTo(ExitCodes.USAGE);
        assertThat(cli("mark", input.toString(), "-o", dir.resolve("o.md").toString(), "--propagate-id", "x").exitCode())
                .isEqualTo(ExitCodes.USAGE);
        assertThat(Files.exists(dir.resolve("o.md"))).isFalse();
    }

    @Test
    void markingAnUnreadableInputGivesFour() throws Exception {
        Path blob = dir.resolve("blob.bin");
        Files.write(blob, new byte[] {0, 1, 2, 3, (byte) 0xFF, 0, 0, 0});
        CliRun r = cli("mark", blob.toString(), "-o", dir.resolve("out.bin").toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.UNREADABLE);
        assertThat(r.err()).contains("unsupported or unrecognised format");
        assertThat(cli("mark", dir.resolve("missing.md").toString(), "-o", dir.resolve("x.md").toString()).exitCode())
                .isEqualTo(ExitCodes.UNREADABLE);
    }

    @Test
    void inspectShowsTheCarrierAndExplainsTheProviderCode() throws Exception {
        Path out = marked();
        CliRun r = CliRun.run("inspect", "--json", out.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonNode json = JSON.readTree(r.out());
        assertThat(json.get("format").asText()).isEqualTo("markdown");
        assertThat(json.get("carriers").size()).isPositive();
        assertThat(json.get("carriers").toString()).contains("ContentProducer");
        JsonNode code = json.get("providerCodes").get(0);
        assertThat(code.get("field").asText()).isEqualTo("ContentProducer");
        assertThat(code.get("valid").asBoolean()).isTrue();
        assertThat(code.get("explanation").asText()).contains("generation service");

        CliRun plain = CliRun.run("inspect", out.toString());
        assertThat(plain.out()).contains("carriers: ").contains("provider codes:");
    }

    @Test
    void ownKeySignsTheLabelAndIsReportedAsNotTrusted() throws Exception {
        KeyPair pair = Keys.generate(SignatureAlgorithm.ED25519, RANDOM);
        Path key = dir.resolve("platform-key.pem");
        Files.writeString(key, Pem.write(pair.getPrivate()));
        Path out = dir.resolve("own.md");
        String code = "001191000000MA0000000N10000";

        CliRun missingCode = cli("mark", input.toString(), "-o", out.toString(), "--key", key.toString());
        assertThat(missingCode.exitCode()).as("a provider code is configuration, never borrowed").isEqualTo(ExitCodes.USAGE);

        CliRun r = cli("mark", input.toString(), "-o", out.toString(), "--key", key.toString(), "--producer", code);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonNode label = implicitLabel(onlyReport(cli("verify", "--json", out.toString())));
        assertThat(label.get("fields").get("ReservedCode1").asText()).contains(SignatureAlgorithm.ED25519.oid());
        assertThat(codes(label.get("status"))).contains("sig.producer.valid");
        assertThat(label.get("state").asText()).isEqualTo("VALID");

        CliRun unreadableKey = cli("mark", input.toString(), "-o", out.toString(), "--key", dir.resolve("nope.pem").toString(),
                "--producer", code);
        assertThat(unreadableKey.exitCode()).isEqualTo(ExitCodes.UNREADABLE);
        assertThat(unreadableKey.err()).contains("nope.pem");
    }

    @Test
    void propagatorKeepsTheProducerSignatureAndAddsItsOwn() throws Exception {
        Path produced = marked();
        Path spread = dir.resolve("spread.md");
        Path otherHome = dir.resolve("platform-b");
        CliRun r = CliRun.run("mark", produced.toString(), "-o", spread.toString(), "--as-propagator",
                "--propagate-id", "b-0001", "--home", otherHome.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("PropagateID b-0001");

        JsonNode label = implicitLabel(onlyReport(cli("verify", "--json", spread.toString())));
        assertThat(label.get("fields").get("PropagateID").asText()).isEqualTo("b-0001");
        assertThat(codes(label.get("status"))).contains("sig.producer.valid", "sig.propagator.valid");
    }

    @Test
    void contentMarksCanBeSwitchedOff() throws Exception {
        Path out = dir.resolve("quiet.md");
        CliRun r = cli("mark", input.toString(), "-o", out.toString(), "--no-explicit", "--no-watermark");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        List<String> kinds = new ArrayList<>();
        onlyReport(cli("verify", "--json", out.toString())).get("marks").forEach(m -> kinds.add(m.get("kind").asText()));
        assertThat(kinds).containsExactly("implicitLabel");
        assertThat(Files.readString(out)).doesNotContain("AI生成");

        Path loud = dir.resolve("loud.md");
        assertThat(cli("mark", input.toString(), "-o", loud.toString(), "--explicit", "本内容由AI生成").exitCode()).isZero();
        assertThat(Files.readString(loud)).contains("本内容由AI生成");
    }

    @Test
    void anotherProducersLabelIsNotReplacedSilently() throws Exception {
        Path out = marked();
        Path again = dir.resolve("again.md");
        String otherProducer = "00119144030008867405X210001";
        CliRun refused = cli("mark", out.toString(), "-o", again.toString(), "--producer", otherProducer);
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCodes.FAILED);
        assertThat(refused.err()).contains("not marked").contains("already labelled");
        assertThat(again).doesNotExist();

        CliRun relabelled = cli("mark", out.toString(), "-o", again.toString(), "--producer", otherProducer, "--relabel");
        assertThat(relabelled.exitCode()).as(relabelled.toString()).isZero();
        assertThat(implicitLabel(onlyReport(cli("verify", "--json", again.toString()))).get("fields")
                .get("ContentProducer").asText()).isEqualTo(otherProducer);
    }
}
