package dev.aigcmark.core.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.aigcmark.core.crypto.KeyMaterial;
import dev.aigcmark.core.crypto.Keys;
import dev.aigcmark.core.crypto.Pem;
import dev.aigcmark.core.trust.TrustRegistryJson;
import dev.aigcmark.testing.SilentOutput;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;

import static dev.aigcmark.core.fuzz.CoreParsersFuzzTest.readOrRefuse;

/**
 * Jazzer harnesses for what a platform imports from others (docs/fuzzing.md): a trust-registry file another
 * platform exported ({@code aigc keys import}), and keys and certificates in every encoding the SDK reads (PEM
 * private keys, encrypted or not, certificate chains, public keys; DER certificates and SubjectPublicKeyInfo;
 * PKCS#12 stores). Each reader returns or refuses with an IOException naming the problem; anything else is a
 * finding.
 */
class TrustInputsFuzzTest {
    /** The password the committed encrypted seeds use, so the fuzzer reaches the decrypted key too. */
    private static final char[] PASSWORD = "fuzz".toCharArray();

    @FuzzTest(maxDuration = "10m")
    void trustRegistry(byte[] data) {
        SilentOutput.require(() -> readOrRefuse(() -> TrustRegistryJson.readEntries(new ByteArrayInputStream(data),
                "fuzzed registry")));
    }

    @FuzzTest(maxDuration = "10m")
    void keyImport(byte[] data) {
        SilentOutput.require(() -> {
            String text = new String(data, StandardCharsets.ISO_8859_1);
            readOrRefuse(() -> KeyMaterial.fromPem(text, PASSWORD, "fuzzed key"));
            readOrRefuse(() -> Pem.readCertificates(text));
            readOrRefuse(() -> Pem.readPublicKey(text));
            readOrRefuse(() -> Pem.certificateFromDer(data));
            readOrRefuse(() -> KeyMaterial.fromPkcs12(new ByteArrayInputStream(data), PASSWORD, null, "fuzzed store"));
            try {
                Keys.publicKeyFromSpki(data);
            } catch (InvalidKeyException refused) {
                // not a key we can use: its declared contract
            }
        });
    }
}
