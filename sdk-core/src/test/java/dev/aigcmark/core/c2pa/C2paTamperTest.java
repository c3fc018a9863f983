package dev.aigcmark.core.c2pa;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.report.StatusCode;
import dev.aigcmark.core.report.StatusCodes;
import dev.aigcmark.core.report.TrustState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Tampering our own output is detected, by us and by the reference, with the same failure code. */
class C2paTamperTest {
    @TempDir
    Path tmp;
    private Tamper.Located marked;
    private StoreLocator.Found found;

    @BeforeEach
    void mark() throws Exception {
        Path out = tmp.resolve("marked.png");
        try (MediaInput in = MediaInput.of(C2paWriterTest.png(tmp, "in.png"))) {
            new C2paWriter(C2paWriterTest.context()).write(new PngFixtureHandler(), in, out,
                    C2paWriter.Request.of(TestKeys.signer("es256")));
        }
        byte[] bytes = Files.readAllBytes(out);
        found = StoreLocator.find(bytes).orElseThrow();
        marked = Tamper.locate(bytes, (int) found.offset() + 8, found.store());
    }

    private void bothSay(byte[] tampered, StatusCode code) throws Exception {
        Path f = tmp.resolve("tampered.png");
        Files.write(f, tampered);
        C2paValidation ours = C2paWriterTest.validate(f);
        assertThat(ours.state()).isEqualTo(TrustState.INVALID);
        assertThat(ours.activeFailureCodes()).containsExactly(code);

        JsonNode ref = C2paPeer.read(f, TestKeys.testAnchorsPem());
        assertThat(ref.path("validation_state").asText()).as(ref.toString()).isEqualTo("Invalid");
        assertThat(C2paPeer.activeFailures(ref)).containsExactly(code.id());
    }

    @Test
    void changedPixelDataIsADataHashMismatch() throws Exception {
        int afterStore = (int) (found.offset() + found.length());
        bothSay(Tamper.contentByte(marked.file(), afterStore + 30), StatusCodes.DATA_HASH_MISMATCH);
    }

    @Test
    void changedAssertionIsAHashedUriMismatch() throws Exception {
        bothSay(Tamper.assertionByte(marked), StatusCodes.HASHED_URI_MISMATCH);
    }

    @Test
    void changedSignatureIsAClaimSignatureMismatch() throws Exception {
        bothSay(Tamper.signatureByte(marked), StatusCodes.CLAIM_SIGNATURE_MISMATCH);
    }
}
