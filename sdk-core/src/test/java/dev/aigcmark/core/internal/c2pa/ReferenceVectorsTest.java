package dev.aigcmark.core.internal.c2pa;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.report.StatusCode;
import dev.aigcmark.core.report.StatusCodes;
import dev.aigcmark.testing.NeedsShared;
import org.junit.jupiter.api.extension.ExtendWith;
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
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every file in {@code shared/vectors/c2pa} and every JPEG of {@code shared/vectors/c2pa-conformance}, through
 * the validator alone (stores found without the format handlers): state, the active manifest's failure codes
 * and each ingredient delta's equal the reference's verdict; validation time pinned to 2026-01-01.
 */
@ExtendWith(NeedsShared.class) // every case reads ../shared
class ReferenceVectorsTest {
    static final Clock PINNED = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    static Stream<Path> vectors() throws IOException {
        return Stream.concat(
                ReferenceVerdicts.vectors(ReferenceVerdicts.Folder.C2PA, ".jpg", ".png", ".webp", ".mp4"),
                ReferenceVerdicts.vectors(ReferenceVerdicts.Folder.CONFORMANCE, ".jpg"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void stateAndFailureCodesMatchTheReference(Path file) throws IOException {
        ReferenceVerdicts.Expected expected = ReferenceVerdicts.expected(file);
        C2paValidation v = validate(file, ReferenceVerdicts.context(file));
        ReferenceVerdicts.assertAgrees(v, expected);
        if (expected.error()) {
            return;
        }
        // The success codes we share with the reference agree too, count included.
        JsonNode success = expected.results().path("activeManifest").path("success");
        for (StatusCode code : List.of(StatusCodes.CLAIM_SIGNATURE_VALIDATED, StatusCodes.SIGNING_CREDENTIAL_TRUSTED,
                StatusCodes.HASHED_URI_MATCH, StatusCodes.DATA_HASH_MATCH, StatusCodes.BMFF_HASH_MATCH,
                StatusCodes.CLAIM_SIGNATURE_INSIDE_VALIDITY, StatusCodes.TIMESTAMP_VALIDATED, StatusCodes.TIMESTAMP_TRUSTED)) {
            assertThat(v.count(code)).as(code + " count; statuses: %s", v.active()).isEqualTo(count(success, code.id()));
        }
    }

    static C2paValidation validate(Path file, SdkContext context) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        StoreLocator.Found found = StoreLocator.find(bytes).orElseThrow(() -> new AssertionError("no store in " + file));
        return new C2paValidator(context).validate(found.store(), MediaInput.of(bytes, file.toString()), "test",
                found.offset(), found.length());
    }

    private static long count(JsonNode list, String code) {
        List<String> codes = new ArrayList<>();
        list.forEach(n -> codes.add(n.path("code").asText()));
        return codes.stream().filter(code::equals).count();
    }
}
