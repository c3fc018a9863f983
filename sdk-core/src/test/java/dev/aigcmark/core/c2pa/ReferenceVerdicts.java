package dev.aigcmark.core.c2pa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.Verifier;
import dev.aigcmark.core.mark.C2paManifest;
import dev.aigcmark.core.report.MarkFinding;
import dev.aigcmark.core.report.Status;
import dev.aigcmark.testing.SharedFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reference verdicts stored beside the shared C2PA vectors, and a check that our full verifier (real
 * handlers, the C2PA codec) reaches the same state and active failure codes. Used by the format modules.
 */
public final class ReferenceVerdicts {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReferenceVerdicts() {
    }

    /** The vectors whose names end with one of {@code suffixes}. */
    public static Stream<Path> vectors(String... suffixes) throws IOException {
        try (Stream<Path> s = Files.list(SharedFiles.vectors("c2pa"))) {
            return s.filter(p -> Stream.of(suffixes).anyMatch(x -> p.toString().endsWith(x))).sorted().toList().stream();
        }
    }

    public static JsonNode expected(Path vector) throws IOException {
        return JSON.readTree(SharedFiles.vectors("c2pa").resolve("expected")
                .resolve(vector.getFileName() + ".c2pa-rs.test-anchors.json").toFile());
    }

    /** Handlers and codecs from the class path, the test root as anchor, validation time pinned. */
    public static SdkContext context() throws IOException {
        return SdkContext.builder().clock(ReferenceVectorsTest.PINNED).trustAnchors(TestKeys.testAnchors()).build();
    }

    /** Verifies {@code vector} with the full verifier and compares with the stored verdict. */
    public static void assertAgrees(Path vector) throws IOException {
        JsonNode expected = expected(vector);
        List<MarkFinding> findings = new Verifier(context()).verify(vector).findings(C2paManifest.class);
        assertThat(findings).as("C2PA findings for %s", vector).hasSize(1);
        MarkFinding f = findings.get(0);
        List<String> active = f.statuses().stream().filter(Status::isFailure)
                .filter(s -> !s.message().startsWith("ingredient: ")).map(Status::code).toList();
        if (expected.has("error")) {
            assertThat(active).contains(C2paStatus.ALGORITHM_UNSUPPORTED);
            return;
        }
        assertThat(f.state().name()).as("state; %s", f.statuses())
                .isEqualTo(expected.path("validation_state").asText().toUpperCase(Locale.ROOT));
        List<String> want = new ArrayList<>();
        expected.path("validation_results").path("activeManifest").path("failure").forEach(n -> want.add(n.path("code").asText()));
        assertThat(active).as("active failures; %s", f.statuses()).containsExactlyInAnyOrderElementsOf(want);
    }
}
