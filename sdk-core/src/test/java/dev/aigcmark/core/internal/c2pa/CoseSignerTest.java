package dev.aigcmark.core.internal.c2pa;

import dev.aigcmark.testing.TestContexts;
import dev.aigcmark.testing.TestSeed;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.crypto.CertificateIssuer;
import dev.aigcmark.core.crypto.Keys;
import dev.aigcmark.core.crypto.SignatureAlgorithm;
import dev.aigcmark.core.crypto.Signer;
import dev.aigcmark.core.crypto.Signers;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.report.TrustState;
import org.bouncycastle.asn1.x500.X500Name;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.security.SecureRandom;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The adapter from the platform's {@link Signer} (DER ECDSA, Ed25519) to COSE: manifests it signs, with
 * certificates from our own issuer, are Trusted by the reference and by us under the issuing root.
 */
class CoseSignerTest {
    private static final SecureRandom RANDOM = TestSeed.secureRandom("CoseSignerTest");
    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(value = SignatureAlgorithm.class, names = {"ECDSA_P256_SHA256", "ED25519"})
    void platformSignersProduceManifestsTheReferenceTrusts(SignatureAlgorithm alg) throws Exception {
        Instant now = Instant.now();
        KeyPair rootKeys = Keys.generate(SignatureAlgorithm.ECDSA_P256_SHA256, RANDOM);
        X509Certificate root = CertificateIssuer.selfSignedRoot(rootKeys, new X500Name("CN=Test platform root,O=AIGC Mark tests"),
                now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(30)));
        KeyPair leafKeys = Keys.generate(alg, RANDOM);
        X509Certificate leaf = CertificateIssuer.issueLeaf(leafKeys.getPublic(), new X500Name("CN=Test platform C2PA signer"),
                root, rootKeys.getPrivate(), now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(30)));
        Signer platform = Signers.fromKeyPair(alg, leafKeys, List.of(leaf));

        Path out = tmp.resolve("signed-" + alg + ".png");
        SdkContext ctx = TestContexts.builder().handlers(List.of(new PngFixtureHandler())).trustAnchors(List.of(root)).build();
        try (MediaInput in = MediaInput.of(C2paWriterTest.png(tmp, "in.png"))) {
            new C2paWriter(ctx).write(new PngFixtureHandler(), in, out, C2paWriter.Request.of(CoseSigner.of(platform)));
        }
        try (MediaInput in = MediaInput.of(out)) {
            var carrier = new PngFixtureHandler().scan(in, ctx).carriers("jumbf").get(0);
            C2paValidation v = new C2paValidator(ctx).validate(carrier, in);
            assertThat(v.state()).as("%s", v.active()).isEqualTo(TrustState.TRUSTED);
        }
        JsonNode ref = C2paPeer.read(out, TestKeys.writePem(List.of(root), tmp.resolve("root.pem")));
        assertThat(ref.path("validation_state").asText()).as(ref.toString()).isEqualTo("Trusted");
        assertThat(C2paPeer.allFailures(ref)).isEmpty();
    }

    @Test
    void sm2CannotSignManifests() {
        Signer sm2 = Signers.generate(SignatureAlgorithm.SM2_SM3, RANDOM);
        assertThatThrownBy(() -> CoseSigner.of(sm2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot sign C2PA");
    }
}
