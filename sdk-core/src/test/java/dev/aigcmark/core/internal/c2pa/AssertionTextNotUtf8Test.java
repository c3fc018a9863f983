package dev.aigcmark.core.internal.c2pa;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.internal.c2pa.manifest.ManifestStore;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.report.StatusCodes;
import dev.aigcmark.core.report.TrustState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An assertion whose CBOR holds text that is not valid UTF-8 makes its manifest unreadable as
 * {@code assertion.cbor.invalid}, as the C2PA reference refuses it. Our own signed PNG, its actions assertion's digital
 * source type given a 0xFF byte, the claim given the assertion's new hash and signed again with the same key: every
 * other check passes, so the text is the only fault. c2pa-rs 0.91.3 refuses the store ("AssertionDecoding: could not
 * decode assertion c2pa.actions.v2 (version 2, content type application/cbor): Invalid UTF-8"), and does so before it
 * checks hashes (also when the claim keeps the old hash). We read the text as U+FFFD and reported
 * {@code assertion.action.malformed} (with the old hash also {@code assertion.hashedURI.mismatch}).
 */
class AssertionTextNotUtf8Test {
    private static final byte NOT_UTF8 = (byte) 0xFF;

    @TempDir
    Path tmp;
    private CoseSigner signer;
    private Tamper.Located marked;

    @BeforeEach
    void mark() throws Exception {
        Path out = tmp.resolve("marked.png");
        signer = TestKeys.signer("es256");
        try (MediaInput in = MediaInput.of(C2paWriterTest.png(tmp, "in.png"))) {
            new C2paWriter(C2paWriterTest.context()).write(new PngFixtureHandler(), in, out, C2paWriter.Request.of(signer));
        }
        byte[] bytes = Files.readAllBytes(out);
        StoreLocator.Found found = StoreLocator.find(bytes).orElseThrow();
        marked = Tamper.locate(bytes, (int) found.offset() + 8, found.store());
    }

    @Test
    void theManifestIsRefusedAsInvalidAssertionCbor() throws Exception {
        byte[] file = Tamper.assertionTextResigned(marked, NOT_UTF8, signer);
        byte[] store = StoreLocator.find(file).orElseThrow().store();
        assertThatThrownBy(() -> ManifestStore.parse(store, ReadLimits.defaults()).active())
                .isInstanceOfSatisfying(C2paFormatException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(StatusCodes.ASSERTION_CBOR_INVALID);
                    assertThat(e.getMessage()).contains("c2pa.actions.v2").contains("is not valid UTF-8");
                });
    }

    @Test
    void weAndTheReferenceRefuseTheResignedAssertion() throws Exception {
        bothRefuse(Tamper.assertionTextResigned(marked, NOT_UTF8, signer));
    }

    /** The reference decodes before it compares hashes: the text is what it refuses, not the hash. */
    @Test
    void weAndTheReferenceRefuseItAlsoWithTheOldHash() throws Exception {
        byte[] file = marked.file().clone();
        byte[] resigned = Tamper.assertionTextResigned(marked, NOT_UTF8, signer);
        for (int i = 0; i < file.length; i++) {
            if (resigned[i] == NOT_UTF8 && file[i] == 't') {
                file[i] = NOT_UTF8; // only the text's byte; the claim and its signature as they were
            }
        }
        bothRefuse(file);
    }

    /** The same edit with a valid byte: the re-signing is sound, so only the text fails the files above. */
    @Test
    void withValidTextTheResignedFileIsTrustedByBoth() throws Exception {
        Path f = tmp.resolve("resigned.png");
        Files.write(f, Tamper.assertionTextResigned(marked, (byte) 'T', signer));
        C2paValidation ours = C2paWriterTest.validate(f);
        assertThat(ours.activeFailureCodes()).isEmpty();
        assertThat(ours.state()).isEqualTo(TrustState.TRUSTED);
        JsonNode ref = C2paPeer.read(f, TestKeys.testAnchorsPem());
        assertThat(ref.path("validation_state").asText()).as(ref.toString()).isEqualTo("Trusted");
    }

    private void bothRefuse(byte[] file) throws Exception {
        Path f = tmp.resolve("tampered.png");
        Files.write(f, file);
        C2paValidation ours = C2paWriterTest.validate(f);
        assertThat(ours.state()).isEqualTo(TrustState.INVALID);
        assertThat(ours.activeFailureCodes()).containsExactly(StatusCodes.ASSERTION_CBOR_INVALID);

        JsonNode ref = C2paPeer.read(f, TestKeys.testAnchorsPem());
        assertThat(ref.path("error").asText()).as(ref.toString()).contains("AssertionDecoding").contains("c2pa.actions.v2")
                .contains("Invalid UTF-8");
    }
}
