package dev.aigcmark.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The published schema (docs/report.schema.json) against what {@code aigc verify --json} and {@code --jsonl}
 * really print, over a batch that has every outcome: trusted and development-signed labels, an unmarked file, a
 * forged label, a damaged file and a missing one. And the schema is strict enough to reject a broken report.
 */
class ReportSchemaTest {
    @TempDir
    static Path dir;
    static Path home;
    static Path batch;

    @BeforeAll
    static void makeBatch() throws Exception {
        home = dir.resolve("home");
        batch = Files.createDirectories(dir.resolve("batch"));
        Path plain = batch.resolve("a-plain.md");
        Files.writeString(plain, "# Notes\n\nWritten by a person.\n", StandardCharsets.UTF_8);
        assertThat(CliRun.run("mark", plain.toString(), "-o", batch.resolve("b-marked.md").toString(),
                "--home", home.toString()).exitCode()).isZero();
        Path text = batch.resolve("c-plain.txt");
        Files.writeString(text, "A paragraph of text that a model wrote.\n", StandardCharsets.UTF_8);
        assertThat(CliRun.run("mark", text.toString(), "-o", batch.resolve("d-marked.txt").toString(),
                "--home", home.toString()).exitCode()).isZero();
        String marked = Files.readString(batch.resolve("b-marked.md"), StandardCharsets.UTF_8);
        Files.writeString(batch.resolve("e-forged.md"), marked.replaceFirst("Label: \"1\"", "Label: \"3\""),
                StandardCharsets.UTF_8);
        Files.write(batch.resolve("f-damaged.png"), new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0});
    }

    @Test
    void theJsonDocumentValidates() {
        CliRun r = CliRun.run("verify", "--json", "--home", home.toString(), batch.toString(), dir.resolve("missing").toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        ReportSchema.assertValid(r.out());
        assertThat(r.out()).contains("\"byFormat\"", "\"byMarkKind\"", "\"effectivePrompt\"", "\"error\"");
    }

    @Test
    void everyJsonLineValidates() {
        CliRun r = CliRun.run("verify", "--jsonl", "--home", home.toString(), batch.toString(), dir.resolve("missing").toString());
        List<String> lines = r.out().lines().toList();
        assertThat(lines).as("six files, the missing one, the summary").hasSize(8);
        lines.forEach(ReportSchema::assertValid);
        assertThat(lines.get(lines.size() - 1)).startsWith("{\"schemaVersion\":1,\"exitCode\":1,\"summary\":");
    }

    @Test
    void theSchemaRejectsAReportWithoutItsState() {
        CliRun r = CliRun.run("verify", "--jsonl", "--home", home.toString(), batch.resolve("b-marked.md").toString());
        String line = r.out().lines().findFirst().orElseThrow();
        assertThat(errors(line)).isEmpty();
        assertThat(errors(line.replace("\"state\":\"VALID\",", ""))).isNotEmpty();
        assertThat(errors(line.replace("\"severity\":\"success\"", "\"severity\":\"fine\""))).isNotEmpty();
    }

    private static List<com.networknt.schema.Error> errors(String json) {
        return ReportSchema.errors(json);
    }
}
