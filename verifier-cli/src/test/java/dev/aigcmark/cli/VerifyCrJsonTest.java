package dev.aigcmark.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aigcmark.core.report.ExitCodes;
import dev.aigcmark.testing.SharedFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code aigc verify --format crjson}: one crJSON document per file and per line, naming its file; the exit
 * code is the verification's, as in every other form.
 */
class VerifyCrJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    private static List<JsonNode> lines(String out) throws Exception {
        List<JsonNode> docs = new ArrayList<>();
        for (String line : out.strip().split("\n")) {
            docs.add(JSON.readTree(line));
        }
        return docs;
    }

    @Test
    void oneDocumentPerFileWithTheVerdictsExitCode() throws Exception {
        SharedFiles.assumePresent();
        Path good = SharedFiles.vectors("c2pa-conformance").resolve("adobe-20220124-CIE-sig-CA.jpg");
        Path bad = SharedFiles.vectors("c2pa-conformance").resolve("adobe-20220124-E-uri-CIE-sig-CA.jpg");
        CliRun run = CliRun.run("verify", "--home", home.toString(), "--format", "crjson", good.toString(), bad.toString());
        assertThat(run.exitCode()).as("%s", run).isEqualTo(ExitCodes.FAILED);
        List<JsonNode> docs = lines(run.out());
        assertThat(docs).hasSize(2);
        assertThat(docs.get(0).path("extras:source").asText()).isEqualTo(good.toString());
        assertThat(docs.get(0).path("manifests")).hasSize(2);
        assertThat(docs.get(0).path("manifests").path(0).path("validationResults").path("failure").toString())
                .doesNotContain("assertion.hashedURI.mismatch");
        JsonNode damaged = docs.get(1).path("manifests").path(0).path("ingredientDeltas").path(0).path("validationDeltas");
        assertThat(damaged.path("failure").toString()).contains("assertion.hashedURI.mismatch");

        CliRun single = CliRun.run("verify", "--home", home.toString(), "--format", "crjson", good.toString());
        assertThat(single.exitCode()).as("%s", single).isEqualTo(ExitCodes.VALID);
        assertThat(lines(single.out())).hasSize(1);
    }

    @Test
    void aFileThatCannotBeReadGivesAnEmptyDocumentWithTheReason() throws Exception {
        Path missing = home.resolve("missing.jpg");
        CliRun run = CliRun.run("verify", "--home", home.toString(), "--format", "crjson", missing.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.UNREADABLE);
        JsonNode doc = lines(run.out()).get(0);
        assertThat(doc.path("manifests")).isEmpty();
        assertThat(doc.path("extras:error").asText()).contains("no such file");
    }
}
