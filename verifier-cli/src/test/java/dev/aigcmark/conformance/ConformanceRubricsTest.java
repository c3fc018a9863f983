package dev.aigcmark.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.aigcmark.cli.rubric.Rubric;
import dev.aigcmark.cli.rubric.RubricRunner;
import dev.aigcmark.core.internal.c2pa.C2paReader;
import dev.aigcmark.core.internal.c2pa.ReferenceVerdicts;
import dev.aigcmark.testing.NeedsShared;
import dev.aigcmark.testing.SharedFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The expectations for every shared C2PA vector, written as C2PA conformance rubrics
 * ({@code src/test/resources/conformance/rubrics}, each naming the vectors it judges in
 * {@code rubric_metadata.appliesTo}), run on our crJSON: every vector is judged by at least one rubric and
 * passes every statement. Official rubrics dropped into that folder run unchanged: without {@code appliesTo}
 * they judge every vector. Skips when ../shared is absent.
 */
@ExtendWith(NeedsShared.class) // every case reads ../shared
class ConformanceRubricsTest {
    static final Map<String, JsonNode> GLOBALS = Map.of("expected_spec_version", new TextNode("2.2"));

    static List<Rubric> rubrics() {
        try {
            Path dir = Path.of(ConformanceRubricsTest.class.getResource("/conformance/rubrics").toURI());
            try (Stream<Path> files = Files.list(dir)) {
                return files.filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml")).sorted()
                        .map(ConformanceRubricsTest::load).toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Rubric load(Path f) {
        try {
            return Rubric.parse(Files.readString(f));
        } catch (IOException e) {
            throw new UncheckedIOException(f + ": " + e.getMessage(), e);
        }
    }

    /** Whether {@code rubric} judges {@code vector} (named as {@code folder/file} under shared/vectors). */
    static boolean applies(Rubric rubric, Path vector) {
        if (rubric.appliesTo().isEmpty()) {
            return true;
        }
        Path relative = SharedFiles.vectors("").relativize(vector);
        return rubric.appliesTo().stream()
                .anyMatch(glob -> FileSystems.getDefault().getPathMatcher("glob:" + glob).matches(relative));
    }

    static Stream<Path> vectors() throws IOException {
        return ConformanceSuiteTest.vectors();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void everyVectorPassesTheRubricsThatJudgeIt(Path vector) throws IOException {
        List<Rubric> judging = rubrics().stream().filter(r -> applies(r, vector)).toList();
        assertThat(judging).as("rubrics judging %s", vector.getFileName()).isNotEmpty();
        JsonNode crJson = new C2paReader(ReferenceVerdicts.context(vector)).crJson(vector);
        for (Rubric rubric : judging) {
            RubricRunner.Result result = new RubricRunner(rubric, GLOBALS).evaluate(crJson);
            assertThat(result.notPassed()).as("%s on %s", rubric.name(), vector.getFileName()).isEmpty();
        }
    }

    /** The rubrics can fail: a broken file does not pass the rubric for intact ones, and an intact one not the broken one's. */
    @Test
    void rubricsTellIntactFromBroken() throws IOException {
        SharedFiles.assumePresent();
        Rubric valid = rubrics().stream().filter(r -> r.name().startsWith("Intact manifests whose signer")).findFirst().orElseThrow();
        Rubric binding = rubrics().stream().filter(r -> r.name().startsWith("Content changed")).findFirst().orElseThrow();
        Path broken = SharedFiles.vectors("c2pa-conformance").resolve("adobe-20220124-E-dat-CA.jpg");
        Path intact = SharedFiles.vectors("c2pa-conformance").resolve("adobe-20220124-CA.jpg");
        JsonNode brokenReport = new C2paReader(ReferenceVerdicts.context(broken)).crJson(broken);
        JsonNode intactReport = new C2paReader(ReferenceVerdicts.context(intact)).crJson(intact);
        assertThat(new RubricRunner(valid, GLOBALS).evaluate(brokenReport).notPassed())
                .extracting(RubricRunner.StatementResult::id).contains("validation:no_active_failure", "validation:hard_binding_matched");
        assertThat(new RubricRunner(binding, GLOBALS).evaluate(intactReport).notPassed())
                .extracting(RubricRunner.StatementResult::id).containsExactly("validation:binding_mismatch");
    }
}
