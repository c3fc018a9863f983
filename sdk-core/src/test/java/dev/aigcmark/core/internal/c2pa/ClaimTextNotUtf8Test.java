package dev.aigcmark.core.internal.c2pa;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.internal.c2pa.manifest.ManifestStore;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.report.StatusCodes;
import dev.aigcmark.core.report.TrustState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A claim whose CBOR holds text that is not valid UTF-8 is refused as {@code claim.cbor.invalid}, as the C2PA
 * reference refuses it. The store is the one in verifier-cli's hostile corpus PDF ({@code
 * pdf-c2pa-text-beyond-unicode.pdf}, a seeded mutant: a URL of the claim holds a UTF-8 sequence beyond U+10FFFF),
 * taken out of the PDF's associated file. c2pa-rs 0.91.3 refuses it ("claim_cbor: Invalid UTF-8"); we read the text
 * as U+FFFD and went on to validate the claim (there the signature failed too, but a claim signed with such text
 * would have validated). RFC 8949 3.1 makes a text string UTF-8, so the reference is right.
 */
class ClaimTextNotUtf8Test {
    private static final SdkContext CONTEXT = SdkContext.builder().handlers(List.of()).codecs(List.of())
            .clock(ReferenceVectorsTest.PINNED).build();

    private static byte[] store() throws IOException {
        try (InputStream in = ClaimTextNotUtf8Test.class.getResourceAsStream("claim-text-not-utf8.c2pa")) {
            return in.readAllBytes();
        }
    }

    @Test
    void theClaimIsRefusedAsInvalidCbor() throws Exception {
        ManifestStore ms = ManifestStore.parse(store(), ReadLimits.defaults());
        assertThatThrownBy(ms::active).isInstanceOfSatisfying(C2paFormatException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(StatusCodes.CLAIM_CBOR_INVALID);
            assertThat(e.getMessage()).contains("is not valid UTF-8");
        });
    }

    @Test
    void theValidationSaysClaimCborInvalidAndNothingElseOfTheClaim() throws Exception {
        C2paValidation v = new C2paValidator(CONTEXT).validate(store(), MediaInput.of(new byte[16], "asset"), "test");
        assertThat(v.state()).isEqualTo(TrustState.INVALID);
        assertThat(v.activeFailureCodes()).containsExactly(StatusCodes.CLAIM_CBOR_INVALID);
    }

    /** The reference's own verdict on the same bytes, so the agreement is checked, not assumed. */
    @Test
    void theReferenceRefusesTheSameClaim(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("store.c2pa");
        Files.write(file, store());
        JsonNode verdict = C2paPeer.read(file, null);
        assertThat(verdict.path("error").asText()).contains("ClaimDecoding").contains("Invalid UTF-8");
    }
}
