package dev.aigcmark.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aigcmark.core.c2pa.C2paReader;
import dev.aigcmark.core.c2pa.ReferenceVerdicts;
import dev.aigcmark.core.c2pa.ReferenceVerdicts.Folder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The C2PA conformance suite over every shared C2PA vector ({@code vectors/c2pa}, {@code vectors/c2pa-conformance})
 * through the full verifier with every format handler: the same state and the same failure codes as the
 * reference reader, active manifest and ingredient deltas apart; and our crJSON's validation results equal the
 * reference's stored crJSON. Skips when ../shared is absent.
 */
class ConformanceSuiteTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Path> vectors() throws IOException {
        return Stream.concat(ReferenceVerdicts.vectors(Folder.C2PA, ".jpg", ".png", ".webp", ".mp4"),
                ReferenceVerdicts.vectors(Folder.CONFORMANCE, ".jpg", ".pdf"));
    }

    static Stream<Path> conformanceVectors() throws IOException {
        return ReferenceVerdicts.vectors(Folder.CONFORMANCE, ".jpg", ".pdf");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void stateAndFailureCodesEqualTheReference(Path vector) throws IOException {
        ReferenceVerdicts.assertAgrees(vector);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("conformanceVectors")
    void crJsonValidationResultsEqualTheReferencesCrJson(Path vector) throws IOException {
        JsonNode ours = new C2paReader(ReferenceVerdicts.context(vector)).crJson(vector);
        JsonNode reference = JSON.readTree(Folder.CONFORMANCE.path().resolve("expected")
                .resolve(vector.getFileName() + ".c2pa-rs.crjson.json").toFile());
        List<String> differences = CrJsonComparison.differences(ours, reference, CrJsonComparison.TRUST_CODES::contains);
        assertThat(differences).as("crJSON validation results differ from the reference's").isEmpty();
    }
}
