package dev.aigcmark.core.internal.c2pa;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.report.StatusCodes;
import dev.aigcmark.core.report.TrustState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The optional RFC 3161 time-stamp (sigTst2), against a TSA on localhost: we and the reference validate it. */
class C2paTimestampTest {
    @TempDir
    Path tmp;

    private Path stamped(boolean conformingTsa) throws Exception {
        return stamped(conformingTsa, TestKeys.signer("es256"));
    }

    private Path stamped(boolean conformingTsa, CoseSigner signer) throws Exception {
        Path out = tmp.resolve("stamped-" + conformingTsa + ".png");
        try (LocalTsa tsa = new LocalTsa(conformingTsa); MediaInput in = MediaInput.of(C2paWriterTest.png(tmp, "in.png"))) {
            new C2paWriter(C2paWriterTest.context()).write(new PngFixtureHandler(), in, out,
                    C2paWriter.Request.of(signer).withTimestampAuthority(tsa.uri()));
            assertThat(tsa.requests()).isEqualTo(1);
        }
        return out;
    }

    @Test
    void timestampedManifestValidatesWithItsTimestamp() throws Exception {
        Path out = stamped(true);
        C2paValidation ours = C2paWriterTest.validate(out);
        assertThat(ours.state()).as("%s", ours.active()).isEqualTo(TrustState.TRUSTED);
        assertThat(ours.has(StatusCodes.TIMESTAMP_VALIDATED)).as("%s", ours.active()).isTrue();

        JsonNode ref = C2paPeer.read(out, TestKeys.testAnchorsPem());
        assertThat(ref.path("validation_state").asText()).as(ref.toString()).isEqualTo("Trusted");
        assertThat(C2paPeer.allFailures(ref)).isEmpty();
        assertThat(ref.path("validation_results").path("activeManifest").path("success").toString())
                .as(ref.toString()).contains(StatusCodes.TIMESTAMP_VALIDATED.id());
    }

    /**
     * The reference calls a manifest whose TSA certificate is off the C2PA profile Invalid
     * ({@code signingCredential.invalid}); we check the same, so the writer refuses to publish such a file.
     */
    @Test
    void aTimestampAuthorityOffTheCertificateProfileIsRefused() throws Exception {
        CoseSigner signer = TestKeys.signer("es256"); // outside the assertion, so that without ../shared it skips
        assertThatThrownBy(() -> stamped(false, signer)).isInstanceOf(IOException.class)
                .hasMessageContaining(StatusCodes.SIGNING_CREDENTIAL_INVALID.id()).hasMessageContaining("time-stamp authority");
        assertThat(tmp.resolve("stamped-false.png")).doesNotExist();
    }
}
