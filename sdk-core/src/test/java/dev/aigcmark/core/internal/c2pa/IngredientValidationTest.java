package dev.aigcmark.core.internal.c2pa;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.report.StatusCode;
import dev.aigcmark.core.report.StatusCodes;
import dev.aigcmark.core.report.TrustState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ingredient v3 validation with our writer's parent ingredients, judged against the reference reader: a
 * problem the parent already had when it was used (recorded in the ingredient's {@code validationResults}) is
 * history and leaves the new manifest trusted; damage done to the parent afterwards is news and makes the
 * file invalid, reported in the ingredient's delta, not in the active manifest.
 */
class IngredientValidationTest {
    @TempDir
    Path tmp;

    private Path mark(Path in, String key, String name) throws Exception {
        Path out = tmp.resolve(name);
        try (MediaInput input = MediaInput.of(in)) {
            new C2paWriter(C2paWriterTest.context()).write(new PngFixtureHandler(), input, out,
                    C2paWriter.Request.of(TestKeys.signer(key)));
        }
        return out;
    }

    private Path tamperSignature(Path file, int manifestIndex, String name) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        StoreLocator.Found found = StoreLocator.find(bytes).orElseThrow();
        Tamper.Located l = Tamper.locateManifest(bytes, (int) found.offset() + 8, found.store(), manifestIndex);
        return Files.write(tmp.resolve(name), Tamper.signatureByte(l));
    }

    private Path tamperAssertion(Path file, int manifestIndex, String name) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        StoreLocator.Found found = StoreLocator.find(bytes).orElseThrow();
        Tamper.Located l = Tamper.locateManifest(bytes, (int) found.offset() + 8, found.store(), manifestIndex);
        return Files.write(tmp.resolve(name), Tamper.assertionByte(l));
    }

    @Test
    void aParentBrokenBeforeItWasUsedIsRecordedHistory() throws Exception {
        Path first = mark(C2paWriterTest.png(tmp, "in.png"), "es256", "first.png");
        Path broken = tamperSignature(first, 0, "broken.png");
        assertThat(C2paWriterTest.validate(broken).state()).isEqualTo(TrustState.INVALID);

        Path second = mark(broken, "ed25519", "second.png");
        C2paValidation v = C2paWriterTest.validate(second);
        assertThat(v.state()).as("%s", v.results()).isEqualTo(TrustState.TRUSTED);
        assertThat(v.ingredientFailureCodes()).isEmpty();
        assertThat(v.results().ingredientDeltas()).hasSize(1);

        JsonNode ref = C2paPeer.read(second, TestKeys.testAnchorsPem());
        assertThat(ref.path("validation_state").asText()).as(ref.toString()).isEqualTo("Trusted");
        assertThat(C2paPeer.allFailures(ref)).isEmpty();
    }

    @Test
    void aParentDamagedAfterItWasUsedInvalidatesTheFileThroughItsDelta() throws Exception {
        Path first = mark(C2paWriterTest.png(tmp, "in.png"), "es256", "first.png");
        Path second = mark(first, "ed25519", "second.png");
        Path damaged = tamperAssertion(second, 0, "damaged.png");
        C2paValidation v = C2paWriterTest.validate(damaged);

        JsonNode ref = C2paPeer.read(damaged, TestKeys.testAnchorsPem());
        assertThat(ref.path("validation_state").asText()).as(ref.toString()).isEqualTo("Invalid");
        assertThat(v.state()).isEqualTo(TrustState.INVALID);
        assertThat(v.activeFailureCodes().stream().map(StatusCode::id)).as("the active manifest itself is intact")
                .containsExactlyInAnyOrderElementsOf(C2paPeer.activeFailures(ref));
        assertThat(v.ingredientFailureCodes().stream().map(StatusCode::id))
                .contains(StatusCodes.HASHED_URI_MISMATCH.id(), StatusCodes.INGREDIENT_MANIFEST_MISMATCH.id())
                .containsExactlyInAnyOrderElementsOf(deltaFailures(ref));
    }

    private static List<String> deltaFailures(JsonNode ref) {
        List<String> out = new ArrayList<>();
        ref.path("validation_results").path("ingredientDeltas")
                .forEach(d -> d.path("validationDeltas").path("failure").forEach(n -> out.add(n.path("code").asText())));
        return out;
    }
}
