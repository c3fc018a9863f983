package dev.aigcmark.core.c2pa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.report.TrustState;
import dev.aigcmark.testing.SharedFiles;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every file in {@code shared/vectors/c2pa}: our state and failure codes equal the reference's verdict
 * (c2pa-rs with the test root as anchor) stored in {@code expected/}, validation time pinned to 2026-01-01.
 */
class ReferenceVectorsTest {
    static final Clock PINNED = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Path> vectors() throws IOException {
        try (Stream<Path> s = Files.list(SharedFiles.vectors("c2pa"))) {
            return s.filter(Files::isRegularFile).filter(p -> !p.toString().endsWith(".pem")).sorted().toList().stream();
        }
    }

    static SdkContext context() throws IOException {
        return SdkContext.builder().handlers(List.of()).codecs(List.of()).clock(PINNED)
                .trustAnchors(TrustAnchors.fromPem(SharedFiles.vectors("c2pa").resolve("test_cert_root_bundle.pem")))
                .build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void stateAndFailureCodesMatchTheReference(Path file) throws IOException {
        JsonNode expected = JSON.readTree(SharedFiles.vectors("c2pa").resolve("expected")
                .resolve(file.getFileName() + ".c2pa-rs.test-anchors.json").toFile());
        byte[] bytes = Files.readAllBytes(file);
        StoreLocator.Found found = StoreLocator.find(bytes).orElseThrow(() -> new AssertionError("no store in " + file));
        C2paValidation v = new C2paValidator(context()).validate(found.store(), MediaInput.of(bytes, file.toString()), "test",
                found.offset(), found.length());

        if (expected.has("error")) {
            assertThat(expected.get("error").asText()).contains("UnknownAlgorithm");
            assertThat(v.state()).isEqualTo(TrustState.INVALID);
            assertThat(v.activeFailureCodes()).contains(C2paStatus.ALGORITHM_UNSUPPORTED);
            return;
        }
        JsonNode results = expected.path("validation_results");
        assertThat(v.state().name()).as("state; our statuses: %s", v.active())
                .isEqualTo(expected.path("validation_state").asText().toUpperCase(Locale.ROOT));
        assertThat(v.activeFailureCodes()).as("active failures; statuses: %s", v.active())
                .containsExactlyInAnyOrderElementsOf(codes(results.path("activeManifest").path("failure")));
        List<String> ingredientFailures = new ArrayList<>();
        results.path("ingredientDeltas").forEach(d -> ingredientFailures.addAll(codes(d.path("validationDeltas").path("failure"))));
        assertThat(v.ingredientFailureCodes()).as("ingredient failures; statuses: %s", v.ingredients())
                .containsExactlyInAnyOrderElementsOf(ingredientFailures);
        // The success codes we share with the reference (timestamps aside) agree too, count included.
        for (String code : List.of(C2paStatus.CLAIM_SIGNATURE_VALIDATED, C2paStatus.SIGNING_CREDENTIAL_TRUSTED,
                C2paStatus.HASHED_URI_MATCH, C2paStatus.DATA_HASH_MATCH, C2paStatus.BMFF_HASH_MATCH,
                C2paStatus.CLAIM_SIGNATURE_INSIDE_VALIDITY)) {
            assertThat(v.count(code)).as(code + " count; statuses: %s", v.active())
                    .isEqualTo(codes(results.path("activeManifest").path("success")).stream().filter(code::equals).count());
        }
    }

    private static List<String> codes(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(n -> out.add(n.path("code").asText()));
        return out;
    }
}
