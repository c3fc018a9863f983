package dev.aigcmark.text.e2e;

import dev.aigcmark.core.Verifier;
import dev.aigcmark.core.report.ReportJson;
import dev.aigcmark.core.report.VerificationReport;
import dev.aigcmark.testing.TestContexts;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden reports: the JSON that scripts rely on, for inputs that do not change (vendor-style labels without
 * signatures, so nothing random). A change in the report shape or in a verdict shows up as a diff here.
 * Regenerate deliberately with {@code -Daigc.golden.update=true} and review the diff.
 */
class ReportGoldenTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "doubao-style.md, doubao-style.json",
            "misnamed-keys.md, misnamed-keys.json",
            "no-marks.md, no-marks.json"})
    void reportMatchesGolden(String input, String golden, @TempDir Path dir) throws IOException {
        Path file = dir.resolve(input);
        Files.writeString(file, resource("golden/" + input), StandardCharsets.UTF_8);
        VerificationReport report = new Verifier(TestContexts.defaults()).verify(file);
        String json = ReportJson.toJson(report).replace(file.toString(), input) + "\n";

        if (Boolean.getBoolean("aigc.golden.update")) {
            Path target = Paths.get("src/test/resources/golden").resolve(golden);
            Files.writeString(target, json, StandardCharsets.UTF_8);
        }
        assertThat(json).isEqualTo(resource("golden/" + golden));
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ReportGoldenTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as("test resource " + name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
